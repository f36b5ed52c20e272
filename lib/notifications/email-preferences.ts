import { notificationKinds, type NotificationKind } from "./recipients";

// How each kind of notification reaches a person by email (issue 15): at once, gathered in a daily or weekly
// digest, or not at all. The app shows every notification whatever is chosen here.

export const emailDeliveries = ["immediate", "daily", "weekly", "off"] as const;
export type EmailDelivery = (typeof emailDeliveries)[number];
export type DigestCadence = Extract<EmailDelivery, "daily" | "weekly">;

/** Without a choice: a mention is personal and comes at once; the rest waits for the daily digest (aleph#11: alerts on everything annoy). */
export const DEFAULT_EMAIL_DELIVERY: Record<NotificationKind, EmailDelivery> = {
  mention: "immediate",
  evidence: "daily",
  status: "daily",
  likelihood: "daily",
  designation: "daily",
  new_issue: "daily",
  // A webhook turned off after 20 failures: the receivers miss events until an admin acts.
  delivery_failed: "immediate",
  // Reminders: several issues often fall due together, so a day's gathered into one email.
  review_due: "daily",
  // Asked for by whoever made or follows the schedule, for a time of their choosing: it comes when it is made.
  briefing: "immediate",
  // A feed can bring several a day: gathered, like the other news of the day.
  inbox_item: "daily",
};

export const emailDeliveryLabels: Record<EmailDelivery, string> = {
  immediate: "Immediately",
  daily: "Daily digest",
  weekly: "Weekly digest",
  off: "No email",
};

export const notificationKindLabels: Record<NotificationKind, string> = {
  evidence: "New evidence on an issue you follow",
  status: "Status changes",
  likelihood: "Likelihood changes",
  designation: "Designation hits",
  mention: "Mentions in comments",
  new_issue: "New issues in a category you follow",
  delivery_failed: "A team webhook turned off after failing (admins)",
  review_due: "A review falls due on an issue you follow",
  briefing: "Scheduled briefings you follow",
  inbox_item: "Relevant inbox items in a category you follow",
};

/** A person's choices over the defaults, one per kind. */
export function effectivePreferences(chosen: Array<{ kind: string; delivery: string }>): Record<NotificationKind, EmailDelivery> {
  const result = { ...DEFAULT_EMAIL_DELIVERY };
  for (const { kind, delivery } of chosen) {
    if ((notificationKinds as readonly string[]).includes(kind) && (emailDeliveries as readonly string[]).includes(delivery)) {
      result[kind as NotificationKind] = delivery as EmailDelivery;
    }
  }
  return result;
}
