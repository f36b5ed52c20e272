// Ranking the tracked issues by how much a document speaks to them.
import type { EntityMention, JurisdictionMention } from "./entities";
import { pickPassages, sentencesOf, type Evidence, type Passage } from "./passages";
import { placeShare, relevanceFrom, type RelevanceFeatures } from "./relevance";
import { JURISDICTIONS, SANCTIONING_JURISDICTIONS } from "./taxonomy";
import { compilePhrases, type PhraseMatcher } from "./terms";
import type { Sentence } from "./text";
import { round, type OwnerScore, type TermHit } from "./vocabulary";

export interface IssueToMatch {
  id: string;
  title: string;
  summary: string;
  categorySlug: string;
  actors: string[];
  hsCodes: string[];
  tags: string[];
  /** The issue's jurisdictions (ISO codes, "EU"), when known: its places if its title and summary name none. */
  jurisdictions?: string[];
}

export interface IssueMatch {
  issueId: string;
  title: string;
  score: number;
  /** Why it matched: category terms, "HS 8542", actors, tags and title/summary keywords found. */
  matchedTerms: string[];
  passages: Passage[];
}

export interface DocumentEvidence {
  text: string;
  sentences: readonly Sentence[];
  termHits: readonly TermHit[];
  categoryScores: ReadonlyMap<string, OwnerScore>;
  hsScores: ReadonlyMap<string, OwnerScore>;
  mentions: readonly EntityMention[];
  jurisdictions: readonly JurisdictionMention[];
  /** The document's sanctions vocabulary (signal terms' score): the same context for every issue. */
  signalScore?: number;
  /** Where words sit whose sense is not ours (sense.ts): a title word or tag found there does not count. */
  ignoredStarts?: ReadonlySet<number>;
}

// How much each kind of match adds to an issue's score, and the most each kind can add.
const CATEGORY_CAP = 4;
const HS_SUGGESTED = 1.5;
const HS_HINTED = 0.75;
const ACTOR = 1;
const ACTOR_CAP = 3;
const TAG = 1;
const TAG_CAP = 3;
const KEYWORD = 0.3;
const KEYWORD_CAP = 2;
const PASSAGES_PER_ISSUE = 3;
// In passages an actor weighs a little less than a term, so that a sentence that only names an
// actor ("Russia") is not shown as evidence for an issue.
const ACTOR_IN_PASSAGE = 0.8;
const PASSAGE_MIN_SCORE = 1;

const STOPWORDS = new Set(
  (
    "the and for with from that this into over under their about against between through facing other which while " +
    "where there been have were will would could should also more most such than then they them these those being " +
    "issue issues risk risks including related concern concerns whether what when after before during among within " +
    "across toward towards some many much very just only even via per its it's our your his her"
  ).split(" "),
);

/** Lower-case word with a plural or possessive ending removed, so "chips" and "chip" meet. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  if (w.length > 4 && w.endsWith("ies")) return `${w.slice(0, -3)}y`;
  if (/(?:s|x|z|ch|sh)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) return w.slice(0, -1);
  return w;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Stems of a label's words ("cruise missiles" → cruise, missile). */
const stemsOf = (label: string) => (label.match(WORD) ?? []).map(stem);
/** Titles in dictionary order: a collator compares faster than localeCompare, which builds one per call. */
const byTitle = new Intl.Collator("en").compare;

export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function wordIndex(text: string, ignored: ReadonlySet<number>): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const m of text.matchAll(WORD)) if (!ignored.has(m.index)) pushTo(index, stem(m[0]), m.index);
  return index;
}

/**
 * What is worked out once per issue text and kept between analyses, by title, then summary: a team's issues
 * come back on every analysis, as fresh copies when they cross to the analysis worker, so they cannot be
 * remembered as objects. Two levels, because the engine keeps each string's hash: a joined key would be
 * hashed anew for each of a large team's issues on every analysis.
 */
