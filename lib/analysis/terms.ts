// Finding a fixed vocabulary of phrases in text, in one pass per regular expression.

export interface PhraseHit {
  /** The phrase as written in the vocabulary (not as found in the text). */
  phrase: string;
  start: number;
  end: number;
}

export interface PhraseMatcherOptions {
  /** Let the last word be plural: "chip" also finds "chips", "technology" also "technologies". */
  plurals: boolean;
  /** Match every phrase case-sensitively; otherwise only all-capital acronyms are. */
  caseSensitive: boolean;
}

export interface PhraseMatcher {
  find(text: string): PhraseHit[];
}

const LETTER_BEFORE = "(?<![\\p{L}\\p{N}])";
const LETTER_AFTER = "(?![\\p{L}\\p{N}])";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isAcronym(phrase: string): boolean {
  return /\p{Lu}/u.test(phrase) && !/\p{Ll}/u.test(phrase);
}

function pluralTolerant(word: string): string {
  const escaped = escapeRegExp(word);
  if (/[^aeiou]y$/i.test(word)) return `${escapeRegExp(word.slice(0, -1))}(?:y|ies)`;
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return `${escaped}(?:es)?`;
  if (/\p{L}$/u.test(word)) return `${escaped}s?`;
  return escaped;
}

function phrasePattern(phrase: string, plurals: boolean): string {
  // Hyphens and any run of spaces are interchangeable, so "dual-use" also finds "dual use".
  const words = phrase.split(/[\s-]+/).filter(Boolean);
  const parts = words.map((w, i) => {
    const p = plurals && i === words.length - 1 ? pluralTolerant(w) : escapeRegExp(w);
    return p.replace(/'/g, "['’]");
  });
  return parts.join("[\\s\\u00a0-]+");
}

function compileGroup(phrases: string[], flags: string, plurals: boolean): { re: RegExp; phrases: string[] } | null {
  if (phrases.length === 0) return null;
  // Longest first: the alternation takes the first alternative that matches at a position.
  const ordered = [...phrases].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const body = ordered.map((p) => `(${phrasePattern(p, plurals)})`).join("|");
  return { re: new RegExp(`${LETTER_BEFORE}(?:${body})${LETTER_AFTER}`, flags), phrases: ordered };
}

function runGroup(group: { re: RegExp; phrases: string[] }, text: string, out: PhraseHit[]): void {
  group.re.lastIndex = 0;
  for (let m = group.re.exec(text); m; m = group.re.exec(text)) {
    const index = m.findIndex((g, i) => i > 0 && g !== undefined);
    const phrase = group.phrases[index - 1];
    if (phrase !== undefined) out.push({ phrase, start: m.index, end: m.index + m[0].length });
  }
}

/** Builds a matcher that reports non-overlapping, whole-word occurrences, preferring the longest phrase. */
export function compilePhrases(phrases: Iterable<string>, options: PhraseMatcherOptions): PhraseMatcher {
  const unique = [...new Set(phrases)].filter((p) => p.trim().length > 0);
  const sensitive = unique.filter((p) => options.caseSensitive || isAcronym(p));
  const insensitive = unique.filter((p) => !(options.caseSensitive || isAcronym(p)));
  const groups = [
    compileGroup(sensitive, "gu", options.plurals),
    compileGroup(insensitive, "giu", options.plurals),
  ].filter((g): g is NonNullable<typeof g> => g !== null);

  return {
    find(text: string): PhraseHit[] {
      const hits: PhraseHit[] = [];
      for (const group of groups) runGroup(group, text, hits);
      if (groups.length < 2) return hits;
      return removeOverlaps(hits);
    },
  };
}

/** Keeps the longest of overlapping spans (earlier one on ties); returns them in text order. */
export function removeOverlaps<T extends { start: number; end: number }>(spans: T[]): T[] {
  const bySize = [...spans].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const span of bySize) {
    if (!overlapsAny(kept, span)) insertSorted(kept, span);
  }
  return kept;
}

function lowerBound<T extends { start: number }>(sorted: T[], start: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.start ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function overlapsAny<T extends { start: number; end: number }>(sorted: T[], span: T): boolean {
  const i = lowerBound(sorted, span.start);
  const next = sorted[i];
  const prev = sorted[i - 1];
  return (next !== undefined && next.start < span.end) || (prev !== undefined && prev.end > span.start);
}

function insertSorted<T extends { start: number }>(sorted: T[], span: T): void {
  sorted.splice(lowerBound(sorted, span.start), 0, span);
}
