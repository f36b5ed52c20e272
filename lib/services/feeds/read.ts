import "server-only";
import { FEED_MEDIA_TYPES, PAGE_MEDIA_TYPES } from "@/lib/feeds/discover";
import type { FeedReading } from "@/lib/feeds/read";
import { safeFetch, type Fetched, type FetchOptions } from "@/lib/fetch/fetch";
import { runOffThread } from "@/lib/workers/pool";

// Fetching and reading a feed, shared by adding one (which may start from a site's page) and polling it.
// Everything goes through lib/fetch's guard and limits, and the reading runs on a worker thread within a budget.

/** Reading one feed's body (10 MB at most) takes well under this; past it the feed is refused as too complex. */
export const READ_TIMEOUT_MS = 20_000;

/** A feed that could not be read, with the reason shown on the Sources page. */
export class FeedReadError extends Error {
  constructor(
    readonly reason: "malformed_feed" | "not_a_feed" | "no_feed_advertised" | "too_complex",
    message: string,
  ) {
    super(message);
    this.name = "FeedReadError";
  }
}

const asMediaType = (contentType: string | null) => (contentType ?? "").split(";")[0]!.trim().toLowerCase();

/** Reads a fetched feed's body into items; a body that is no feed throws FeedReadError. */
export async function readFetchedFeed(answer: Fetched): Promise<Extract<FeedReading, { ok: true }>> {
  const reading = await runOffThread("readFeed", [new Uint8Array(answer.body), answer.contentType, answer.url], {
    timeoutMs: READ_TIMEOUT_MS,
    overBudget: () => new FeedReadError("too_complex", `Reading the feed took longer than ${READ_TIMEOUT_MS / 1000} s or needed too much memory`),
  });
  if (!reading.ok) throw new FeedReadError(reading.reason, reading.message);
  return reading;
}

/** GETs a feed (conditionally when validators are given); FetchError for what lib/fetch refuses. */
export function fetchFeed(url: string, validators: Pick<FetchOptions, "etag" | "lastModified"> = {}): Promise<Fetched> {
  return safeFetch(url, { accept: FEED_MEDIA_TYPES, ...validators });
}

/**
 * The feed at `url`, or the first one the page at `url` advertises: its address and what it reads as.
 * Throws FetchError or FeedReadError.
 */
export async function findFeed(url: string): Promise<{ url: string; reading: Extract<FeedReading, { ok: true }> }> {
  const answer = await safeFetch(url, { accept: [...FEED_MEDIA_TYPES, ...PAGE_MEDIA_TYPES] });
  if (!PAGE_MEDIA_TYPES.includes(asMediaType(answer.contentType))) return { url, reading: await readFetchedFeed(answer) };
  const advertised = await runOffThread("advertisedFeeds", [answer.body.toString("utf8"), answer.url], {
    timeoutMs: READ_TIMEOUT_MS,
    overBudget: () => new FeedReadError("too_complex", `Reading the page took longer than ${READ_TIMEOUT_MS / 1000} s or needed too much memory`),
  });
  const first = advertised[0];
  if (!first) throw new FeedReadError("no_feed_advertised", 'The page advertises no feed (no <link rel="alternate"> of an RSS, Atom or JSON Feed type)');
  return { url: first, reading: await readFetchedFeed(await fetchFeed(first)) };
}
