// Relevance learned from one team's decisions (issue 16 item 1): what the team accepted from its inbox or linked
// as evidence is related, what it dismissed is not. An L2-regularised logistic regression over the words,
// word pairs and organisation names of those documents, trained in a background job (relevance.train) and
// added to the taxonomy's log-odds as one more bounded part, "learned" (relevance.ts keeps the others).
// Logistic regression rather than naive Bayes: its log-odds stay moderate on long documents, where naive
// Bayes sums thousands of near-independent terms into certainty. Pure and deterministic: the same examples
// always give the same model, in any order.
import { stem } from "./issues";
import { logistic } from "./relevance";

/** The part's name in the relevance explanation. */
export const LEARNED = "learned";
/** The most the learned part adds or takes away, in log-odds: the taxonomy still decides most documents. */
export const LEARNED_CAP = 2;
/** Below this many examples of either class the model has no effect, so a team's first clicks do not swing scores. */
export const MIN_EXAMPLES = 10;
/** From this many examples of each class the part counts fully; between, in proportion. */
export const FULL_EXAMPLES = 50;
/** The features a model keeps, by how much they tell the classes apart: a few thousand keeps the stored JSON small. */
export const MAX_FEATURES = 3000;
/** A feature seen in fewer documents than this is one document's quirk, not the team's taste. */
const MIN_DOCUMENTS = 2;
/** Terms named in the explanation. */
const TOP_TERMS = 3;
// A document's features are scaled by 1/√(how many the model knows, at least this many): long and short
// documents weigh alike, and one known word in a short text does not count as a whole document's worth.
const NORM_FLOOR = 20;
const L2 = 0.01;
const STEPS = 150;
const STEP_SIZE = 2;
const MOMENTUM = 0.9;
/** How much of a document the features are read from: the lead says what it is about, and it keeps training bounded. */
export const FEATURE_CHARS = 20_000;
/**
 * The organisations that count are those named first within this lead: recognising names is most of training's
 * time (tens of ms per long document), and the ones a story is about are named early.
 */
export const NAME_CHARS = 5_000;

export interface LearnedModel {
  version: 1;
  bias: number;
  /** Feature → weight, strongest first. Words and word pairs are stemmed ("shell company"); names are "org:keremet bank". */
  weights: Array<[string, number]>;
  /** How many related (accepted, linked) and not related (dismissed) examples it was trained on. */
  positives: number;
  negatives: number;
}

export interface LabelledExample {
  features: readonly string[];
  related: boolean;
}

export interface LearnedScore {
  /** Log-odds added to the taxonomy's, bounded by LEARNED_CAP and scaled by the model's confidence; 0 without effect. */
  weight: number;
  /** The features that pushed most in the score's direction, as the user reads them: "entity list", "Keremet Bank". */
  terms: string[];
}

// Common English words and the words of every press release: they say nothing about a team's taste.
const STOP_WORDS = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him himself his " +
    "how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves " +
    "out over own same she should so some such than that the their theirs them themselves then there these they this those through " +
    "to too under until up very was we were what when where which while who whom why will with would you your yours yourself " +
    "yourselves said says say may might must shall one two three new also via per mr ms mrs inc www http https com html"
  ).split(" "),
);

const WORD = /[\p{L}\p{N}]+/gu;
const HAS_LETTER = /\p{L}/u;

/** A word as a feature: stemmed, lower case; null for stop words, numbers and single letters. */
function termOf(word: string): string | null {
  if (word.length < 2 || !HAS_LETTER.test(word)) return null;
  const lower = word.toLowerCase();
  if (STOP_WORDS.has(lower)) return null;
  const stemmed = stem(lower);
  return STOP_WORDS.has(stemmed) ? null : stemmed;
}

/**
 * Calls `visit` with each word and each pair of adjacent words (no stop word between them) of the text's lead,
 * then each organisation name; possibly more than once each.
 */
