import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import { db } from "@/lib/db/client";
import type { SanctionsEntry } from "@/lib/sanctions/entry";
import { THRESHOLDS, type ScreeningQuery } from "@/lib/sanctions/match/score";
import { ScreeningIndex, type ScreeningHit } from "@/lib/sanctions/match/screening-index";
import type { ScreeningRequest, ScreeningResponse } from "@/lib/validation/sanctions";

// Screening names against the latest release of every list. Each release's entries are indexed in memory once
// (about a second for the SDN list), when first screened against; a newer release of the list replaces it.

type StoredEntry = { id: string; contentHash: string };
type ReleaseIndex = { listId: string; list: string; releaseId: string; index: ScreeningIndex; entryIds: Map<SanctionsEntry, StoredEntry> };
/** By list id: the release indexed and its index (a promise, so that concurrent calls build it once). */
const indexes = new Map<string, { releaseId: string; ready: Promise<ReleaseIndex> }>();

async function buildIndex(releaseId: string, listId: string, list: string): Promise<ReleaseIndex> {
  const rows = await db.sanctionsEntry.findMany({ where: { releaseId }, select: { id: true, data: true, contentHash: true } });
  const entryIds = new Map<SanctionsEntry, StoredEntry>();
  for (const row of rows) entryIds.set(row.data as unknown as SanctionsEntry, { id: row.id, contentHash: row.contentHash });
  return { listId, list, releaseId, index: new ScreeningIndex(entryIds.keys()), entryIds };
}

async function latestIndexes(): Promise<ReleaseIndex[]> {
  const latest = await db.$queryRaw<{ listId: string; slug: string; releaseId: string }[]>`
    SELECT DISTINCT ON (r."listId") r."listId", l."slug", r."id" AS "releaseId"
    FROM "sanctions_release" r JOIN "sanctions_list" l ON l."id" = r."listId"
    ORDER BY r."listId", r."publishedAt" DESC, r."importedAt" DESC`;
  return Promise.all(
    latest.map(({ listId, slug, releaseId }) => {
      const cached = indexes.get(listId);
      if (cached?.releaseId === releaseId) return cached.ready;
      const ready = buildIndex(releaseId, listId, slug);
      indexes.set(listId, { releaseId, ready });
      // A failed build is tried again on the next call rather than remembered.
      ready.catch(() => indexes.get(listId)?.ready === ready && indexes.delete(listId));
      return ready;
    }),
  );
}

type Match = ScreeningResponse["results"][number]["matches"][number];

function toMatch({ list, entryIds }: ReleaseIndex, { entry, score, level, explanation }: ScreeningHit): Match {
  return {
    entryId: entryIds.get(entry)!.id,
    list,
    sourceId: entry.sourceId,
    name: entry.name,
    matchedName: explanation.matchedName,
    score,
    level: level ?? "review",
    programs: entry.programs,
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
  const lists = await latestIndexes();
  const results = names.map((query) => {
    const matches = lists.flatMap((release) => release.index.screen(query).map((hit) => toMatch(release, hit)));
    return { name: query.name, matches: matches.sort((a, b) => b.score - a.score) };
  });
  return { thresholds: { match: THRESHOLDS.match, review: THRESHOLDS.review }, results };
}

const YIELD_EVERY = 10;

/** A match with where it stands in the database: what tracked entities' hits are stored from. */
export type StoredMatch = Match & { listId: string; releaseId: string; contentHash: string };

/**
 * Screens tracked entities: each entity is its names (name and aliases) with its type, country and identifiers.
 * Per entity, its best match on each entry of every list's latest release, best first. Also the lists screened
 * (by id), so that a caller can tell a hit that is gone from a list that was not screened.
 */
export async function screenEntities(entities: ScreeningQuery[][]): Promise<{ listIds: string[]; results: StoredMatch[][] }> {
  const lists = await latestIndexes();
  const results: StoredMatch[][] = [];
  for (const names of entities) {
    // Screening is all CPU: let requests in between entities (a re-screening of thousands runs beside the app).
    if (results.length % YIELD_EVERY === YIELD_EVERY - 1) await nextTurn();
    const best = new Map<string, StoredMatch>();
    for (const release of lists) {
      for (const query of names) {
        for (const hit of release.index.screen(query)) {
          const key = `${release.listId}\u0000${hit.entry.sourceId}`;
          if ((best.get(key)?.score ?? -1) >= hit.score) continue;
          best.set(key, { ...toMatch(release, hit), listId: release.listId, releaseId: release.releaseId, contentHash: release.entryIds.get(hit.entry)!.contentHash });
        }
      }
    }
    results.push([...best.values()].sort((a, b) => b.score - a.score));
  }
  return { listIds: lists.map((release) => release.listId), results };
}