class ByIssueText<V> {
  private byTitle = new Map<string, Map<string, V>>();
  private size = 0;
  constructor(private readonly limit: number) {}
  get(issue: IssueToMatch): V | undefined {
    return this.byTitle.get(issue.title)?.get(issue.summary);
  }
  set(issue: IssueToMatch, value: V): V {
    if (this.size >= this.limit) {
      this.byTitle.clear();
      this.size = 0;
    }
    let bySummary = this.byTitle.get(issue.title);
    if (!bySummary) {
      bySummary = new Map();
      this.byTitle.set(issue.title, bySummary);
    }
    bySummary.set(issue.summary, value);
    this.size++;
    return value;
  }
}

const KEYWORDS = new ByIssueText<ReadonlyMap<string, string>>(50_000);

/** Distinctive words of the issue's title and summary: stem → the word as the issue writes it. */
function keywordsOf(issue: IssueToMatch): ReadonlyMap<string, string> {
  return KEYWORDS.get(issue) ?? KEYWORDS.set(issue, readKeywords(issue));
}

function readKeywords(issue: IssueToMatch): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of `${issue.title} ${issue.summary}`.match(WORD) ?? []) {
    const key = stem(w);
    if (key.length >= 4 && !STOPWORDS.has(key) && !/^\d+$/.test(key) && !out.has(key)) out.set(key, w);
  }
  return out;
}

const JURISDICTION_BY_NAME = new Map<string, string>();
for (const j of JURISDICTIONS) {
  for (const s of [j.name, ...(j.aliases ?? []), ...(j.demonyms ?? []), ...(j.capitals ?? [])]) {
    if (!JURISDICTION_BY_NAME.has(s.toLowerCase())) JURISDICTION_BY_NAME.set(s.toLowerCase(), j.code);
  }
}

// The same names with their case, for finding places in an issue's own words ("US" is a place, "us" is not).
const PLACE_MATCHER = compilePhrases(
  JURISDICTIONS.flatMap((j) => [j.name, ...(j.aliases ?? []), ...(j.demonyms ?? []), ...(j.capitals ?? [])]),
  { plurals: false, caseSensitive: false },
);
const PLACES_IN = new Map<string, ReadonlySet<string>>();

const PHRASE_MATCHERS = new Map<string, PhraseMatcher>();
/** The phrases' characters the remembered matchers may hold: a few teams' watchlists, not every large one's. */
const PHRASE_MATCHERS_CHARS = 1_000_000;
let phraseMatchersChars = 0;

/**
 * The matcher of the watchlist's actors and tags, remembered by its phrases: the items of a feed poll (and the
 * documents of a team) come with the same watchlist, and compiling it was a third of scoring a short item.
 */
function phraseMatcher(phrases: readonly string[]): PhraseMatcher {
  const key = phrases.join("\u0000");
  let matcher = PHRASE_MATCHERS.get(key);
  if (!matcher) {
    matcher = compilePhrases(phrases, { plurals: true, caseSensitive: false });
    if (key.length > PHRASE_MATCHERS_CHARS) return matcher;
    if (phraseMatchersChars + key.length > PHRASE_MATCHERS_CHARS) {
      PHRASE_MATCHERS.clear();
      phraseMatchersChars = 0;
    }
    PHRASE_MATCHERS.set(key, matcher);
    phraseMatchersChars += key.length;
  }
  return matcher;
}

/** The jurisdictions a piece of an issue names; remembered, since a team's issues come back on every analysis. */
function placesIn(text: string): ReadonlySet<string> {
  let codes = PLACES_IN.get(text);
  if (!codes) {
    codes = new Set(PLACE_MATCHER.find(text).flatMap((hit) => JURISDICTION_BY_NAME.get(hit.phrase.toLowerCase()) ?? []));
    if (PLACES_IN.size > 50_000) PLACES_IN.clear();
    PLACES_IN.set(text, codes);
  }
  return codes;
}

interface IssuePlaces {
  actors: readonly string[];
  jurisdictions: readonly string[] | undefined;
  focus: ReadonlySet<string>;
  own: ReadonlySet<string>;
}

