import "server-only";
import { RELATED_AT } from "@/lib/analysis/relevance";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BulkDismissInput, DismissInboxItemInput, InboxAcceptance, InboxItemView, InboxPage, InboxQuery, SnoozeInboxItemInput } from "@/lib/validation/inbox";
import { recordEvent } from "./events";
import { kickRelevanceTraining } from "./relevance-model";

// The team's inbox (issue 14): what the feeds brought, newest or most relevant first, and its triage.
// An analyst accepts an item (saved as a document with its evidence through the review form, which marks it
// accepted: acceptInboxItemIn), dismisses it, or snoozes it until a date; a snoozed item counts as new again
// once that date passes, worked out in each query rather than by a job.

const SUMMARY_CHARS = 280;

const itemSelect = {
  id: true,
  feedId: true,
  feed: { select: { title: true, sourceId: true, source: { select: { name: true } } } },
  url: true,
  title: true,
  text: true,
  publishedAt: true,
  fetchedAt: true,
  relevance: true,
  relevanceReasons: true,
  issueIds: true,
  state: true,
  snoozedUntil: true,
  dismissReason: true,
  documentId: true,
  decidedBy: true,
  decidedAt: true,
} satisfies Prisma.InboxItemSelect;

type ItemRow = Prisma.InboxItemGetPayload<{ select: typeof itemSelect }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Items in a state as the analyst sees it: a snooze that has run out is new. */
export function stateWhere(state: InboxQuery["state"], now = new Date()): Prisma.InboxItemWhereInput {
  if (state === "new") return { OR: [{ state: "new" }, { state: "snoozed", snoozedUntil: { lte: now } }] };
  if (state === "snoozed") return { state: "snoozed", snoozedUntil: { gt: now } };
  return { state };
}

function effectiveState(row: { state: ItemRow["state"]; snoozedUntil: Date | null }, now: Date): ItemRow["state"] {
  return row.state === "snoozed" && (!row.snoozedUntil || row.snoozedUntil <= now) ? "new" : row.state;
}

function toView(row: ItemRow, titles: Map<string, string>, now: Date): InboxItemView {
  const state = effectiveState(row, now);
  return {
    id: row.id,
    feedId: row.feedId,
    feedTitle: row.feed?.title ?? null,
    sourceId: row.feed?.sourceId ?? null,
    sourceName: row.feed?.source.name ?? null,
    url: row.url,
    title: row.title,
    summary: row.text.length > SUMMARY_CHARS ? `${row.text.slice(0, SUMMARY_CHARS).trimEnd()}…` : row.text,
    publishedAt: iso(row.publishedAt),
    fetchedAt: row.fetchedAt.toISOString(),
    relevance: row.relevance,
    related: row.relevance === null ? null : row.relevance >= RELATED_AT,
    relevanceReasons: row.relevanceReasons,
    issues: row.issueIds.flatMap((id) => (titles.has(id) ? [{ id, title: titles.get(id)! }] : [])),
    state,
    snoozedUntil: state === "snoozed" ? iso(row.snoozedUntil) : null,
    dismissReason: row.dismissReason,
    documentId: row.documentId,
    decidedBy: row.decidedBy,
    decidedAt: iso(row.decidedAt),
  };
}

/** The titles of the (undeleted) issues the items speak to. */
async function issueTitles(teamId: string, rows: { issueIds: string[] }[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => row.issueIds))];
  if (ids.length === 0) return new Map();
  const issues = await db.issue.findMany({ where: { teamId, id: { in: ids }, deletedAt: null }, select: { id: true, title: true } });
  return new Map(issues.map((issue) => [issue.id, issue.title]));
}

// ---- paging ------------------------------------------------------------------------------------

type Cursor = { sort: InboxQuery["sort"]; value: string | number | null; id: string };

const encodeCursor = (cursor: Cursor) => Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.id])).toString("base64url");

function decodeCursor(text: string, sort: InboxQuery["sort"]): Cursor {
  const invalid = () => new AppError("validation_failed", "The request is not valid", { fields: { cursor: ["Not a cursor of this listing: start from the first page"] } });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort || typeof parsed[2] !== "string") throw invalid();
  const [, value, id] = parsed as [string, unknown, string];
  if (sort === "newest" && (typeof value !== "string" || Number.isNaN(Date.parse(value)))) throw invalid();
  if (sort === "relevance" && value !== null && typeof value !== "number") throw invalid();
  return { sort, value: value as string | number | null, id };
}

