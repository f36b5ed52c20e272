import "server-only";
import { RELATED_AT } from "@/lib/analysis/relevance";
import type { IssueToMatch, LearnedModel } from "@/lib/analysis/analyze";
import type { SharedIssues } from "@/lib/analysis/shared-issues";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid";
import { notFound } from "@/lib/errors";
import type { FeedItem } from "@/lib/feeds/read";
import type { ItemRelevance } from "@/lib/feeds/relevance";
import { nextPollAt } from "@/lib/feeds/schedule";
import { FetchError } from "@/lib/fetch/fetch";
import type { Feed } from "@/lib/generated/prisma/client";
import type { FeedPoll } from "@/lib/validation/feeds";
import { runOffThread } from "@/lib/workers/pool";
import { teamIssues } from "../issues-to-match";
import { recordSystemEvents, type EventInput } from "../events";
import { knownReads } from "../outbox-reads";
import { relevanceModelFor } from "../relevance-model";
import { feedSelect, toFeedView } from "./feeds";
import { FeedReadError, fetchFeed, readFetchedFeed } from "./read";

// Polling one feed (the job feeds.poll, and "Poll now"): a conditional GET through the SSRF guard, the body
// read on a worker thread, the new items analysed against the team's watchlist (their relevance, moved by the team's
// learned model when it has one) and written to the team's inbox in one statement with the feed's health. An item
// found relevant (RELATED_AT) is an event in the same transaction: the followers of its issues' categories are
// notified (issue 15). On PGlite that transaction holds the one connection and requests wait for it: what can be read
// before it (the team's categories) is.
// A feed's own failure (refused, down, slow, too large, no feed) is its health, not an exception: it is shown
// on the Sources page and the next poll backs off. Only the database failing throws (the job is retried).

/** How many due feeds one scheduled look sends; the rest are sent by the next look a minute later. */
export const DUE_BATCH = 1000;
/** Scoring one poll's new items (500 at most) against the watchlist; past it they arrive unscored (relevance null). */
export const SCORING_TIMEOUT_MS = 60_000;

/** Feeds due for a poll, oldest due first. */
export async function dueFeeds(now = new Date()): Promise<{ id: string; teamId: string }[]> {
  return db.feed.findMany({ where: { enabled: true, nextPollAt: { lte: now } }, orderBy: { nextPollAt: "asc" }, take: DUE_BATCH, select: { id: true, teamId: true } });
}

