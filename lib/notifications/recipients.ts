import { likelihoodLabels } from "@/lib/domain/likelihood";
import { statusLabels } from "@/lib/domain/status";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";

// What an event tells whom (issue 15): pure rules, so that who is and is not notified is tested without a database.
// The outbox hook (lib/services/notifications.ts) loads the followers these rules name and writes the result in the
// event's own transaction.

export const notificationKinds = ["evidence", "status", "likelihood", "designation", "mention", "new_issue", "delivery_failed", "review_due", "briefing", "inbox_item"] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** An event as recorded (lib/services/events.ts). */
export type NotifyingEvent = {
  teamId: string;
  actorId: string | null;
  actorLabel: string;
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
};

/** Whose follows make a person a recipient. */
export type FollowedSubject =
  | { kind: "issue" | "entity" | "briefing_schedule"; id: string }
  /** The category an issue is in, named by its slug as the history records it. */
  | { kind: "category"; slug: string }
  /** The issues an entity is tracked on: their followers hear of a designation of one of the issue's actors. */
  | { kind: "issues_of_entity"; entityId: string };

/** What an event notifies about: its kind, what the notification links to, whose follows count and who is mentioned. */
export type Notice = {
  kind: NotificationKind;
  /**
   * What one unfollows from the notification. A scheduled briefing's notice is about its schedule (the link goes to
   * the briefing made); a relevant inbox item's, about the category of its best issue (the link goes to the inbox).
   */
  subject: { type: "issue" | "entity" | "webhook" | "briefing_schedule" | "category"; id: string };
  followed: FollowedSubject[];
  mentioned: string[];
  /** The team's admins hear of it too (a webhook disabled after failing). */
  admins?: true;
};

type Fields = Record<string, unknown>;
const fields = (value: unknown): Fields => (value && typeof value === "object" ? (value as Fields) : {});
/** A JSON value as text: a string as it is, anything else as nothing. */
export const text = (value: unknown) => (typeof value === "string" ? value : "");
const ids = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/** Whether and what an event notifies; null for the many events nobody is told about. */
export function noticeOf(event: NotifyingEvent): Notice | null {
  const before = fields(event.before);
  const after = fields(event.after);
  const issue = (id: string) => ({ type: "issue" as const, id });
  switch (`${event.entityType}.${event.action}`) {
    case "evidence.evidence_added":
      return text(after.issueId) ? { kind: "evidence", subject: issue(text(after.issueId)), followed: [{ kind: "issue", id: text(after.issueId) }], mentioned: [] } : null;
    case "issue.status_changed":
    case "issue.likelihood_changed":
      return {
        kind: event.action === "status_changed" ? "status" : "likelihood",
        subject: issue(event.entityId),
        followed: [{ kind: "issue", id: event.entityId }],
        mentioned: [],
      };
    case "issue.created":
      return text(after.category) ? { kind: "new_issue", subject: issue(event.entityId), followed: [{ kind: "category", slug: text(after.category) }], mentioned: [] } : null;
    case "hit.hit_found":
    case "hit.hit_reopened": {
      const entityId = text(after.entityId);
      if (!entityId) return null;
      return { kind: "designation", subject: { type: "entity", id: entityId }, followed: [{ kind: "entity", id: entityId }, { kind: "issues_of_entity", entityId }], mentioned: [] };
    }
    case "comment.commented":
    case "comment.comment_edited": {
      // An edit tells only those it newly mentions: the others heard of the comment when it was posted.
      const earlier = new Set(ids(before.mentions));
      const mentioned = ids(after.mentions).filter((id) => !earlier.has(id));
      const target = text(after.issueId) ? issue(text(after.issueId)) : text(after.entityId) ? { type: "entity" as const, id: text(after.entityId) } : null;
      return mentioned.length && target ? { kind: "mention", subject: target, followed: [], mentioned } : null;
    }
    case "issue.review_due":
      return { kind: "review_due", subject: issue(event.entityId), followed: [{ kind: "issue", id: event.entityId }], mentioned: [] };
    case "briefing.created": {
      // Only a briefing a schedule made tells anyone: one made by hand is in front of the person who made it.
      const scheduleId = text(after.scheduleId);
      return scheduleId ? { kind: "briefing", subject: { type: "briefing_schedule", id: scheduleId }, followed: [{ kind: "briefing_schedule", id: scheduleId }], mentioned: [] } : null;
    }
    case "inbox_item.arrived": {
      // A feed brought an item the analysis found relevant (lib/services/feeds/poll.ts records only those): the
      // followers of the categories of the issues it speaks to hear of it.
      const slugs = [...new Set(ids(after.categories))];
      const categoryId = text(after.categoryId);
      return slugs.length && categoryId ? { kind: "inbox_item", subject: { type: "category", id: categoryId }, followed: slugs.map((slug) => ({ kind: "category", slug })), mentioned: [] } : null;
    }
    case "webhook.webhook_disabled":
      return { kind: "delivery_failed", subject: { type: "webhook", id: event.entityId }, followed: [], mentioned: [], admins: true };
    default:
      return null;
  }
}

