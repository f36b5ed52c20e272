import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { db, type Tx } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FollowKind } from "@/lib/generated/prisma/enums";
import { describe, noticeOf, recipientsOf, type FollowedSubject, type NotificationKind, type NotifyingEvent } from "@/lib/notifications/recipients";
import type { MarkReadInput, NotificationPage, NotificationQuery, NotificationView } from "@/lib/validation/notifications";
import { categoryKey, remembered, subjectNames, type OutboxReads } from "./outbox-reads";

// The in-app notification center (issue 15). Notifications are written by the outbox hook below, which
// recordEvent and recordSystemEvents call in the event's own transaction: no service can change something and
// forget to notify, and a crash loses either both or neither.

/** The follows (issue, entity, category, briefing schedule) that make someone a follower of what a notice is about. */
async function followsOf(tx: Tx, teamId: string, followed: FollowedSubject[], reads?: OutboxReads): Promise<{ kind: FollowKind; targetId: string }[]> {
  const follows: { kind: FollowKind; targetId: string }[] = [];
  for (const subject of followed) {
    if (subject.kind === "category") {
      const category = await remembered(reads, categoryKey(teamId, subject.slug), () => tx.category.findUnique({ where: { teamId_slug: { teamId, slug: subject.slug } }, select: { id: true } }));
      if (category) follows.push({ kind: "category", targetId: category.id });
    } else if (subject.kind === "issues_of_entity") {
      const links = await remembered(reads, `entity issues ${teamId} ${subject.entityId}`, () =>
        tx.entityIssue.findMany({ where: { entityId: subject.entityId, issue: { teamId, deletedAt: null } }, select: { issueId: true } }),
      );
      for (const link of links) follows.push({ kind: "issue", targetId: link.issueId });
    } else follows.push({ kind: subject.kind, targetId: subject.id });
  }
  return follows;
}

/**
 * The team's members who follow any of these: one statement. Prisma's relation filter on the follower's membership
 * joined the user and probed the membership row by row, 3–10× slower for an issue with a thousand followers on PGlite.
 * They come back as one array in one row: a thousand rows of one column each cost 5 ms more to read.
 */
async function followersOf(tx: Tx, teamId: string, follows: { kind: FollowKind; targetId: string }[]): Promise<string[]> {
  if (follows.length === 0) return [];
  const [row] = await tx.$queryRaw<{ userIds: string[] | null }[]>`
    SELECT array_agg(DISTINCT f."userId") AS "userIds"
    FROM unnest(${follows.map((f) => f.kind)}::text[], ${follows.map((f) => f.targetId)}::text[]) AS s("kind", "targetId")
    JOIN "follow" f ON f."teamId" = ${teamId} AND f."kind" = s."kind"::"FollowKind" AND f."targetId" = s."targetId"
    WHERE EXISTS (SELECT 1 FROM "membership" m WHERE m."teamId" = f."teamId" AND m."userId" = f."userId")`;
  return row?.userIds ?? [];
}

/**
 * The outbox hook: the notifications an event causes, written inside the event's transaction. Followers who left
 * the team are dropped in the same query; all recipients go in one INSERT with two array parameters, so an event
 * with a thousand followers stays a handful of statements (one row of bind parameters each made it 1.2 s). The event
 * is new and the recipients distinct, so the INSERT has no conflict to skip (ON CONFLICT cost 10 % of it), and the
 * table has no foreign keys to check row by row (a third of it: docs/decisions/012-notifications-without-foreign-keys.md).
 */
