// Evidence intake's analysis of one document: metadata, names, key passages, and suggestions from the
// taxonomy. Pure and deterministic: the same input always gives the same output, with no I/O.
import { recognizeEntities, type JurisdictionMention, type NamedEntity, type RecognizedEntities } from "./entities";
import { rankIssues, type IssueMatch, type IssueToMatch } from "./issues";
import { guessPublishedDate, guessPublisher, guessTitle } from "./metadata";
import { pickPassages, sentencesOf, type Evidence, type Passage } from "./passages";
import { CATEGORIES, HS_HEADINGS, JURISDICTIONS, type CategorySlug } from "./taxonomy";
import { splitSentences, type Sentence } from "./text";
import { findTaxonomyTerms, scoreOwners, type OwnerScore, type TermHit } from "./vocabulary";

export type { NamedEntity } from "./entities";
export { ISSUE_MATCHES_SHOWN, type IssueMatch, type IssueToMatch } from "./issues";
export type { Passage } from "./passages";

export interface DocumentInput {
  text: string;
  title?: string;
  url?: string;
}

export interface CategorySuggestion {
  slug: CategorySlug;
  name: string;
  score: number;
  matchedTerms: string[];
}

export interface HsCodeSuggestion {
  code: string;
  description: string;
  score: number;
  matchedTerms: string[];
}

export interface JurisdictionSuggestion {
  /** ISO 3166-1 alpha-2, or "EU". */
  code: string;
  name: string;
  mentions: number;
  /** The words that pointed to it, e.g. ["China", "Chinese", "Beijing"]. */
  matchedTerms: string[];
}

export interface DocumentAnalysis {
  title: string;
  publisher: string | null;
  /** "YYYY-MM-DD", or null when the document gives no date. */
  publishedDate: string | null;
  wordCount: number;
  people: NamedEntity[];
  organizations: NamedEntity[];
  places: NamedEntity[];
  keyPassages: Passage[];
  /** Best first; only `other` (score 0) when no category's terms are found. */
  categories: CategorySuggestion[];
  hsCodes: HsCodeSuggestion[];
  jurisdictions: JurisdictionSuggestion[];
  /** The given issues with a score above zero, best first: the first ISSUE_MATCHES_SHOWN of them. */
  issues: IssueMatch[];
  /** How many of the given issues scored above zero. */
  issuesMatched: number;
}

// A category or heading is suggested once its terms add up to one specific term's worth.
const SUGGESTION_THRESHOLD = 1;
const KEY_PASSAGES = 5;
const NAME_IN_PASSAGE = 0.5;
const JURISDICTION_IN_PASSAGE = 0.25;

export function analyzeDocument(input: DocumentInput, issues: readonly IssueToMatch[]): DocumentAnalysis {
  const { text } = input;
  const sentences = splitSentences(text);
  const termHits = findTaxonomyTerms(text);
  const entities = recognizeEntities(text);
  const categoryScores = scoreOwners(termHits, "category");
  const hsScores = scoreOwners(termHits, "hs");
  const ranking = rankIssues(issues, {
    text,
    sentences,
    termHits,
    categoryScores,
    hsScores,
    mentions: entities.mentions,
    jurisdictions: entities.jurisdictions,
  });

  return {
    title: guessTitle(text, input.title),
    publisher: guessPublisher(text, input.url),
    publishedDate: guessPublishedDate(text, input.url),
    wordCount: text.split(/\s+/).filter(Boolean).length,
    people: entities.people,
    organizations: entities.organizations,
    places: entities.places,
    keyPassages: keyPassages(sentences, termHits, entities),
    categories: suggestCategories(categoryScores),
    hsCodes: suggestHsCodes(hsScores),
    jurisdictions: suggestJurisdictions(entities.jurisdictions),
    issues: ranking.matches,
    issuesMatched: ranking.matched,
  };
}

function suggestCategories(scores: ReadonlyMap<string, OwnerScore>): CategorySuggestion[] {
  const suggested = CATEGORIES.flatMap((c) => {
    const s = scores.get(c.slug);
    return s && s.score >= SUGGESTION_THRESHOLD ? [{ slug: c.slug, name: c.name, score: s.score, matchedTerms: s.matchedTerms }] : [];
  }).sort((a, b) => b.score - a.score);
  return suggested.length > 0 ? suggested : [{ slug: "other", name: "Other", score: 0, matchedTerms: [] }];
}

function suggestHsCodes(scores: ReadonlyMap<string, OwnerScore>): HsCodeSuggestion[] {
  return HS_HEADINGS.flatMap((h) => {
    const s = scores.get(h.code);
    return s && s.score >= SUGGESTION_THRESHOLD ? [{ code: h.code, description: h.description, score: s.score, matchedTerms: s.matchedTerms }] : [];
  }).sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

/** Sentences richest in taxonomy terms, named people and bodies, and jurisdictions. */
function keyPassages(sentences: readonly Sentence[], termHits: readonly TermHit[], entities: RecognizedEntities): Passage[] {
  const byLabel = new Map<string, { weight: number; offsets: number[] }>();
  const note = (label: string, weight: number, offset: number) => {
    const e = byLabel.get(label) ?? { weight, offsets: [] };
    e.weight = Math.max(e.weight, weight);
    e.offsets.push(offset);
    byLabel.set(label, e);
  };
  for (const h of termHits) note(h.phrase, Math.max(...h.owners.map((o) => o.weight)), h.start);
  for (const m of entities.mentions) if (m.kind !== "place") note(m.name, NAME_IN_PASSAGE, m.start);
  for (const j of entities.jurisdictions) note(jurisdictionName(j.code), JURISDICTION_IN_PASSAGE, j.start);
  const evidence: Evidence[] = [...byLabel.entries()].map(([label, e]) => ({
    label,
    weight: e.weight,
    sentences: sentencesOf(sentences, e.offsets),
  }));
  // Only sentences with taxonomy terms qualify: names alone do not make a passage key.
  const eligible = new Set(sentencesOf(sentences, termHits.map((h) => h.start)));
  return pickPassages(sentences, evidence, { limit: KEY_PASSAGES, minWords: 6, eligible });
}

const JURISDICTION_NAMES = new Map(JURISDICTIONS.map((j) => [j.code, j.name]));

function jurisdictionName(code: string): string {
  return JURISDICTION_NAMES.get(code) ?? code;
}

function suggestJurisdictions(mentions: readonly JurisdictionMention[]): JurisdictionSuggestion[] {
  // Insertion order is first-mention order, which breaks ties in the count.
  const byCode = new Map<string, JurisdictionSuggestion>();
  for (const m of mentions) {
    const entry = byCode.get(m.code) ?? { code: m.code, name: jurisdictionName(m.code), mentions: 0, matchedTerms: [] };
    entry.mentions++;
    if (!entry.matchedTerms.includes(m.surface)) entry.matchedTerms.push(m.surface);
    byCode.set(m.code, entry);
  }
  return [...byCode.values()].sort((a, b) => b.mentions - a.mentions);
}
