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

// Phrases are compared in one canonical form: words joined by one space ("dual-use" and "dual  use" are
// both "dual use"), apostrophes straight, and lower case where case does not matter.
const SEPARATORS = /[\s\u00a0-]+/g;

function canonical(text: string, caseSensitive: boolean): string {
  const joined = text.replace(SEPARATORS, " ").replace(/’/g, "'").trim();
  return caseSensitive ? joined : joined.toLowerCase();
}

/** The forms of a canonical phrase the matcher accepts: itself and, when asked, its last word's plural. */
function formsOf(phrase: string, plurals: boolean): string[] {
  if (!plurals) return [phrase];
  if (/[^aeiou]y$/i.test(phrase)) return [phrase, `${phrase.slice(0, -1)}ies`];
  if (/(?:s|x|z|ch|sh)$/i.test(phrase)) return [phrase, `${phrase}es`];
  if (/\p{L}$/u.test(phrase)) return [phrase, `${phrase}s`];
  return [phrase];
}

interface TrieNode {
  children: Map<string, TrieNode>;
  end: boolean;
}

function regexOfChar(char: string): string {
  if (char === " ") return "[\\s\\u00a0-]+";
  if (char === "'") return "['’]";
  return escapeRegExp(char);
}

/**
 * The trie of the forms as a regular expression: at each position the engine follows the one branch
 * that the next character allows, so matching costs the same for ten phrases or ten thousand. (One
 * alternative per phrase made every position try every phrase: with the names found in a long text
 * that was quadratic, issue 18.) Longer continuations come before a phrase's end, so the longest
 * form that ends on a word boundary wins.
 */
function regexOfTrie(node: TrieNode): string {
  const alternatives = [...node.children].map(([char, child]) => regexOfChar(char) + regexOfTrie(child));
  if (node.end) alternatives.push("");
  return alternatives.length === 1 ? (alternatives[0] ?? "") : `(?:${alternatives.join("|")})`;
}

interface Group {
  re: RegExp;
  caseSensitive: boolean;
  /** Canonical form found → the phrase as written in the vocabulary. */
  phraseOf: Map<string, string>;
}

function compileGroup(phrases: string[], caseSensitive: boolean, plurals: boolean): Group | null {
  if (phrases.length === 0) return null;
  // Where two phrases share a form ("chips" and the plural of "chip"), the longer phrase names it.
  const ordered = [...phrases].sort((a, b) => b.length - a.length || a.localeCompare(b));
  const phraseOf = new Map<string, string>();
  const root: TrieNode = { children: new Map(), end: false };
  for (const phrase of ordered) {
    for (const form of formsOf(canonical(phrase, caseSensitive), plurals)) {
      if (phraseOf.has(form)) continue;
      phraseOf.set(form, phrase);
      let node = root;
      for (const char of form) {
        let child = node.children.get(char);
        if (!child) {
          child = { children: new Map(), end: false };
          node.children.set(char, child);
        }
        node = child;
      }
      node.end = true;
    }
  }
  const flags = caseSensitive ? "gu" : "giu";
  return { re: new RegExp(`${LETTER_BEFORE}${regexOfTrie(root)}${LETTER_AFTER}`, flags), caseSensitive, phraseOf };
}

function runGroup(group: Group, text: string, out: PhraseHit[]): void {
  group.re.lastIndex = 0;
  for (let m = group.re.exec(text); m; m = group.re.exec(text)) {
    const phrase = group.phraseOf.get(canonical(m[0], group.caseSensitive));
    if (phrase !== undefined) out.push({ phrase, start: m.index, end: m.index + m[0].length });
  }
}

/** Builds a matcher that reports non-overlapping, whole-word occurrences, preferring the longest phrase. */
export function compilePhrases(phrases: Iterable<string>, options: PhraseMatcherOptions): PhraseMatcher {
  const unique = [...new Set(phrases)].filter((p) => p.trim().length > 0);
  const sensitive = unique.filter((p) => options.caseSensitive || isAcronym(p));
  const insensitive = unique.filter((p) => !(options.caseSensitive || isAcronym(p)));
  const groups = [
    compileGroup(sensitive, true, options.plurals),
    compileGroup(insensitive, false, options.plurals),
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
  // Which characters a kept span covers: checking a span costs its length, where keeping the spans in a
  // sorted array cost a shift of the array per insertion (quadratic for many names, issue 18).
  let length = 0;
  for (const span of spans) length = Math.max(length, span.end);
  const taken = new Uint8Array(length);
  const kept: T[] = [];
  for (const span of bySize) {
    if (taken.subarray(span.start, span.end).includes(1)) continue;
    taken.fill(1, span.start, span.end);
    kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Index of the first span starting at or after `start` in spans sorted by start. */
export function lowerBound<T extends { start: number }>(sorted: readonly T[], start: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.start ?? 0) < start) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