export async function notifyIn(tx: Tx, event: NotifyingEvent & { id: string }, reads?: OutboxReads) {
  const notice = noticeOf(event);
  if (!notice) return;
  const follows = await followsOf(tx, event.teamId, notice.followed, reads);
  const [followerIds, mentionedMembers, admins] = await Promise.all([
    remembered(reads, `followers ${event.teamId} ${JSON.stringify(follows)}`, () => followersOf(tx, event.teamId, follows)),
    notice.mentioned.length ? tx.membership.findMany({ where: { teamId: event.teamId, userId: { in: notice.mentioned } }, select: { userId: true } }) : [],
    notice.admins ? remembered(reads, `admins ${event.teamId}`, () => tx.membership.findMany({ where: { teamId: event.teamId, role: "admin" }, select: { userId: true } })) : [],
  ]);
  const adminIds = admins.map((a) => a.userId);
  const members = new Set([...followerIds, ...mentionedMembers.map((m) => m.userId), ...adminIds]);
  const recipients = recipientsOf(event, notice, { followers: followerIds, members, admins: adminIds });
  if (recipients.length === 0) return;
  const names = await subjectNames(tx, event.teamId, notice.subject, reads);
  if (!names) return;
  const { title, summary, link } = describe(event, notice, names);
  const ids = recipients.map(() => uuidv7());
  await tx.$executeRaw`
    INSERT INTO "notification" ("id", "teamId", "userId", "kind", "subjectType", "subjectId", "eventId", "title", "summary", "link")
    SELECT r."id", ${event.teamId}, r."userId", ${notice.kind}, ${notice.subject.type}, ${notice.subject.id}, ${event.id}, ${title}, ${summary}, ${link}
    FROM unnest(${ids}::text[], ${recipients}::text[]) AS r("id", "userId")`;
}

const notificationSelect = {
  id: true,
  kind: true,
  subjectType: true,
  subjectId: true,
  eventId: true,
  title: true,
  summary: true,
  link: true,
  createdAt: true,
  readAt: true,
} satisfies Prisma.NotificationSelect;

function toView(row: Prisma.NotificationGetPayload<{ select: typeof notificationSelect }>): NotificationView {
  return {
    ...row,
    kind: row.kind as NotificationKind,
    subjectType: row.subjectType as NotificationView["subjectType"],
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/** Whose notifications: the actor's own in this team (a token's are its creator's). */
const mine = (actor: Actor) => ({ teamId: actor.teamId, userId: actor.userId ?? "" });

export async function unreadCount(actor: Actor): Promise<number> {
  if (!actor.userId) return 0;
  return db.notification.count({ where: { ...mine(actor), readAt: null } });
}

/** Newest first, a page at a time (keyset on the index of recipient and time), with the unread count. */
export async function listNotifications(actor: Actor, query: NotificationQuery): Promise<NotificationPage> {
  if (!actor.userId) return { items: [], nextCursor: null, unread: 0 };
  const where: Prisma.NotificationWhereInput = { ...mine(actor), ...(query.unread ? { readAt: null } : {}), ...(query.kind ? { kind: query.kind } : {}) };
  const after = query.cursor ? await db.notification.findFirst({ where: { ...mine(actor), id: query.cursor }, select: { createdAt: true, id: true } }) : null;
  if (query.cursor && !after) throw new AppError("validation_failed", "The request is not valid", { fields: { cursor: ["Not a cursor of your notifications"] } });
  const older = after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {};
  const [rows, unread] = await Promise.all([
    db.notification.findMany({ where: { ...where, ...older }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.pageSize + 1, select: notificationSelect }),
    unreadCount(actor),
  ]);
  const page = rows.slice(0, query.pageSize);
  return { items: page.map(toView), nextCursor: rows.length > query.pageSize ? page.at(-1)!.id : null, unread };
}

/** Marks some (by id) or all of the actor's notifications read; anyone else's ids are ignored. */
export async function markRead(actor: Actor, input: MarkReadInput): Promise<{ marked: number; unread: number }> {
  if (!actor.userId) return { marked: 0, unread: 0 };
  const { count } = await db.notification.updateMany({
    where: { ...mine(actor), readAt: null, ...("ids" in input ? { id: { in: input.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count, unread: await unreadCount(actor) };
}