/** The feeds whose poll job is running now (their ids are the jobs' singletonKey), on any instance. */
export async function feedsBeingPolled(jobName: string): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT singleton_key AS key FROM pgboss.job WHERE name = ${jobName} AND state = 'active' AND singleton_key IS NOT NULL`;
  return new Set(rows.map((row) => row.key));
}

export type PollOutcome = Omit<FeedPoll, "feed"> | { status: "skipped"; why: string };

/**
 * Polls a feed if it is still there, enabled and due (a job sent before an edit may arrive late); `force` polls
 * it whatever its schedule ("Poll now").
 */
export async function pollFeed(feedId: string, { force = false } = {}): Promise<PollOutcome> {
  const feed = await db.feed.findUnique({ where: { id: feedId } });
  if (!feed) return { status: "skipped", why: "deleted" };
  if (!force && !feed.enabled) return { status: "skipped", why: "disabled" };
  if (!force && feed.nextPollAt > new Date()) return { status: "skipped", why: "not due" };

  const polledAt = new Date();
  try {
    const answer = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
    const validators = { etag: answer.etag ?? feed.etag, lastModified: answer.lastModified ?? feed.lastModified };
    const success = { ...validators, lastPolledAt: polledAt, lastSuccessAt: polledAt, consecutiveFailures: 0, nextPollAt: nextPollAt(polledAt, feed.intervalMinutes, 0) };
    if (answer.notModified) {
      await db.feed.update({ where: { id: feed.id }, data: { ...success, lastPollNote: "Not modified since the last poll" } });
      return { status: "not_modified", newItems: 0 };
    }
    const reading = await readFetchedFeed(answer);
    const fresh = await unseen(feed, reading.items);
    const [{ issues, shared }, learned] = fresh.length ? await Promise.all([teamIssues(feed.teamId), relevanceModelFor(feed.teamId)]) : [NO_ISSUES, null];
    const scores = await relevanceOf(fresh, shared, learned);
    const categories = fresh.length ? await db.category.findMany({ where: { teamId: feed.teamId }, select: { id: true, slug: true } }) : [];
    const newItems = await db.$transaction(async (tx) => {
      const written = await writeItems(tx, feed, fresh, scores, polledAt);
      const count = written.length;
      await recordSystemEvents(tx, POLLING_LABEL, relevantArrivals(feed, written, issues, categories), knownReads(feed.teamId, { categories }));
      await tx.feed.update({ where: { id: feed.id }, data: { ...success, itemsSeen: { increment: count }, lastPollNote: note(reading.total, count, reading.notes) } });
      return count;
    });
    return { status: "polled", newItems };
  } catch (error) {
    if (!(error instanceof FetchError || error instanceof FeedReadError)) throw error;
    const failures = feed.consecutiveFailures + 1;
    await db.feed.update({
      where: { id: feed.id },
      data: { lastPolledAt: polledAt, lastErrorAt: polledAt, lastErrorReason: error.reason, lastError: error.message, consecutiveFailures: failures, nextPollAt: nextPollAt(polledAt, feed.intervalMinutes, failures) },
    });
    return { status: "failed", newItems: 0 };
  }
}

/**
 * Writes a poll's new items to the team's inbox in one statement, as JSON rows: Prisma's createManyAndReturn compiled
 * its query anew for every poll (50 rows of 13 fields: 10–45 ms of the request thread each time, and as much garbage).
 * ON CONFLICT DO NOTHING on every unique index (team + canonical URL, team + content hash, feed + GUID): an item another
 * feed of the team brought, or a concurrent poll is writing, is not written twice.
 */
async function writeItems(tx: Tx, feed: Feed, items: FeedItem[], scores: ItemRelevance[] | null, fetchedAt: Date): Promise<WrittenItem[]> {
  const rows = items.map((item, i) => ({
    id: uuidv7(fetchedAt),
    url: item.url,
    title: item.title,
    text: item.text,
    publishedAt: item.publishedAt ? new Date(item.publishedAt).toISOString() : null,
    guid: item.guid,
    contentHash: item.contentHash,
    relevance: scores?.[i]?.relevance ?? null,
    issueIds: scores?.[i]?.issueIds ?? [],
    relevanceReasons: scores?.[i]?.reasons ?? [],
  }));
  return tx.$queryRaw<WrittenItem[]>`
    INSERT INTO "inbox_item" ("id", "teamId", "feedId", "url", "title", "text", "publishedAt", "guid", "contentHash", "relevance", "issueIds", "relevanceReasons", "fetchedAt")
    SELECT r."id", ${feed.teamId}, ${feed.id}, r."url", r."title", r."text", r."publishedAt", r."guid", r."contentHash", r."relevance", r."issueIds", r."relevanceReasons", ${fetchedAt}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS r("id" text, "url" text, "title" text, "text" text, "publishedAt" timestamp(3), "guid" text, "contentHash" text, "relevance" float8, "issueIds" text[], "relevanceReasons" text[])
    ON CONFLICT DO NOTHING
    RETURNING "id", "title", "relevance", "issueIds"`;
}

/** The items the team's inbox does not hold yet: only they are analysed (a feed repeats its items at every poll). */
async function unseen(feed: Feed, items: FeedItem[]): Promise<FeedItem[]> {
  if (items.length === 0) return [];
  const urls = items.flatMap((item) => (item.url ? [item.url] : []));
  const guids = items.flatMap((item) => (item.guid ? [item.guid] : []));
  const known = await db.inboxItem.findMany({
    where: { teamId: feed.teamId, OR: [{ url: { in: urls } }, { contentHash: { in: items.map((item) => item.contentHash) } }, { feedId: feed.id, guid: { in: guids } }] },
    select: { url: true, contentHash: true, guid: true, feedId: true },
  });
  const knownUrls = new Set(known.map((item) => item.url));
  const knownHashes = new Set(known.map((item) => item.contentHash));
  const knownGuids = new Set(known.filter((item) => item.feedId === feed.id).map((item) => item.guid));
  return items.filter((item) => !(item.url && knownUrls.has(item.url)) && !knownHashes.has(item.contentHash) && !(item.guid && knownGuids.has(item.guid)));
}

/** Who the history names for the events a poll records. */
export const POLLING_LABEL = "Feed polling";

type WrittenItem = { id: string; title: string; relevance: number | null; issueIds: string[] };

/**
 * The events of the items written that the analysis found relevant: one each, naming its best issue, that issue's
 * category (what the notification offers to unfollow) and the categories of all its issues (whose followers hear).
 */
function relevantArrivals(feed: Feed, written: WrittenItem[], issues: readonly IssueToMatch[], teamCategories: { id: string; slug: string }[]): (EventInput & { teamId: string })[] {
  const issueById = new Map(issues.map((issue) => [issue.id, issue]));
  const categoryId = new Map(teamCategories.map((category) => [category.slug, category.id]));
  const relevant = written.flatMap((item) => {
    const itsIssues = item.issueIds.flatMap((id) => issueById.get(id) ?? []);
    return item.relevance !== null && item.relevance >= RELATED_AT && itsIssues.length ? [{ item, relevance: item.relevance, best: itsIssues[0]!, categories: [...new Set(itsIssues.map((issue) => issue.categorySlug))] }] : [];
  });
  return relevant.map(({ item, relevance, best, categories }) => ({
    teamId: feed.teamId,
    entityType: "inbox_item" as const,
    entityId: item.id,
    action: "arrived",
    after: { title: item.title, relevance, feedTitle: feed.title, issueId: best.id, issueTitle: best.title, categoryId: categoryId.get(best.categorySlug) ?? null, categories },
  }));
}

class ScoringTooLong extends Error {}

/** A poll with no new items scores nothing. */
const NO_ISSUES = { issues: [] as readonly IssueToMatch[], shared: [] as readonly IssueToMatch[] };

/** Each item's relevance to the team's issues, scored on a worker thread; null when that took too long. */
async function relevanceOf(items: FeedItem[], issues: SharedIssues | readonly IssueToMatch[], learned: LearnedModel | null): Promise<ItemRelevance[] | null> {
  if (items.length === 0) return [];
  const texts = items.map(({ title, text, url }) => ({ title, text, url }));
  return runOffThread("scoreFeedItems", [texts, issues, learned], { timeoutMs: SCORING_TIMEOUT_MS, overBudget: () => new ScoringTooLong() }).catch((error: unknown) => {
    if (error instanceof ScoringTooLong) return null;
    throw error;
  });
}

function note(total: number, added: number, notes: string[]): string {
  const counts = `${total.toLocaleString("en")} item${total === 1 ? "" : "s"} in the feed, ${added.toLocaleString("en")} new`;
  return [counts, ...notes].join("; ");
}

/** "Poll now": the team's feed polled at once, whatever its schedule, with its health after. */
export async function pollFeedNow(actor: Actor, id: string): Promise<FeedPoll> {
  const owned = await db.feed.findFirst({ where: { id, teamId: actor.teamId }, select: { id: true } });
  if (!owned) throw notFound("Feed");
  const outcome = await pollFeed(id, { force: true });
  const feed = await db.feed.findFirst({ where: { id, teamId: actor.teamId }, select: feedSelect });
  if (!feed || outcome.status === "skipped") throw notFound("Feed"); // deleted while it was polled
  return { feed: toFeedView(feed), ...outcome };
}
