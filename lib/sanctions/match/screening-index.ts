// Screening many names fast against a whole list (~16,000 entries, ~40,000 names): entries are blocked by their
// words' spelling keys and prefixes, so a query is scored only against entries that share a word with it.
import type { SanctionsEntry } from "../entry";
import { prepareEntry, prepareQuery, scoreEntry, THRESHOLDS, type PreparedEntry, type ScreeningQuery, type ScreeningScore } from "./score";
import { WordWeights } from "./word-weights";

export interface ScreeningHit extends ScreeningScore {
  entry: SanctionsEntry;
}

// A word in more names than this is too common to find candidates by, when the query has rarer words.
const COMMON_WORD = 400;
const PREFIX = 4;

export class ScreeningIndex {
  readonly weights = new WordWeights();
  private readonly entries: PreparedEntry[] = [];
  private readonly blocks = new Map<string, number[]>();

  constructor(entries: Iterable<SanctionsEntry>) {
    for (const entry of entries) this.add(entry);
  }

  get size(): number {
    return this.entries.length;
  }

  private add(entry: SanctionsEntry): void {
    const prepared = prepareEntry(entry);
    const at = this.entries.push(prepared) - 1;
    const blockKeys = new Set<string>();
    for (const { name } of prepared.names) {
      this.weights.addName(name.keys);
      for (const key of name.keys) {
        blockKeys.add(key);
        if (key.length > PREFIX) blockKeys.add(`${key.slice(0, PREFIX)}*`);
      }
      blockKeys.add(`=${name.keys.join("")}`);
    }
    for (const key of blockKeys) {
      const block = this.blocks.get(key);
      if (block) block.push(at);
      else this.blocks.set(key, [at]);
    }
  }

  /** The entries scoring at or above `minScore` (the review threshold by default), best first. */
  screen(query: ScreeningQuery, { minScore = THRESHOLDS.review, limit = 20 }: { minScore?: number; limit?: number } = {}): ScreeningHit[] {
    const prepared = prepareQuery(query);
    const hits: ScreeningHit[] = [];
    for (const at of this.candidates(prepared.name.keys, query)) {
      const candidate = this.entries[at]!;
      const result = scoreEntry(prepared, candidate, this.weights);
      if (result.score >= minScore) hits.push({ ...result, entry: candidate.entry });
    }
    return hits.sort((a, b) => b.score - a.score).slice(0, limit);
  }

  private candidates(keys: string[], query: ScreeningQuery): Set<number> {
    const found = new Set<number>();
    const add = (blockKey: string) => this.blocks.get(blockKey)?.forEach((at) => found.add(at));
    const rare = keys.filter((key) => this.weights.frequency(key) <= COMMON_WORD);
    for (const key of rare.length ? rare : keys) {
      add(key);
      if (key.length > PREFIX) add(`${key.slice(0, PREFIX)}*`);
    }
    add(`=${keys.join("")}`);
    // An identifier is certain whatever the name: look through every entry for it.
    if (query.identifiers?.length) this.entries.forEach((candidate, at) => candidate.entry.identifiers.length && found.add(at));
    return found;
  }
}