/** Rows after the cursor in the listing's order (ties broken by id, newest first). */
function afterCursor(cursor: Cursor): Prisma.InboxItemWhereInput {
  if (cursor.sort === "newest") {
    const at = new Date(cursor.value as string);
    return { OR: [{ fetchedAt: { lt: at } }, { fetchedAt: at, id: { lt: cursor.id } }] };
  }
  if (cursor.value === null) return { relevance: null, id: { lt: cursor.id } };
  const value = cursor.value as number;
  return { OR: [{ relevance: { lt: value } }, { relevance: value, id: { lt: cursor.id } }, { relevance: null }] };
}

/** The end of `to`'s day when it is a plain date (midnight UTC). */
const endOf = (date: Date) => (date.getTime() % 86_400_000 === 0 ? { lt: new Date(date.getTime() + 86_400_000) } : { lte: date });

export async function listInbox(actor: Actor, query: InboxQuery): Promise<InboxPage> {
  const now = new Date();
  const filters: Prisma.InboxItemWhereInput[] = [stateWhere(query.state, now)];
  if (query.feedId) filters.push({ feedId: query.feedId });
  if (query.issueId) filters.push({ issueIds: { has: query.issueId } });
  if (query.category) {
    const issues = await db.issue.findMany({ where: { teamId: actor.teamId, deletedAt: null, category: { slug: query.category } }, select: { id: true } });
    filters.push({ issueIds: { hasSome: issues.map((issue) => issue.id) } });
  }
  if (query.relevance !== undefined) filters.push({ relevance: { gte: query.relevance } });
  if (query.from) filters.push({ publishedAt: { gte: query.from } });
  if (query.to) filters.push({ publishedAt: endOf(query.to) });
  if (query.cursor) filters.push(afterCursor(decodeCursor(query.cursor, query.sort)));
  const orderBy: Prisma.InboxItemOrderByWithRelationInput[] =
    query.sort === "relevance" ? [{ relevance: { sort: "desc", nulls: "last" } }, { id: "desc" }] : [{ fetchedAt: "desc" }, { id: "desc" }];
  const [rows, unread] = await Promise.all([
    db.inboxItem.findMany({ where: { teamId: actor.teamId, AND: filters }, orderBy, take: query.limit + 1, select: itemSelect }),
    unreadInboxCount(actor),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor({ sort: query.sort, value: query.sort === "relevance" ? last.relevance : last.fetchedAt.toISOString(), id: last.id })
      : null;
  const titles = await issueTitles(actor.teamId, page);
  return { items: page.map((row) => toView(row, titles, now)), nextCursor, unread };
}

/** Counting stops here: the navigation shows "999+", and counting 30,000 new items cost 80 ms of every page. */
export const UNREAD_COUNT_CAP = 1_000;

/**
 * New items in the team's inbox (snoozes run out included: the rule of stateWhere("new"), written here in SQL),
 * counted up to UNREAD_COUNT_CAP: the count in the navigation, on every page. Each state is read from the (team,
 * state) index on its own: Prisma's capped count (`take`) orders by id, which walked the primary key through every
 * state (15 ms with 30,000 new items, 2 ms so).
 */
export async function unreadInboxCount(actor: Actor): Promise<number> {
  const now = new Date();
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM (
      (SELECT 1 FROM "inbox_item" WHERE "teamId" = ${actor.teamId} AND "state" = 'new' LIMIT ${UNREAD_COUNT_CAP})
      UNION ALL
      (SELECT 1 FROM "inbox_item" WHERE "teamId" = ${actor.teamId} AND "state" = 'snoozed' AND "snoozedUntil" <= ${now} LIMIT ${UNREAD_COUNT_CAP})
      LIMIT ${UNREAD_COUNT_CAP}
    ) AS "unread"`;
  return row?.count ?? 0;
}

// ---- triage ------------------------------------------------------------------------------------

async function findItem(tx: Tx | typeof db, actor: Actor, id: string) {
  const item = await tx.inboxItem.findFirst({ where: { id, teamId: actor.teamId }, select: itemSelect });
  if (!item) throw notFound("Inbox item");
  return item;
}

const alreadyAccepted = (item: { id: string; documentId: string | null }) =>
  new AppError("conflict", "This item was accepted into the library already", { inboxItemId: item.id, documentId: item.documentId });

async function viewOf(actor: Actor, row: ItemRow) {
  return toView(row, await issueTitles(actor.teamId, [row]), new Date());
}

/**
 * What the review form opens with for an item: its address, title, text, published date, its feed's source and
 * the issues it speaks to. Writes nothing: the item is accepted when the document is saved from it.
 */
export async function prepareAcceptance(actor: Actor, id: string): Promise<InboxAcceptance> {
  const row = await findItem(db, actor, id);
  if (row.state === "accepted") throw alreadyAccepted(row);
  const item = await viewOf(actor, row);
  return {
    item,
    draft: {
      inboxItemId: row.id,
      url: row.url,
      title: row.title,
      text: row.text,
      publishedAt: row.publishedAt?.toISOString().slice(0, 10) ?? null,
      sourceId: row.feed?.sourceId ?? null,
      issueIds: item.issues.map((issue) => issue.id),
    },
  };
}

/** Marks an item accepted into `documentId`, inside the transaction that saves the document (lib/services/documents.ts). */
export async function acceptInboxItemIn(tx: Tx, actor: Actor, id: string, documentId: string) {
  const item = await tx.inboxItem.findFirst({ where: { id, teamId: actor.teamId }, select: { id: true, state: true, documentId: true } });
  if (!item) throw notFound("Inbox item");
  // The state is checked again in the update itself: two saves of the same item at once, one wins.
  const { count } = await tx.inboxItem.updateMany({
    where: { id, state: { not: "accepted" } },
    data: { state: "accepted", documentId, snoozedUntil: null, dismissReason: null, decidedBy: actor.label, decidedAt: new Date() },
  });
  if (count === 0) throw alreadyAccepted(item);
  await recordEvent(tx, actor, { entityType: "inbox_item", entityId: id, action: "accepted", before: { state: item.state }, after: { state: "accepted", documentId } });
  // Accepting and dismissing are what the team's relevance model learns from (lib/services/relevance-model.ts).
  kickRelevanceTraining(actor.teamId);
}

export async function dismissInboxItem(actor: Actor, id: string, input: DismissInboxItemInput): Promise<InboxItemView> {
  await dismissItems(actor, [id], input.reason);
  return viewOf(actor, await findItem(db, actor, id));
}

/** Dismisses every item listed, or none: an unknown id or another team's is a 404, an accepted item a 409. */
export async function bulkDismissInbox(actor: Actor, input: BulkDismissInput): Promise<{ dismissed: number }> {
  return { dismissed: await dismissItems(actor, [...new Set(input.ids)], input.reason) };
}

async function dismissItems(actor: Actor, ids: string[], reason: string | undefined): Promise<number> {
  const dismissed = await db.$transaction(async (tx) => {
    const items = await tx.inboxItem.findMany({ where: { id: { in: ids }, teamId: actor.teamId }, select: { id: true, state: true, documentId: true } });
    if (items.length !== ids.length) {
      const found = new Set(items.map((item) => item.id));
      throw new AppError("not_found", ids.length === 1 ? "Inbox item not found" : "Some inbox items were not found", { ids: ids.filter((id) => !found.has(id)) });
    }
    const accepted = items.find((item) => item.state === "accepted");
    if (accepted) throw alreadyAccepted(accepted);
    const { count } = await tx.inboxItem.updateMany({
      where: { id: { in: ids }, state: { not: "accepted" } },
      data: { state: "dismissed", dismissReason: reason || null, snoozedUntil: null, decidedBy: actor.label, decidedAt: new Date() },
    });
    // Accepted in between by someone else: nothing is written (the transaction rolls back).
    if (count !== ids.length) throw new AppError("conflict", "Some items were accepted meanwhile: reload the inbox");
    for (const item of items) {
      await recordEvent(tx, actor, { entityType: "inbox_item", entityId: item.id, action: "dismissed", before: { state: item.state }, after: { state: "dismissed", reason: reason || null } });
    }
    return count;
  });
  kickRelevanceTraining(actor.teamId);
  return dismissed;
}

export async function snoozeInboxItem(actor: Actor, id: string, input: SnoozeInboxItemInput): Promise<InboxItemView> {
  await db.$transaction(async (tx) => {
    const item = await findItem(tx, actor, id);
    if (item.state === "accepted") throw alreadyAccepted(item);
    await tx.inboxItem.update({
      where: { id },
      data: { state: "snoozed", snoozedUntil: input.until, dismissReason: null, decidedBy: actor.label, decidedAt: new Date() },
    });
    await recordEvent(tx, actor, { entityType: "inbox_item", entityId: id, action: "snoozed", before: { state: item.state }, after: { state: "snoozed", until: input.until.toISOString() } });
  });
  return viewOf(actor, await findItem(db, actor, id));
}
