import { noticeOf, type NotifyingEvent } from "@/lib/notifications/recipients";

// What a team webhook can ask for (issue 15): the team-wide notification kinds, and every new comment.
// A mention is left out: it is addressed to one person, and "comment" carries it to a team channel anyway.

export const webhookKinds = ["evidence", "status", "likelihood", "designation", "new_issue", "comment", "review_due"] as const;
export type WebhookKind = (typeof webhookKinds)[number];

export const webhookKindLabels: Record<WebhookKind, string> = {
  evidence: "New evidence on an issue",
  status: "An issue's status moves",
  likelihood: "An issue's likelihood moves",
  designation: "A designation hit on an entity",
  new_issue: "A new issue",
  comment: "A new comment",
  review_due: "A review falls due on an issue",
};

/** A test delivery's type: sent by "Send test", whatever kinds the webhook wants. */
export const TEST_TYPE = "test";

export type WebhookEvent = { kind: WebhookKind; subject: { type: "issue" | "entity"; id: string } };

const text = (value: unknown) => (typeof value === "string" ? value : "");

/** Which webhook kind an event is, and what it is about; null for events no webhook hears of. */
export function webhookEventOf(event: NotifyingEvent): WebhookEvent | null {
  if (event.entityType === "comment" && event.action === "commented") {
    const after = (event.after ?? {}) as Record<string, unknown>;
    if (text(after.issueId)) return { kind: "comment", subject: { type: "issue", id: text(after.issueId) } };
    if (text(after.entityId)) return { kind: "comment", subject: { type: "entity", id: text(after.entityId) } };
    return null;
  }
  const notice = noticeOf(event);
  // A scheduled briefing is told to the schedule's followers only; an inbox item waits in the team's inbox.
  if (!notice || notice.kind === "mention" || notice.kind === "briefing" || notice.kind === "inbox_item" || (notice.subject.type !== "issue" && notice.subject.type !== "entity")) return null;
  return { kind: notice.kind as WebhookKind, subject: notice.subject as WebhookEvent["subject"] };
}