const ISSUE_PLACES = new ByIssueText<IssuePlaces>(50_000);

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * An issue's places: those its title names, else its summary, else its jurisdictions, else its actors; and those that never count
 * against it: all it names, and the jurisdictions that impose sanctions (their agencies are in every release).
 */
function issuePlaces(issue: IssueToMatch): IssuePlaces {
  const known = ISSUE_PLACES.get(issue);
  if (known && sameList(known.actors, issue.actors) && sameList(known.jurisdictions, issue.jurisdictions)) return known;
  const title = placesIn(issue.title);
  const summary = placesIn(issue.summary);
  const actors = new Set(issue.actors.flatMap((a) => JURISDICTION_BY_NAME.get(a.trim().toLowerCase()) ?? []));
  const listed = new Set(issue.jurisdictions ?? []);
  const focus = title.size > 0 ? title : summary.size > 0 ? summary : listed.size > 0 ? listed : actors;
  return ISSUE_PLACES.set(issue, { actors: issue.actors, jurisdictions: issue.jurisdictions, focus, own: new Set([...title, ...summary, ...listed, ...actors, ...SANCTIONING_JURISDICTIONS]) });
}

const PLACE_NAMES = new Map(JURISDICTIONS.map((j) => [j.code, j.name]));

/** "Russia (12)" for the issue's places found, and the most-mentioned place not its own: "not the issue's: Iran (9)". */
function placeReasons(mentions: ReadonlyMap<string, number>, focus: ReadonlySet<string>, own: ReadonlySet<string>): string[] {
  const named = (code: string, n: number) => `${PLACE_NAMES.get(code) ?? code} (${n})`;
  const out = [...focus].filter((c) => mentions.has(c)).map((c) => named(c, mentions.get(c) ?? 0));
  let other: [string, number] | null = null;
  for (const [code, n] of mentions) if (!focus.has(code) && !own.has(code) && (!other || n > other[1])) other = [code, n];
  if (other) out.push(`not the issue's: ${named(...other)}`);
  return out;
}

function heading(code: string): string {
  return code.replace(/\D/g, "").slice(0, 4);
}

const NO_HEADINGS: readonly string[] = [];
const NOTHING_COVERED: ReadonlySet<string> = new Set();
const NO_OFFSETS: readonly number[] = [];

/** The issue's distinct four-digit HS headings ("8542.31" → 8542); most issues have none or a few. */
function headingsOf(issue: IssueToMatch): readonly string[] {
  if (issue.hsCodes.length === 0) return NO_HEADINGS;
  const out: string[] = [];
  for (const code of issue.hsCodes) {
    const h = heading(code);
    if (h.length === 4 && !out.includes(h)) out.push(h);
  }
  return out;
}

/** What the ranking reads of an issue on every analysis, with the keys it looks them up by. */
interface PreparedIssue {
  headings: readonly string[];
  actors: readonly { actor: string; key: string; code: string | undefined; sentences: string }[];
  tags: readonly { tag: string; sentences: string }[];
  keywords: readonly { key: string; word: string; sentences: string }[];
}

const PREPARED = new WeakMap<IssueToMatch, PreparedIssue>();

/**
 * An issue as the ranking reads it, worked out once per issue object: the analysis workers keep a team's issues
 * between analyses (shared-issues.ts), and trimming, lower-casing and hashing the same words for 10,000 issues
 * on every analysis was much of its time. The issues are never changed once given (issuesToMatch says so).
 */
function prepared(issue: IssueToMatch): PreparedIssue {
  let known = PREPARED.get(issue);
  if (!known) {
    known = {
      headings: headingsOf(issue),
      actors: issue.actors.map((raw) => {
        const actor = raw.trim();
        const key = actor.toLowerCase();
        return { actor, key, code: JURISDICTION_BY_NAME.get(key), sentences: `actor:${key}` };
      }),
      tags: issue.tags.map((raw) => {
        const tag = raw.trim();
        return { tag, sentences: `tag:${tag}` };
      }),
      keywords: [...keywordsOf(issue)].map(([key, word]) => ({ key, word, sentences: `word:${key}` })),
    };
    PREPARED.set(issue, known);
  }
  return known;
}

