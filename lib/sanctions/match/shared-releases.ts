// Screening many entities off the thread that serves requests (a worker of lib/workers/pool.ts): each release's
// entries cross once, as UTF-8 JSON in a SharedArrayBuffer (shared, not copied, on every call), and each worker
// keeps the index it built from them for as long as calls keep naming that release.
import type { SanctionsEntry } from "../entry";
import type { ScreeningQuery } from "./score";
import { ScreeningIndex, type ScreeningHit } from "./screening-index";

/** A release's entries as a JSON array in shared memory, in the order the caller keeps its own records of them. */
export type SharedRelease = { releaseId: string; entries: SharedArrayBuffer };

/** An entity's best match on one entry: which release (its position in the call) and which entry (its position). */
export type ReleaseMatch = Omit<ScreeningHit, "entry"> & { release: number; entry: number; sourceId: string; name: string; programs: string[] };

type Indexed = { index: ScreeningIndex; positions: Map<SanctionsEntry, number> };
const indexes = new Map<string, Indexed>();

/** The JSON array of a release's entries, each given as its own JSON text, written into shared memory. */
export function shareEntries(entriesJson: string[]): SharedArrayBuffer {
  const text = `[${entriesJson.join(",")}]`;
  const bytes = new SharedArrayBuffer(Buffer.byteLength(text));
  Buffer.from(bytes).write(text);
  return bytes;
}

function indexed({ releaseId, entries }: SharedRelease): Indexed {
  let found = indexes.get(releaseId);
  if (!found) {
    const list = JSON.parse(Buffer.from(entries).toString("utf8")) as SanctionsEntry[];
    found = { index: new ScreeningIndex(list), positions: new Map(list.map((entry, at) => [entry, at])) };
    indexes.set(releaseId, found);
  }
  return found;
}

/**
 * Per entity (its names, each a query), its best match on each entry of the releases, best first. Indexes of
 * releases this call does not name are dropped: calls name every list's latest release, so those are outdated.
 */
export function screenAgainstReleases(releases: SharedRelease[], entities: ScreeningQuery[][]): ReleaseMatch[][] {
  const current = releases.map(indexed);
  for (const releaseId of indexes.keys()) if (!releases.some((release) => release.releaseId === releaseId)) indexes.delete(releaseId);
  return entities.map((names) => {
    const best = new Map<string, ReleaseMatch>();
    current.forEach(({ index, positions }, release) => {
      for (const query of names) {
        for (const { entry, ...score } of index.screen(query)) {
          const key = `${release} ${entry.sourceId}`;
          if ((best.get(key)?.score ?? -1) >= score.score) continue;
          best.set(key, { ...score, release, entry: positions.get(entry)!, sourceId: entry.sourceId, name: entry.name, programs: entry.programs });
        }
      }
    });
    return [...best.values()].sort((a, b) => b.score - a.score);
  });
}
