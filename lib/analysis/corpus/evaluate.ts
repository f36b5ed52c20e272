// How the current analysis does on the labelled set of real texts (issue 16): whether it tells related from
// unrelated, puts the right category first, and names organisations cleanly. Pure: the texts and labels come
// in (see load.ts), figures come out. It measures; it asserts nothing about the targets.
import { analyzeDocument, type IssueToMatch } from "@/lib/analysis/analyze";
import { isNameInternalPossessive } from "@/lib/analysis/names/words";
import { itemRelevance } from "@/lib/feeds/relevance";
import { demoIssues } from "@/lib/seed/demo-data";

/** A name as the hand labels give it: the clean form, and the other ways the text writes it. */
export interface LabelledName {
  name: string;
  aliases?: string[];
}

export interface CorpusEntry {
  id: string;
  file: string;
  title: string;
  publisher: string;
  url: string;
  /** "YYYY-MM-DD", or null when the text gives none. */
  date: string | null;
  licence: string;
  excerpt: boolean;
  related: boolean;
  /** Our category slugs, main first. */
  categories: string[];
  theater: string;
  organizations: LabelledName[];
  people: LabelledName[];
  /** False for texts whose names were not labelled (the unrelated ones): their names are not scored. */
  entitiesLabelled: boolean;
  trap?: string;
  notes?: string;
}

export interface CorpusText extends CorpusEntry {
  text: string;
}

/** The issue's targets, printed beside the figures. */
export const CORPUS_TARGETS = {
  auc: 0.95,
  unrelatedMarkedRelated: 0,
  rightCategoryFirst: 0.9,
  orgPrecision: 0.9,
  orgRecall: 0.8,
  fragments: 0,
} as const;

/** The demo team's four issues: the watchlist the labels' "related" refers to. */
export function seedWatchlist(): IssueToMatch[] {
  return demoIssues.map((issue, i) => ({
    id: `seed-${i + 1}`,
    title: issue.title,
    summary: issue.summary,
    categorySlug: issue.category,
    actors: issue.actors,
    hsCodes: issue.hsCodes,
    tags: issue.tags,
    jurisdictions: issue.jurisdictions,
  }));
}

export interface TextResult {
  id: string;
  related: boolean;
  theater: string;
  /** The inbox's relevance (lib/feeds/relevance.ts), 0 to 1: the analysis's relevance of the item's title and text. */
  relevance: number;
  markedRelated: boolean;
  labelledCategory: string | null;
  suggestedCategory: string | null;
  organizations: string[];
}

export interface NameScore {
  predicted: number;
  labelled: number;
  /** Predictions that match a label not matched before. */
  correct: number;
  /** Further predictions of an already matched label: variants that should have been merged. */
  duplicates: number;
  precision: number;
  recall: number;
  /** Predictions matching no label, and labels nothing matched, as "id: name". */
  wrong: string[];
  missed: string[];
}

export interface Fragment {
  id: string;
  name: string;
  reason: string;
}

export interface CorpusEvaluation {
  counts: { texts: number; related: number; otherTheaters: number; unrelated: number };
  relevance: {
    /** Related against unrelated (theater "none"): the issue's target. */
    auc: number;
    /** Related against everything not related, other sanctions theaters included. */
    aucAllNegatives: number;
    /** Unrelated texts the analysis marks as related (its `related` verdict). */
    unrelatedMarkedRelated: number;
    otherTheatersMarkedRelated: number;
    relatedMarkedRelated: number;
    /** Unrelated texts scoring at least the median related text. */
    unrelatedAtOrAboveRelatedMedian: number;
    relatedMedian: number;
    unrelatedMax: number;
  };
  categories: { scored: number; rightFirst: number; rate: number; wrong: string[] };
  organizations: NameScore;
  people: NameScore;
  fragments: Fragment[];
  texts: TextResult[];
}


