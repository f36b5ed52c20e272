// Evidence intake's analysis of one document: metadata, names, key passages, and suggestions from the
// taxonomy. Pure and deterministic: the same input always gives the same output, with no I/O.
import { recognizeEntities, type JurisdictionMention, type NamedEntity, type RecognizedEntities } from "./entities";
import { rankIssues, type IssueMatch, type IssueToMatch, type MostRelevant } from "./issues";
import { LEARNED, NAME_CHARS, score as learnedScore, type LearnedModel, type LearnedScore } from "./learned";
import { guessPublishedDate, guessPublisher, guessTitle } from "./metadata";
import { pickPassages, sentencesOf, type Evidence, type Passage } from "./passages";
import { BASE, contributions, logistic, RELATED_AT, type RelevancePart } from "./relevance";
import { checkSenses } from "./sense";
import { CATEGORIES, HS_HEADINGS, JURISDICTIONS, type CategorySlug } from "./taxonomy";
import { splitSentences, type Sentence } from "./text";
import { findTaxonomyTerms, round, scoreOwners, type OwnerScore, type TermHit } from "./vocabulary";

export type { NamedEntity } from "./entities";
export { ISSUE_MATCHES_SHOWN, type IssueMatch, type IssueToMatch } from "./issues";
export type { Passage } from "./passages";
export type { LearnedModel } from "./learned";

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

export interface RelevanceReason {
  /**
   * topic: the issue's category terms and HS headings; names: its tags and named actors; context: sanctions vocabulary;
   * place: its jurisdictions' share of the document's; learned: the team's model of its own decisions (learned.ts).
   */
  part: RelevancePart | typeof LEARNED;
  /** How much it moved the score, in log-odds, added to relevance.ts's BASE. Only `learned` can be negative. */
  weight: number;
  found: string[];
}

export interface RelevanceExplanation {
  /** The issue the document is most relevant to; null when the team has no issues. */
  issueId: string | null;
  issueTitle: string | null;
  /** Largest first. */
  reasons: RelevanceReason[];
  /** Occurrences of ambiguous taxonomy words not counted, their sense not ours: "engine: search engine library". */
  notCounted: string[];
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
  /** How relevant the document is to the watchlist, 0 to 1 (relevance.ts): comparable across documents. */
  relevance: number;
  /** relevance ≥ RELATED_AT. */
  related: boolean;
  relevanceExplained: RelevanceExplanation;
}

// A category or heading is suggested once its terms add up to one specific term's worth.
const SUGGESTION_THRESHOLD = 1;
const KEY_PASSAGES = 5;
const NAME_IN_PASSAGE = 0.5;
const JURISDICTION_IN_PASSAGE = 0.25;

/**
 * `learned`: the team's model of its decisions, when it has one (lib/services/relevance-model.ts). Without one, or
 * before it has seen enough examples, the relevance is the taxonomy's alone, to the digit.
 */
export function analyzeDocument(input: DocumentInput, issues: readonly IssueToMatch[], learned?: LearnedModel | null): DocumentAnalysis {
  const { text } = input;
  const sentences = splitSentences(text);
  const senses = checkSenses(text, sentences, findTaxonomyTerms(text));
  const termHits = senses.kept;
  const entities = recognizeEntities(text);
  const categoryScores = scoreOwners(termHits, "category");
  const hsScores = scoreOwners(termHits, "hs");
  const signal = scoreOwners(termHits, "signal").get("signal");
  const ranking = rankIssues(issues, {
    text,
    sentences,
    termHits,
    categoryScores,
    hsScores,
    mentions: entities.mentions,
    jurisdictions: entities.jurisdictions,
    signalScore: signal?.score ?? 0,
    ignoredStarts: new Set(senses.rejected.map((h) => h.start)),
  });
  const team = learnedScore(learned, text, entities.organizations.flatMap((o) => (o.start < NAME_CHARS ? [o.name] : [])));
  const relevance = blended(ranking.mostRelevant, team);

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
    relevance,
    related: relevance >= RELATED_AT,
    relevanceExplained: explain(ranking.mostRelevant, signal?.matchedTerms ?? [], notCounted(text, senses.rejected), team),
  };
}

const round3 = (p: number) => Math.round(p * 1000) / 1000;

/** The best issue's relevance with the team's learned part added to its log-odds; the taxonomy's own figure when that part is 0. */
function blended(best: MostRelevant | null, team: LearnedScore): number {
  if (team.weight === 0) return best?.relevance ?? round3(logistic(BASE));
  const taxonomy = best ? contributions(best.features).reduce((z, c) => z + c.weight, BASE) : BASE;
  return round3(logistic(taxonomy + team.weight));
}

function explain(best: MostRelevant | null, context: string[], rejected: string[], team: LearnedScore): RelevanceExplanation {
  const learned: RelevanceReason[] = team.weight === 0 ? [] : [{ part: LEARNED, weight: team.weight, found: team.terms }];
  if (!best) return { issueId: null, issueTitle: null, reasons: learned, notCounted: rejected };
  const found: Record<RelevancePart, string[]> = { topic: best.topic, names: best.names, context, place: best.places };
  const reasons = [
    ...contributions(best.features)
      .filter((c) => c.weight > 0)
      .map((c) => ({ part: c.part, weight: round(c.weight), found: found[c.part] })),
    ...learned,
  ].sort((a, b) => b.weight - a.weight);
  return { issueId: best.issueId, issueTitle: best.title, reasons, notCounted: rejected };
}

/** Each rejected word with a few words around it, once per distinct context, at most ten. */
function notCounted(text: string, rejected: readonly TermHit[]): string[] {
  const out = new Set<string>();
  for (const hit of rejected) {
    if (out.size >= 10) break;
    const before = text.slice(Math.max(0, hit.start - 40), hit.start).split(/\s+/).slice(-3).join(" ");
    const after = text.slice(hit.end, hit.end + 40).split(/\s+/).slice(0, 3).join(" ");
    out.add(`${hit.phrase}: ${`${before}${text.slice(hit.start, hit.end)}${after}`.replace(/\s+/g, " ").trim()}`);
  }
  return [...out];
}

/** Best first: a generic category (taxonomy.ts) ranks at half its score when a specific kind of it is suggested too. */
function suggestCategories(scores: ReadonlyMap<string, OwnerScore>): CategorySuggestion[] {
  const found = CATEGORIES.filter((c) => (scores.get(c.slug)?.score ?? 0) >= SUGGESTION_THRESHOLD);
  const suggested = found.flatMap((c) => {
    const s = scores.get(c.slug);
    const specific = c.generic && found.some((other) => other.within === c.slug);
    return s ? [{ rank: specific ? s.score / 2 : s.score, slug: c.slug, name: c.name, score: s.score, matchedTerms: s.matchedTerms }] : [];
  })
    .sort((a, b) => b.rank - a.rank)
    .map(({ rank: _rank, ...suggestion }) => suggestion);
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