function eachFeature(text: string, organizations: readonly string[], visit: (feature: string) => void): void {
  let previous: string | null = null;
  let previousEnd = -1;
  const lead = text.length > FEATURE_CHARS ? text.slice(0, FEATURE_CHARS) : text;
  for (const m of lead.matchAll(WORD)) {
    const term = termOf(m[0]);
    // A pair only across whitespace or a hyphen: "entity list", not "list. Entity".
    const adjacent = previous !== null && /^[\s-]+$/.test(lead.slice(previousEnd, m.index));
    if (term) {
      visit(term);
      if (adjacent) visit(`${previous} ${term}`);
    }
    previous = term;
    previousEnd = m.index + m[0].length;
  }
  for (const name of organizations) {
    const key = name.trim().toLowerCase().replace(/\s+/g, " ");
    if (key) visit(`org:${key}`);
  }
}

/** A document's distinct features, in first-seen order: what the model is trained on. */
export function featuresOf(text: string, organizations: readonly string[] = []): string[] {
  const seen = new Set<string>();
  eachFeature(text, organizations, (f) => seen.add(f));
  return [...seen];
}

/** A feature as the explanation names it. */
export function termLabel(feature: string): string {
  return feature.startsWith("org:") ? feature.slice(4) : feature;
}

/**
 * How much the model counts, 0 to 1: nothing until it has seen MIN_EXAMPLES of each class, fully from
 * FULL_EXAMPLES of each. Non-decreasing in both counts.
 */
export function confidence(positives: number, negatives: number): number {
  const fewer = Math.min(positives, negatives);
  if (!(fewer >= MIN_EXAMPLES)) return 0;
  return Math.min(1, (fewer - MIN_EXAMPLES + 1) / (FULL_EXAMPLES - MIN_EXAMPLES + 1));
}

/** The learned part from the model's raw log-odds: bounded, scaled by confidence, rounded as the other parts are. */
export function learnedWeight(logOdds: number, positives: number, negatives: number): number {
  const bounded = Math.max(-LEARNED_CAP, Math.min(LEARNED_CAP, Number.isFinite(logOdds) ? logOdds : 0));
  const weight = Math.round(bounded * confidence(positives, negatives) * 100) / 100;
  return weight === 0 ? 0 : weight; // never -0
}

// ---- training ----------------------------------------------------------------------------------

/** Mutual information between a feature's presence and the class, from document counts (natural log). */
function information(inPositive: number, inNegative: number, positives: number, negatives: number): number {
  const n = positives + negatives;
  const cells: Array<[number, number, number]> = [
    [inPositive, inPositive + inNegative, positives],
    [inNegative, inPositive + inNegative, negatives],
    [positives - inPositive, n - inPositive - inNegative, positives],
    [negatives - inNegative, n - inPositive - inNegative, negatives],
  ];
  let mi = 0;
  for (const [joint, feature, cls] of cells) if (joint > 0) mi += (joint / n) * Math.log((joint * n) / (feature * cls));
  return mi;
}

/** The features that best tell the classes apart, at most MAX_FEATURES, ties by name so the order of examples never matters. */
function chooseFeatures(examples: readonly LabelledExample[], positives: number, negatives: number, limit: number): string[] {
  const counts = new Map<string, [number, number]>();
  for (const example of examples) {
    for (const f of new Set(example.features)) {
      let c = counts.get(f);
      if (!c) counts.set(f, (c = [0, 0]));
      c[example.related ? 0 : 1]++;
    }
  }
  const scored: Array<[string, number]> = [];
  for (const [f, [p, q]] of counts) if (p + q >= MIN_DOCUMENTS) scored.push([f, information(p, q, positives, negatives)]);
  scored.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return scored.slice(0, limit).map(([f]) => f);
}

/**
 * Trains the team's model. Each class weighs half of the loss whatever its size, so a team that dismisses ten
 * times more than it accepts still gets a model centred on "can't tell" (log-odds 0) for a document like neither.
 * Full-batch gradient descent with momentum, a fixed number of steps: deterministic.
 */