/** Turns offsets into sentence sets once per key, since many issues share actors and terms. */
class SentenceSets {
  private cache = new Map<string, number[]>();
  constructor(private sentences: readonly Sentence[]) {}
  get(key: string, offsets: () => Iterable<number>): number[] {
    let set = this.cache.get(key);
    if (!set) {
      set = sentencesOf(this.sentences, offsets());
      this.cache.set(key, set);
    }
    return set;
  }
}

/** The issues with anything in common with the document, best first: the first `limit`, and how many there are. */
export interface MostRelevant {
  issueId: string;
  title: string;
  relevance: number;
  features: RelevanceFeatures;
  /** What was found for it: category terms and HS headings, tags and named actors, its places. */
  topic: string[];
  names: string[];
  places: string[];
}

export interface IssueRanking {
  matches: IssueMatch[];
  matched: number;
  /** The issue the document is most relevant to (relevance.ts), with what it found; null without issues. */
  mostRelevant: MostRelevant | null;
}

/** How many matches an analysis shows: a team with thousands of issues gets the most relevant, not a list to scroll. */
export const ISSUE_MATCHES_SHOWN = 25;

/**
 * Scores every issue, then picks passages for the best `limit` only: passages are the costly part,
 * and a broad document (a category's terms) can touch thousands of a large team's issues.
 */