export function evaluateCorpus(texts: readonly CorpusText[], watchlist: readonly IssueToMatch[] = seedWatchlist()): CorpusEvaluation {
  const results: TextResult[] = [];
  const orgPairs: Array<{ id: string; predicted: string[]; labels: LabelledName[] }> = [];
  const peoplePairs: Array<{ id: string; predicted: string[]; labels: LabelledName[] }> = [];
  const fragments: Fragment[] = [];

  for (const t of texts) {
    // The two paths issue 16 is about: POST /api/documents/analyze and the inbox's relevance.
    const analysis = analyzeDocument({ text: t.text, title: t.title, url: t.url }, watchlist);
    const { relevance } = itemRelevance({ title: t.title, text: t.text, url: t.url }, watchlist);
    const suggested = analysis.categories[0]?.slug ?? null;
    const organizations = analysis.organizations.map((o) => o.name);
    results.push({
      id: t.id,
      related: t.related,
      theater: t.theater,
      relevance,
      // The verdict of POST /api/documents/analyze.
      markedRelated: analysis.related,
      labelledCategory: t.categories[0] ?? null,
      suggestedCategory: suggested === "other" ? null : suggested,
      organizations,
    });
    for (const name of organizations) {
      const reason = fragmentReason(name);
      if (reason) fragments.push({ id: t.id, name, reason });
    }
    if (t.entitiesLabelled) {
      orgPairs.push({ id: t.id, predicted: organizations, labels: t.organizations });
      peoplePairs.push({ id: t.id, predicted: analysis.people.map((p) => p.name), labels: t.people });
    }
  }

  const related = results.filter((r) => r.related);
  const unrelated = results.filter((r) => !r.related && r.theater === "none");
  const otherTheaters = results.filter((r) => !r.related && r.theater !== "none");
  const relatedMedian = median(related.map((r) => r.relevance));
  const scored = related.filter((r) => r.labelledCategory !== null);
  const rightFirst = scored.filter((r) => r.suggestedCategory === r.labelledCategory);

  return {
    counts: { texts: results.length, related: related.length, otherTheaters: otherTheaters.length, unrelated: unrelated.length },
    relevance: {
      auc: auc(related.map((r) => r.relevance), unrelated.map((r) => r.relevance)),
      aucAllNegatives: auc(related.map((r) => r.relevance), [...unrelated, ...otherTheaters].map((r) => r.relevance)),
      unrelatedMarkedRelated: unrelated.filter((r) => r.markedRelated).length,
      otherTheatersMarkedRelated: otherTheaters.filter((r) => r.markedRelated).length,
      relatedMarkedRelated: related.filter((r) => r.markedRelated).length,
      unrelatedAtOrAboveRelatedMedian: unrelated.filter((r) => r.relevance >= relatedMedian).length,
      relatedMedian,
      unrelatedMax: Math.max(0, ...unrelated.map((r) => r.relevance)),
    },
    categories: {
      scored: scored.length,
      rightFirst: rightFirst.length,
      rate: scored.length === 0 ? 0 : rightFirst.length / scored.length,
      wrong: scored.filter((r) => r.suggestedCategory !== r.labelledCategory).map((r) => `${r.id}: ${r.suggestedCategory ?? "none"} (labelled ${r.labelledCategory})`),
    },
    organizations: scoreNames(orgPairs),
    people: scoreNames(peoplePairs),
    fragments,
    texts: results,
  };
}

/** Area under the ROC curve: the chance that a random positive outscores a random negative, ties counting half. */
export function auc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return Number.NaN;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Case, typographic apostrophes and quotes, "U.S." and a leading "the" do not tell names apart. */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[’ʼ‘`]/g, "'")
    .replace(/\bU\.\s?S\.(?=\s|$)/gi, "US")
    .toLowerCase()
    .replace(/^the\s+/, "")
    .replace(/[.,]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Precision and recall of predicted names against the labels, text by text. */
export function scoreNames(pairs: ReadonlyArray<{ id: string; predicted: readonly string[]; labels: readonly LabelledName[] }>): NameScore {
  let predicted = 0;
  let labelled = 0;
  let correct = 0;
  let duplicates = 0;
  const wrong: string[] = [];
  const missed: string[] = [];
  for (const { id, predicted: names, labels } of pairs) {
    const forms = labels.map((l) => new Set([l.name, ...(l.aliases ?? [])].map(normalizeName)));
    const matched = new Set<number>();
    predicted += names.length;
    labelled += labels.length;
    for (const name of names) {
      const key = normalizeName(name);
      const i = forms.findIndex((f) => f.has(key));
      if (i < 0) wrong.push(`${id}: ${name}`);
      else if (matched.has(i)) duplicates++;
      else {
        matched.add(i);
        correct++;
      }
    }
    labels.forEach((l, i) => matched.has(i) || missed.push(`${id}: ${l.name}`));
  }
  return {
    predicted,
    labelled,
    correct,
    duplicates,
    precision: predicted === 0 ? 0 : correct / predicted,
    recall: labelled === 0 ? 0 : correct / labelled,
    wrong,
    missed,
  };
}

const LEGAL_FORM_WORDS = new Set(
  (
    "public joint stock company limited liability closed open ltd llc inc incorporated corp corporation co plc gmbh ag sa " +
    "oao ooo zao pao ao jsc pjsc ojsc cjsc bv nv lp llp pte pty fze fzco dmcc srl spa kft as"
  ).split(" "),
);
// Nouns that name a kind of body, not a body: "Research Center" alone is not an organisation.
const GENERIC_WORDS = new Set(
  "research center centre institute company group holding department ministry bank office agency bureau committee council trading industry industries technology technologies".split(" "),
);

/** Why a recognised organisation name is a fragment, or null: brackets, a possessive, a cut mid-name, a bare legal form or generic noun. */
export function fragmentReason(name: string): string | null {
  const opens = (name.match(/[([{]/g) ?? []).length;
  const closes = (name.match(/[)\]}]/g) ?? []).length;
  if (opens !== closes) return "unbalanced brackets";
  // "People's Bank of China", "Workers' Party of Korea": possessives that belong to the name are not an owner's.
  const owners = name.split(/\s+/).filter((w) => (/\w['’ʼ]s$/u.test(w) || /\ws['’ʼ]$/u.test(w)) && !isNameInternalPossessive(w));
  if (owners.length > 0) return "possessive";
  // "of Justice" (from "Department of Justice"): a name does not start or end with a lower-case linking word.
  if (/^(?:of|and|for|the|to|in|on|at|by|de|du|des)\s/.test(name) || /\s(?:of|and|for|the|to|in|on|at|by)$/.test(name)) return "starts or ends mid-name";
  const words = name
    .toLowerCase()
    .replace(/[().,]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > 0 && words.every((w) => LEGAL_FORM_WORDS.has(w))) return "bare legal form";
  if (words.length > 0 && words.every((w) => LEGAL_FORM_WORDS.has(w) || GENERIC_WORDS.has(w))) return "generic noun";
  return null;
}