export function train(examples: readonly LabelledExample[], { maxFeatures = MAX_FEATURES } = {}): LearnedModel {
  const positives = examples.filter((e) => e.related).length;
  const negatives = examples.length - positives;
  const vocabulary = positives > 0 && negatives > 0 ? chooseFeatures(examples, positives, negatives, maxFeatures) : [];
  const index = new Map(vocabulary.map((f, i) => [f, i]));
  // Each example as its known features' indices and its scale, the examples in one canonical order: floating-point
  // sums depend on their order, and the same examples must give the same model however the database lists them.
  const rows = examples
    .map((e) => {
      const known = [...new Set(e.features.flatMap((f) => index.get(f) ?? []))].sort((a, b) => a - b);
      return { known, key: `${e.related ? 1 : 0}:${known.join(",")}`, x: 1 / Math.sqrt(Math.max(known.length, NORM_FLOOR)), y: e.related ? 1 : 0, share: e.related ? 0.5 / positives : 0.5 / negatives };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const w = new Float64Array(vocabulary.length);
  const velocity = new Float64Array(vocabulary.length);
  const gradient = new Float64Array(vocabulary.length);
  let bias = 0;
  let biasVelocity = 0;
  for (let step = 0; step < (vocabulary.length > 0 ? STEPS : 0); step++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (const row of rows) {
      let z = bias;
      for (const i of row.known) z += w[i]! * row.x;
      const error = (logistic(z) - row.y) * row.share;
      biasGradient += error;
      for (const i of row.known) gradient[i]! += error * row.x;
    }
    for (let i = 0; i < w.length; i++) {
      velocity[i] = MOMENTUM * velocity[i]! - STEP_SIZE * (gradient[i]! + L2 * w[i]!);
      w[i]! += velocity[i]!;
    }
    biasVelocity = MOMENTUM * biasVelocity - STEP_SIZE * biasGradient;
    bias += biasVelocity;
  }
  const weights = vocabulary
    .map((f, i): [string, number] => [f, Math.round(w[i]! * 10_000) / 10_000])
    .filter(([, weight]) => weight !== 0)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
  return { version: 1, bias: Math.round(bias * 10_000) / 10_000, weights, positives, negatives };
}

// ---- scoring -----------------------------------------------------------------------------------

const LOOKUPS = new WeakMap<LearnedModel, Map<string, number>>();

function lookup(model: LearnedModel): Map<string, number> {
  let map = LOOKUPS.get(model);
  if (!map) LOOKUPS.set(model, (map = new Map(model.weights)));
  return map;
}

/** The model's raw log-odds that the document is related, and the features that pushed most towards it. */
export function rawScore(model: LearnedModel, text: string, organizations: readonly string[] = []): { logOdds: number; terms: string[] } {
  const weights = lookup(model);
  const found = new Map<string, number>();
  // Only the model's features are kept: a 5,000-word article has tens of thousands of words and pairs.
  eachFeature(text, organizations, (f) => {
    const weight = weights.get(f);
    if (weight !== undefined) found.set(f, weight);
  });
  const x = 1 / Math.sqrt(Math.max(found.size, NORM_FLOOR));
  let logOdds = model.bias;
  for (const weight of found.values()) logOdds += weight * x;
  const direction = Math.sign(logOdds);
  const terms = [...found]
    .filter(([, weight]) => Math.sign(weight) === direction)
    .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP_TERMS)
    .map(([f]) => termLabel(f));
  return { logOdds, terms };
}

/** The learned part for a document: zero (and no terms) without a model or before it has seen enough of each class. */
export function score(model: LearnedModel | null | undefined, text: string, organizations: readonly string[] = []): LearnedScore {
  if (!model || confidence(model.positives, model.negatives) === 0) return { weight: 0, terms: [] };
  const raw = rawScore(model, text, organizations);
  const weight = learnedWeight(raw.logOdds, model.positives, model.negatives);
  return { weight, terms: weight === 0 ? [] : raw.terms };
}

/** A stored model read back (JSON from the database): null when it is not one this code can use. */
export function readModel(json: unknown): LearnedModel | null {
  if (typeof json !== "object" || json === null) return null;
  const m = json as Partial<LearnedModel>;
  if (m.version !== 1 || typeof m.bias !== "number" || !Array.isArray(m.weights) || typeof m.positives !== "number" || typeof m.negatives !== "number") return null;
  return m as LearnedModel;
}