export function rankIssues(issues: readonly IssueToMatch[], doc: DocumentEvidence, limit = ISSUE_MATCHES_SHOWN): IssueRanking {
  const sets = new SentenceSets(doc.sentences);
  const ignored = doc.ignoredStarts ?? new Set<number>();
  const words = wordIndex(doc.text, ignored);
  const context = doc.signalScore ?? 0;
  const placeMentions = new Map<string, number>();
  for (const j of doc.jurisdictions) placeMentions.set(j.code, (placeMentions.get(j.code) ?? 0) + 1);
  let mostRelevant: IssueRanking["mostRelevant"] = null;
  const shareOf = new Map<IssuePlaces, number>();
  const placesByMentions = [...placeMentions].sort((a, b) => b[1] - a[1]);
  const byCode = new Map<string, number[]>();
  for (const j of doc.jurisdictions) pushTo(byCode, j.code, j.start);
  const byEntity = new Map<string, number[]>();
  for (const m of doc.mentions) pushTo(byEntity, m.name.toLowerCase(), m.start);
  const byOwner = new Map<string, Map<string, { weight: number; starts: number[] }>>();
  for (const hit of doc.termHits) {
    for (const o of hit.owners) {
      const phrases = byOwner.get(`${o.kind}:${o.id}`) ?? new Map<string, { weight: number; starts: number[] }>();
      const entry = phrases.get(hit.phrase) ?? { weight: o.weight, starts: [] };
      entry.starts.push(hit.start);
      phrases.set(hit.phrase, entry);
      byOwner.set(`${o.kind}:${o.id}`, phrases);
    }
  }

  // Actors that are neither a jurisdiction nor a recognised name, and tags, are searched as phrases,
  // all in one pass over the text.
  const isResolved = (actor: string) =>
    JURISDICTION_BY_NAME.has(actor.trim().toLowerCase()) || byEntity.has(actor.trim().toLowerCase());
  const phrases = issues.flatMap((i) => [...i.actors.filter((a) => !isResolved(a)), ...i.tags]).map((p) => p.trim());
  const phraseStarts = new Map<string, number[]>();
  for (const hit of phraseMatcher(phrases).find(doc.text)) {
    if (!ignored.has(hit.start)) pushTo(phraseStarts, hit.phrase, hit.start);
  }
  const literalCodes = literalHsCodes(doc.text, issues.flatMap((i) => i.hsCodes.map(heading)));

  // Issues of one category share its evidence (and the words it covers): worked out once per category.
  const byCategory = new Map<string, { evidence: Evidence[]; stems: Set<string> }>();
  const categoryEvidence = (slug: string) => {
    let shared = byCategory.get(slug);
    if (!shared) {
      const evidence = [...(byOwner.get(`category:${slug}`) ?? [])].map(([phrase, e]) => ({ label: phrase, weight: e.weight, sentences: sets.get(`term:${phrase}`, () => e.starts) }));
      shared = { evidence, stems: new Set(evidence.flatMap((e) => stemsOf(e.label))) };
      byCategory.set(slug, shared);
    }
    return shared;
  };
  const noEvidence: { evidence: Evidence[]; stems: Set<string> } = { evidence: [], stems: new Set() };

  /**
   * An issue's score and what relevance weighs; with `evidence`, also what they rest on. Without it nothing is
   * made for the issue and its keywords are counted up to their cap only: a broad document touches most of a
   * large team's issues, and evidence is needed for the few shown and the most relevant only.
   */
  const match = (issue: IssueToMatch, evidence: boolean) => {
    const { headings, actors: issueActors, tags: issueTags, keywords: issueKeywords } = prepared(issue);
    const own: Evidence[] = [];
    /** The labels of the HS headings, actors and tags found: the words they cover. */
    let found: string[] | null = null;
    let score = 0;

    let shared = noEvidence;
    const category = doc.categoryScores.get(issue.categorySlug);
    const categoryScore = category && issue.categorySlug !== "other" ? category.score : 0;
    if (category && issue.categorySlug !== "other") {
      score += Math.min(category.score, CATEGORY_CAP);
      shared = categoryEvidence(issue.categorySlug);
    }

    let hsFound = 0;
    for (const code of headings) {
      const hs = doc.hsScores.get(code);
      const literal = literalCodes.get(code) ?? NO_OFFSETS;
      if (!hs && literal.length === 0) continue;
      hsFound++;
      // A heading the document is suggested for, or cites, counts fully; a weak hint counts half.
      score += (hs?.score ?? 0) >= 1 || literal.length > 0 ? HS_SUGGESTED : HS_HINTED;
      (found ??= []).push(`HS ${code}`);
      if (evidence) {
        const termStarts = [...(byOwner.get(`hs:${code}`)?.values() ?? [])].flatMap((e) => e.starts);
        own.push({ label: `HS ${code}`, weight: 1, sentences: sets.get(`hs:${code}`, () => [...termStarts, ...literal]) });
      }
    }

    let actors = 0;
    let namedLabels: string[] | null = null;
    for (const { actor, key, code, sentences } of issueActors) {
      const starts = (code ? byCode.get(code) : undefined) ?? byEntity.get(key) ?? phraseStarts.get(actor) ?? NO_OFFSETS;
      if (starts.length === 0) continue;
      actors++;
      if (!code) (namedLabels ??= []).push(actor);
      (found ??= []).push(actor);
      if (evidence) own.push({ label: actor, weight: ACTOR_IN_PASSAGE, sentences: sets.get(sentences, () => starts) });
    }
    score += Math.min(actors, ACTOR_CAP) * ACTOR;

    let tags = 0;
    for (const { tag, sentences } of issueTags) {
      const starts = phraseStarts.get(tag) ?? NO_OFFSETS;
      if (starts.length === 0) continue;
      tags++;
      (namedLabels ??= []).push(tag);
      (found ??= []).push(tag);
      if (evidence) own.push({ label: tag, weight: TAG, sentences: sets.get(sentences, () => starts) });
    }
    score += Math.min(tags, TAG_CAP) * TAG;

    // Title and summary words count only when nothing above already covers them.
    const covered = found ? new Set(found.flatMap(stemsOf)) : NOTHING_COVERED;
    let keywords = 0;
    for (const { key, word, sentences } of issueKeywords) {
      const starts = words.get(key);
      if (!starts || shared.stems.has(key) || covered.has(key)) continue;
      keywords++;
      if (evidence) own.push({ label: word, weight: KEYWORD, sentences: sets.get(sentences, () => starts) });
      else if (keywords * KEYWORD >= KEYWORD_CAP) break; // more would add nothing
    }
    score += Math.min(keywords * KEYWORD, KEYWORD_CAP);

    return { score, categoryScore, hsFound, namedLabels: namedLabels ?? [], found, shared, own };
  };

  const scored: Array<{ issue: IssueToMatch; score: number }> = [];
  for (const issue of issues) {
    const { score, categoryScore, hsFound, namedLabels, found, shared } = match(issue, false);
    if (score > 0) scored.push({ issue, score: round(score) });

    // Relevance weighs the same evidence differently: bounded, and with the document's place and context.
    // The issue's place is looked up only when, at best, it could beat the most relevant issue so far.
    const names = namedLabels.length;
    if (mostRelevant && relevanceFrom(categoryScore, hsFound, names, context, 1) <= mostRelevant.relevance) continue;
    const places = issuePlaces(issue);
    let place = shareOf.get(places);
    if (place === undefined) {
      place = placeShare(placesByMentions, places.focus, places.own);
      shareOf.set(places, place);
    }
    const relevance = relevanceFrom(categoryScore, hsFound, names, context, place);
    if (!mostRelevant || relevance > mostRelevant.relevance) {
      mostRelevant = {
        issueId: issue.id,
        title: issue.title,
        relevance,
        features: { category: categoryScore, hsCodes: hsFound, names, context, place },
        topic: [...shared.evidence.map((e) => e.label), ...(found ?? []).filter((label) => label.startsWith("HS "))],
        names: namedLabels,
        places: placeReasons(placeMentions, places.focus, places.own),
      };
    }
  }
  const shown = best(scored, limit, (a, b) => b.score - a.score || byTitle(a.issue.title, b.issue.title) || a.issue.id.localeCompare(b.issue.id));
  const matches = shown.map(({ issue, score }) => {
    const { shared, own } = match(issue, true);
    const evidence = mergeSameLabels([...shared.evidence, ...own]);
    return {
      issueId: issue.id,
      title: issue.title,
      score,
      matchedTerms: evidence.map((e) => e.label),
      passages: pickPassages(doc.sentences, evidence, { limit: PASSAGES_PER_ISSUE, minWords: 5, minScore: PASSAGE_MIN_SCORE }),
    };
  });
  return { matches, matched: scored.length, mostRelevant };
}

