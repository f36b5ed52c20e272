import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { FetchError } from "@/lib/fetch/fetch";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CreateFeedInput, FeedView, UpdateFeedInput } from "@/lib/validation/feeds";
import { fetchFailure } from "../captures";
import { changedFields, recordEvent } from "../events";
import { FeedReadError, findFeed } from "./read";

// A source's feeds (issue 14): added by a feed's or a site's address, each polled on its own interval
// (./poll.ts). Analysts add, edit and delete them; viewers read them and their health.

export const feedSelect = {
  id: true,
  sourceId: true,
  source: { select: { name: true } },
  url: true,
  title: true,
  intervalMinutes: true,
  enabled: true,
  lastPolledAt: true,
  lastSuccessAt: true,
  lastErrorAt: true,
  lastErrorReason: true,
  lastError: true,
  consecutiveFailures: true,
  itemsSeen: true,
  lastPollNote: true,
  nextPollAt: true,
  createdAt: true,
} satisfies Prisma.FeedSelect;

type FeedRow = Prisma.FeedGetPayload<{ select: typeof feedSelect }>;

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toFeedView({ source, ...feed }: FeedRow): FeedView {
  return {
    ...feed,
    sourceName: source.name,
    lastPolledAt: iso(feed.lastPolledAt),
    lastSuccessAt: iso(feed.lastSuccessAt),
    lastErrorAt: iso(feed.lastErrorAt),
    nextPollAt: feed.enabled ? feed.nextPollAt.toISOString() : null,
    createdAt: feed.createdAt.toISOString(),
  };
}

export async function listFeeds(actor: Actor, filter: { sourceId?: string } = {}): Promise<FeedView[]> {
  const rows = await db.feed.findMany({
    where: { teamId: actor.teamId, ...(filter.sourceId ? { sourceId: filter.sourceId } : {}) },
    orderBy: [{ source: { name: "asc" } }, { title: "asc" }],
    select: feedSelect,
  });
  return rows.map(toFeedView);
}

/** The team's feed, or 404 (also for another team's). */
export async function getFeed(actor: Actor, id: string): Promise<FeedView> {
  const feed = await db.feed.findFirst({ where: { id, teamId: actor.teamId }, select: feedSelect });
  if (!feed) throw notFound("Feed");
  return toFeedView(feed);
}

/**
 * Adds a feed to one of the team's sources. The address is fetched first: a feed is read to check it is one
 * (and to take its title), a site's page gives the feed it advertises. Nothing is stored when that fails.
 * The new feed is due at once: the next scheduled look polls it.
 */
export async function createFeed(actor: Actor, input: CreateFeedInput): Promise<FeedView> {
  const source = await db.source.findFirst({ where: { id: input.sourceId, teamId: actor.teamId }, select: { id: true } });
  if (!source) throw notFound("Source");
  await assertUrlFree(actor, input.url);
  const found = await findFeed(input.url).catch((error: unknown) => {
    throw unusableFeed(error);
  });
  if (found.url !== input.url) await assertUrlFree(actor, found.url);
  const title = input.title ?? found.reading.title ?? new URL(found.url).hostname;
  return db.$transaction(async (tx) => {
    const feed = await tx.feed.create({
      data: { teamId: actor.teamId, sourceId: source.id, url: found.url, title, intervalMinutes: input.intervalMinutes, enabled: input.enabled },
      select: feedSelect,
    });
    await recordEvent(tx, actor, { entityType: "feed", entityId: feed.id, action: "created", after: { sourceId: source.id, url: found.url, title, intervalMinutes: input.intervalMinutes, enabled: input.enabled } });
    return toFeedView(feed);
  });
}

/** Renames a feed, changes its interval (the next poll moves with it), or turns it on (due at once) or off. */
export async function updateFeed(actor: Actor, id: string, input: UpdateFeedInput): Promise<FeedView> {
  return db.$transaction(async (tx) => {
    const current = await tx.feed.findFirst({ where: { id, teamId: actor.teamId } });
    if (!current) throw notFound("Feed");
    const diff = changedFields({ title: current.title, intervalMinutes: current.intervalMinutes, enabled: current.enabled }, input);
    const data: Prisma.FeedUpdateInput = { ...input };
    if (input.enabled && !current.enabled) data.nextPollAt = new Date();
    else if (input.intervalMinutes && input.intervalMinutes !== current.intervalMinutes && current.consecutiveFailures === 0) {
      data.nextPollAt = new Date((current.lastPolledAt ?? new Date()).getTime() + input.intervalMinutes * 60_000);
    }
    const feed = await tx.feed.update({ where: { id }, data, select: feedSelect });
    if (diff.changed.length) await recordEvent(tx, actor, { entityType: "feed", entityId: id, action: "updated", before: diff.before, after: diff.after });
    return toFeedView(feed);
  });
}

/** Deletes a feed; the items it brought stay in the inbox. */
export async function deleteFeed(actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.feed.findFirst({ where: { id, teamId: actor.teamId }, select: { id: true, url: true, title: true, sourceId: true } });
    if (!current) throw notFound("Feed");
    await tx.feed.delete({ where: { id } });
    await recordEvent(tx, actor, { entityType: "feed", entityId: id, action: "deleted", before: { sourceId: current.sourceId, url: current.url, title: current.title } });
  });
}

async function assertUrlFree(actor: Actor, url: string) {
  const existing = await db.feed.findUnique({ where: { teamId_url: { teamId: actor.teamId, url } }, select: { id: true } });
  if (existing) throw new AppError("conflict", "The team already follows this feed", { feedId: existing.id, fields: { url: ["The team already follows this feed"] } });
}

/** Why the address gives no feed, beside the URL field: 422 (refused, not a feed) or 502 (the site failed). */
function unusableFeed(error: unknown): unknown {
  if (error instanceof FetchError) return fetchFailure(error);
  if (error instanceof FeedReadError) return new AppError("validation_failed", "No feed could be read there", { reason: error.reason, fields: { url: [error.message] } });
  return error;
}
