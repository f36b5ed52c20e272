// How alike two words are, from 0 to 1, allowing the spelling slips of transliteration and typing.

const DIGIT = /\d/;

/** Edits a word of this length may carry and still be the same word. */
function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  if (length <= 10) return 2;
  return 3;
}

/**
 * Edits (insert, delete, substitute, swap two neighbours) from one word to the other, or `limit + 1` as soon as
 * it is sure to be more than `limit`. Swaps count once: "Appel" is one slip from "Apple".
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2]! + 1);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * 1 for the same word, 0.95 for the same spelling key (Khodorkovsky/Hodorkovskiy), less by edit distance for
 * near spellings, 0.6 for an initial against a name that starts with it (people only), else 0.
 */
export function wordSimilarity(a: string, aKey: string, b: string, bKey: string, { initials = false } = {}): number {
  if (a === b) return 1;
  if (DIGIT.test(a) || DIGIT.test(b)) return 0; // numbers are not spelled more or less alike: 2004-1 ≠ 2004-2
  if (aKey === bKey) return 0.95;
  if (initials && (a.length === 1 || b.length === 1)) return a[0] === b[0] ? 0.6 : 0;
  const allowed = allowedEdits(Math.min(aKey.length, bKey.length));
  if (allowed === 0) return 0;
  const edits = editDistance(aKey, bKey, allowed);
  if (edits > allowed) return 0;
  return 0.95 * (1 - edits / Math.max(aKey.length, bKey.length));
}