/**
 * The first `limit` of `items` in `order`, as sorting them all and slicing would give: a broad document scores
 * thousands of a large team's issues, and ordering them all (titles compared where scores tie) cost more than
 * scoring them.
 */
export function best<T>(items: readonly T[], limit: number, order: (a: T, b: T) => number): T[] {
  const kept: T[] = [];
  for (const item of items) {
    if (kept.length === limit && order(item, kept[limit - 1]!) >= 0) continue;
    let at = kept.length;
    while (at > 0 && order(item, kept[at - 1]!) < 0) at--;
    kept.splice(at, 0, item);
    if (kept.length > limit) kept.pop();
  }
  return kept;
}

/** Joins evidence whose labels differ only in plural or case ("cruise missile", "cruise missiles"). */
function mergeSameLabels(found: Evidence[]): Evidence[] {
  const byKey = new Map<string, Evidence>();
  for (const f of found) {
    const key = stemsOf(f.label).join(" ");
    const prev = byKey.get(key);
    byKey.set(
      key,
      prev
        ? { label: prev.label, weight: Math.max(prev.weight, f.weight), sentences: [...new Set([...prev.sentences, ...f.sentences])].sort((a, b) => a - b) }
        : f,
    );
  }
  return [...byKey.values()];
}

/** Where the text itself cites one of these headings ("8542", "8542.31"). */
function literalHsCodes(text: string, headings: string[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const wanted = [...new Set(headings.filter((h) => h.length === 4))];
  if (wanted.length === 0) return out;
  const re = new RegExp(`(?<![\\d.])(${wanted.join("|")})(?:\\.\\d{2}){0,2}(?![\\d])`, "g");
  for (const m of text.matchAll(re)) {
    const code = m[1] ?? "";
    pushTo(out, code, m.index);
  }
  return out;
}
