import "server-only";
import { db } from "@/lib/db/client";
import type { SanctionsEntry } from "@/lib/sanctions/entry";
import { THRESHOLDS, type ScreeningQuery } from "@/lib/sanctions/match/score";
import { ScreeningIndex, type ScreeningHit } from "@/lib/sanctions/match/screening-index";
import { shareEntries, type ReleaseMatch } from "@/lib/sanctions/match/shared-releases";
import { runOffThread } from "@/lib/workers/pool";
import type { ScreeningRequest, ScreeningResponse } from "@/lib/validation/sanctions";

// Screening names against the latest release of every list. A release's entries are read once, when first
// screened against, and kept as JSON in shared memory; a newer release of the list replaces them.
// - Names a person screens (the Screening page, the API) are scored on this thread, against an index built from
//   those entries on first use (about a second for the SDN list): one name takes a few milliseconds.
// - Tracked entities, up to every team's after a release (10,000 and more), are scored by the worker threads,
//   which keep their own indexes: on this thread they would hold up every request for tens of seconds.

type StoredEntry = { id: string; contentHash: string };
type Release = {
  listId: string;
  list: string;
  releaseId: string;
  /** In the order of `entries`. */
  stored: StoredEntry[];
  entries: SharedArrayBuffer;
  /** Built on first use by `screenNames`. */
  index?: { index: ScreeningIndex; stored: Map<SanctionsEntry, StoredEntry> };
};
/** By list id: the release read and its entries (a promise, so that concurrent calls read it once). */
const releases = new Map<string, { releaseId: string; ready: Promise<Release> }>();
/** Entries read a page at a time, so that the thread serves requests in between. */
const PAGE = 2_000;

async function readRelease(releaseId: string, listId: string, list: string): Promise<Release> {
  const stored: StoredEntry[] = [];
  const texts: string[] = [];
  for (let after = "";;) {
    const rows = await db.$queryRaw<{ id: string; contentHash: string; data: string }[]>`
      SELECT "id", "contentHash", "data"::text AS "data" FROM "sanctions_entry"
      WHERE "releaseId" = ${releaseId} AND "id" > ${after} ORDER BY "id" LIMIT ${PAGE}`;
    for (const { id, contentHash, data } of rows) {
      stored.push({ id, contentHash });
      texts.push(data);
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  return { listId, list, releaseId, stored, entries: shareEntries(texts) };
}

async function latestReleases(): Promise<Release[]> {
  const latest = await db.$queryRaw<{ listId: string; slug: string; releaseId: string }[]>`
    SELECT DISTINCT ON (r."listId") r."listId", l."slug", r."id" AS "releaseId"
    FROM "sanctions_release" r JOIN "sanctions_list" l ON l."id" = r."listId"
    ORDER BY r."listId", r."publishedAt" DESC, r."importedAt" DESC`;
  return Promise.all(
    latest.map(({ listId, slug, releaseId }) => {
      const cached = releases.get(listId);
      if (cached?.releaseId === releaseId) return cached.ready;
      const ready = readRelease(releaseId, listId, slug);
      releases.set(listId, { releaseId, ready });
      ready.catch(() => releases.get(listId)?.ready === ready && releases.delete(listId));
      return ready;
    }),
  );
}

function indexOf(release: Release): NonNullable<Release["index"]> {
  if (!release.index) {
    const entries = JSON.parse(Buffer.from(release.entries).toString("utf8")) as SanctionsEntry[];
    release.index = { index: new ScreeningIndex(entries), stored: new Map(entries.map((entry, at) => [entry, release.stored[at]!])) };
  }
  return release.index;
}

type Match = ScreeningResponse["results"][number]["matches"][number];

/** What a match says, from a hit on this thread's index or from a worker's match. */
function toMatch(list: string, entryId: string, hit: Omit<ScreeningHit, "entry"> & Pick<SanctionsEntry, "sourceId" | "name" | "programs">): Match {
  const { explanation } = hit;
  return {
    entryId,
    list,
    sourceId: hit.sourceId,
    name: hit.name,
    matchedName: explanation.matchedName,
    score: hit.score,
    level: hit.level ?? "review",
    programs: hit.programs,
    explanation: {
      summary: explanation.summary,
      nameKind: explanation.nameKind,
      words: explanation.words,
      unmatchedQueryWords: explanation.unmatchedQueryWords,
      unmatchedEntryWords: explanation.unmatchedEntryWords,
      reasons: explanation.reasons,
    },
  };
}

/** Each name's matches at or above the review threshold, best first, over every list. */
export async function screenNames({ names }: ScreeningRequest): Promise<ScreeningResponse> {
  const lists = (await latestReleases()).map((release) => ({ release, ...indexOf(release) }));
  const results = names.map((query) => {
    const matches = lists.flatMap(({ release, index, stored }) =>
      index.screen(query).map(({ entry, ...hit }) => toMatch(release.list, stored.get(entry)!.id, { ...hit, sourceId: entry.sourceId, name: entry.name, programs: entry.programs })),
    );
    return { name: query.name, matches: matches.sort((a, b) => b.score - a.score) };
  });
  return { thresholds: { match: THRESHOLDS.match, review: THRESHOLDS.review }, results };
}

/** A match with where it stands in the database: what tracked entities' hits are stored from. */
export type StoredMatch = Match & { listId: string; releaseId: string; contentHash: string };

/** A worker's time for one call: indexing the lists (a few seconds at most) and screening the entities given. */
const SCREEN_TIMEOUT_MS = 120_000;

/**
 * Screens tracked entities: each entity is its names (name and aliases) with its type, country and identifiers.
 * Per entity, its best match on each entry of every list's latest release, best first. Also the lists screened
 * (by id), so that a caller can tell a hit that is gone from a list that was not screened.
 */
export async function screenEntities(entities: ScreeningQuery[][]): Promise<{ listIds: string[]; results: StoredMatch[][] }> {
  const lists = await latestReleases();
  const listIds = lists.map((release) => release.listId);
  if (lists.length === 0 || entities.length === 0) return { listIds, results: entities.map(() => []) };
  const matches = await runOffThread("screenEntities", [lists.map(({ releaseId, entries }) => ({ releaseId, entries })), entities], { timeoutMs: SCREEN_TIMEOUT_MS });
  const stored = (match: ReleaseMatch): StoredMatch => {
    const release = lists[match.release]!;
    const { id, contentHash } = release.stored[match.entry]!;
    return { ...toMatch(release.list, id, match), listId: release.listId, releaseId: release.releaseId, contentHash };
  };
  return { listIds, results: matches.map((found) => found.map(stored)) };
}
