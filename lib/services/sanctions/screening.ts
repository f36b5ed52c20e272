import "server-only";
import { db } from "@/lib/db/client";
import type { SanctionsEntry } from "@/lib/sanctions/entry";
import { THRESHOLDS } from "@/lib/sanctions/match/score";
import { ScreeningIndex } from "@/lib/sanctions/match/screening-index";
import type { ScreeningRequest, ScreeningResponse } from "@/lib/validation/sanctions";

// Screening names against the latest release of every list. Each release's entries are indexed in memory once
// (about a second for the SDN list), when first screened against; a newer release of the list replaces it.

type ReleaseIndex = { list: string; index: ScreeningIndex; entryIds: Map<SanctionsEntry, string> };
/** By list id: the release indexed and its index (a promise, so that concurrent calls build it once). */
const indexes = new Map<string, { releaseId: string; ready: Promise<ReleaseIndex> }>();

async function buildIndex(releaseId: string, list: string): Promise<ReleaseIndex> {
  const rows = await db.sanctionsEntry.findMany({ where: { releaseId }, select: { id: true, data: true } });
  const entryIds = new Map<SanctionsEntry, string>();
  for (const row of rows) entryIds.set(row.data as unknown as SanctionsEntry, row.id);
  return { list, index: new ScreeningIndex(entryIds.keys()), entryIds };
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
      const ready = buildIndex(releaseId, slug);
      indexes.set(listId, { releaseId, ready });
      // A failed build is tried again on the next call rather than remembered.
      ready.catch(() => indexes.get(listId)?.ready === ready && indexes.delete(listId));
      return ready;
    }),
  );
}

/** Each name's matches at or above the review threshold, best first, over every list. */
export async function screenNames({ names }: ScreeningRequest): Promise<ScreeningResponse> {
  const lists = await latestIndexes();
  const results = names.map((query) => {
    const matches = lists.flatMap(({ list, index, entryIds }) =>
      index.screen(query).map(({ entry, score, level, explanation }) => ({
        entryId: entryIds.get(entry)!,
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
      })),
    );
    return { name: query.name, matches: matches.sort((a, b) => b.score - a.score) };
  });
  return { thresholds: { match: THRESHOLDS.match, review: THRESHOLDS.review }, results };
}
