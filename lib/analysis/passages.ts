// Sentences as the unit of evidence: scoring them by what they mention and picking the best.
import type { Sentence } from "./text";
import { round } from "./vocabulary";

export interface Passage {
  /** Always equal to `text.slice(start, end)` of the analysed text. */
  text: string;
  start: number;
  end: number;
  score: number;
  /** What made the passage relevant: taxonomy terms, names, issue keywords. */
  terms: string[];
}

/** One thing found in the text (a term, a name, a keyword) and the sentences it occurs in. */
export interface Evidence {
  label: string;
  weight: number;
  /** Indices into the sentence list, ascending, without repeats. */
  sentences: readonly number[];
}

/** Index of the sentence containing `offset`, or -1 (offsets between sentences belong to none). */
export function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (!s) return -1;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The sentences holding these offsets, ascending and without repeats. */
export function sentencesOf(sentences: readonly Sentence[], offsets: Iterable<number>): number[] {
  const found = new Set<number>();
  for (const offset of offsets) {
    const i = sentenceAt(sentences, offset);
    if (i >= 0) found.add(i);
  }
  return [...found].sort((a, b) => a - b);
}

export interface PickOptions {
  limit: number;
  /** Shorter sentences (headings, datelines) are not shown as passages. */
  minWords: number;
  minScore?: number;
  /** When given, only these sentences may be picked. */
  eligible?: ReadonlySet<number>;
}

function contains(sorted: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = sorted[mid] ?? 0;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * Scores each sentence by the weights of the distinct evidence it holds and returns the best,
 * highest score first, earlier sentence on ties; a sentence repeated in the text is shown once.
 */
export function pickPassages(sentences: readonly Sentence[], evidence: readonly Evidence[], options: PickOptions): Passage[] {
  const scores = new Float64Array(sentences.length);
  const touched: number[] = [];
  for (const e of evidence) {
    for (const i of e.sentences) {
      if (scores[i] === 0) touched.push(i);
      scores[i] = (scores[i] ?? 0) + e.weight;
    }
  }
  // Best first; eligibility and length are checked lazily since only a few passages are kept.
  const candidates = touched.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b);
  const seen = new Set<string>();
  const picked: Passage[] = [];
  for (const i of candidates) {
    const s = sentences[i];
    const score = scores[i] ?? 0;
    if (score < (options.minScore ?? 0)) break;
    if (!s || (options.eligible && !options.eligible.has(i))) continue;
    if (s.text.split(/\s+/).length < options.minWords) continue;
    const key = s.text.replace(/\s+/g, " ").toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const terms = evidence.filter((e) => contains(e.sentences, i)).map((e) => e.label);
    picked.push({ text: s.text, start: s.start, end: s.end, score: round(score), terms });
    if (picked.length >= options.limit) break;
  }
  return picked;
}