/**
 * Who is notified: the followers of what the event is about and the people it mentions, once each, if they are
 * members of the event's team, but never the person who acted. Followers arrive already narrowed to the notice's
 * subjects; someone who unfollowed has no follow left and so is not among them.
 */
export function recipientsOf(event: Pick<NotifyingEvent, "actorId">, notice: Notice, audience: { followers: string[]; members: ReadonlySet<string>; admins?: string[] }): string[] {
  const everyone = new Set([...audience.followers, ...notice.mentioned, ...(notice.admins ? (audience.admins ?? []) : [])]);
  return [...everyone].filter((userId) => userId !== event.actorId && audience.members.has(userId));
}

/** Text cut to `length` characters, an ellipsis last when cut. */
export const clip = (value: string, length = 280) => (value.length > length ? `${value.slice(0, length - 1)}…` : value);
const statusName = (value: unknown) => statusLabels[value as IssueStatus] ?? text(value);
const likelihoodName = (value: unknown) => likelihoodLabels[value as Likelihood] ?? text(value);

/** A notification's title, summary and link, from the event and the names of what it is about. */
export function describe(event: NotifyingEvent, notice: Notice, names: { subject: string; category?: string }): { title: string; summary: string; link: string } {
  const before = fields(event.before);
  const after = fields(event.after);
  const link =
    notice.kind === "inbox_item"
      ? `/inbox?${new URLSearchParams({ sort: "relevance", ...(text(after.issueId) ? { issueId: text(after.issueId) } : {}) })}`
      : notice.subject.type === "issue"
      ? `/issues/${notice.subject.id}`
      : notice.subject.type === "webhook"
        ? "/team/webhooks"
        : notice.subject.type === "briefing_schedule"
          ? `/briefings/${event.entityId}`
          : `/entities/${notice.subject.id}`;
  const why = text(after.rationale) ? `Why: ${text(after.rationale)}` : "";
  const moves = [
    "status" in after ? `status ${statusName(before.status)} → ${statusName(after.status)}` : "",
    "likelihood" in after ? `likelihood ${likelihoodName(before.likelihood)} → ${likelihoodName(after.likelihood)}` : "",
  ].filter(Boolean);
  switch (notice.kind) {
    case "evidence":
      return { title: `New evidence on “${names.subject}”`, summary: clip(`${event.actorLabel} added: “${text(after.quote)}”`), link };
    case "status":
    case "likelihood":
      return { title: `“${names.subject}”: ${moves.join(", ")}`, summary: clip([`By ${event.actorLabel}.`, why].filter(Boolean).join(" ")), link };
    case "designation":
      return {
        title: `${names.subject} ${event.action === "hit_reopened" ? "changed on" : "matched on"} ${text(after.list)}`,
        summary: clip(`Matched “${text(after.name)}” (${text(after.level)}, score ${Number(after.score ?? 0).toFixed(2)}). Review the hit.`),
        link,
      };
    case "mention":
      return { title: `${event.actorLabel} mentioned you on “${names.subject}”`, summary: clip(text(after.body)), link };
    case "delivery_failed":
      return { title: `Webhook to ${names.subject} disabled`, summary: clip(`${Number(after.failures ?? 0)} deliveries in a row failed; the last: ${text(after.lastError) || "no answer"}. Check the receiver, then enable it again.`), link };
    case "review_due": {
      const date = text(after.reviewAt).slice(0, 10);
      return { title: `Review due: “${names.subject}”`, summary: clip(`Its review date${date ? `, ${date},` : ""} has come. Review the issue and set the next date.`), link };
    }
    case "briefing": {
      const issues = Number(after.issueCount ?? 0);
      const changes = Number(after.changeCount ?? 0);
      return {
        title: `Briefing ready: “${text(after.title) || names.subject}”`,
        summary: clip(`${issues === 1 ? "1 issue" : `${issues} issues`}, ${changes === 1 ? "1 change" : `${changes} changes`} since the previous briefing. Open it to download it as PDF, Word, Markdown, CSV or JSON.`),
        link,
      };
    }
    case "inbox_item": {
      const relevance = Math.round(Number(after.relevance ?? 0) * 100);
      const feed = text(after.feedTitle) ? ` from ${text(after.feedTitle)}` : "";
      return {
        title: `In the inbox${feed}: “${text(after.title)}”`,
        summary: clip(`${relevance}% relevant${text(after.issueTitle) ? ` to “${text(after.issueTitle)}”` : ""}. Accept it as a document, snooze or dismiss it.`),
        link,
      };
    }
    case "new_issue":
      return { title: `New issue in ${names.category ?? text(after.category)}: “${names.subject}”`, summary: clip(text(after.summary) || `Opened by ${event.actorLabel}.`), link };
  }
}
