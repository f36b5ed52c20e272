// The taxonomy's terms compiled once, and what they say about a given text.
import { compilePhrases, type PhraseHit, type PhraseMatcher } from "./terms";
import { CATEGORIES, HS_HEADINGS, SIGNAL_TERMS, type TermList } from "./taxonomy";

export type TermOwnerKind = "category" | "hs" | "signal";

export interface TermOwner {
  kind: TermOwnerKind;
  /** Category slug, HS heading, or "signal". */
  id: string;
  weight: number;
}

export interface TermHit extends PhraseHit {
  owners: readonly TermOwner[];
}

export const STRONG = 1;
export const WEAK = 0.5;

interface Vocabulary {
  owners: Map<string, TermOwner[]>;
  matcher: PhraseMatcher;
}

function buildVocabulary(): Vocabulary {
  const owners = new Map<string, TermOwner[]>();
  const addAll = (list: TermList, kind: TermOwnerKind, id: string) => {
    for (const [terms, weight] of [[list.terms, STRONG], [list.weakTerms ?? [], WEAK]] as const) {
      for (const term of terms) {
        const existing = owners.get(term) ?? [];
        if (!existing.some((o) => o.kind === kind && o.id === id)) existing.push({ kind, id, weight });
        owners.set(term, existing);
      }
    }
  };
  for (const c of CATEGORIES) addAll(c, "category", c.slug);
  for (const h of HS_HEADINGS) addAll(h, "hs", h.code);
  addAll(SIGNAL_TERMS, "signal", "signal");
  return { owners, matcher: compilePhrases(owners.keys(), { plurals: true, caseSensitive: false }) };
}

// Built when the module loads, not during the first analysis.
const VOCABULARY = buildVocabulary();

/** Every occurrence of a taxonomy term in the text, with the categories and headings it speaks for. */
export function findTaxonomyTerms(text: string): TermHit[] {
  const v = VOCABULARY;
  return v.matcher.find(text).map((hit) => ({ ...hit, owners: v.owners.get(hit.phrase) ?? [] }));
}

export interface OwnerScore {
  id: string;
  score: number;
  /** Vocabulary terms found, most frequent first. */
  matchedTerms: string[];
}

/**
 * Scores each category or heading: every distinct term adds its weight, and repeats add a little
 * more (1 + ln count), so one term said ten times does not outweigh several different terms.
 */
export function scoreOwners(hits: readonly TermHit[], kind: TermOwnerKind): Map<string, OwnerScore> {
  const counts = new Map<string, Map<string, { weight: number; count: number; first: number }>>();
  for (const hit of hits) {
    for (const owner of hit.owners) {
      if (owner.kind !== kind) continue;
      const terms = counts.get(owner.id) ?? new Map();
      const entry = terms.get(hit.phrase) ?? { weight: owner.weight, count: 0, first: hit.start };
      entry.count++;
      terms.set(hit.phrase, entry);
      counts.set(owner.id, terms);
    }
  }
  const scores = new Map<string, OwnerScore>();
  for (const [id, terms] of counts) {
    let score = 0;
    for (const t of terms.values()) score += t.weight * (1 + Math.log(t.count));
    const matchedTerms = [...terms.entries()]
      .sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)
      .map(([term]) => term);
    scores.set(id, { id, score: round(score), matchedTerms });
  }
  return scores;
}

export function round(n: number): number {
  return Math.round(n * 100) / 100;
}
