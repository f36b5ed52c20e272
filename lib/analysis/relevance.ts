// How relevant a document is to a team's watchlist, in [0, 1], and whether it is related (issue 16 item 1).
//
// Each issue gets log-odds from four kinds of evidence, each capped so that no one kind decides alone
// (see contributions() for how the theater and subject gate the others):
// - topic: the category terms (after word sense, sense.ts) and its HS headings;
// - names: the tags and its actors that are not places ("Chinese banks", "Janet Yellen");
// - context: sanctions and export-control vocabulary anywhere in the document (taxonomy SIGNAL_TERMS);
// - place: how much of the document's geography is the (its title's jurisdictions, else its
//   summary's, else its actors'), so a story on another sanctions theater (Iran, North Korea) stays low.
//   Places the issue names, and those imposing sanctions (taxonomy SANCTIONING_JURISDICTIONS), never
//   count against it.
// The document's relevance is the logistic of the best issue's sum. The weights are set by reasoning
// about what an analyst needs, not fitted to the labelled corpus: no one part alone reaches one half, nor
// topic, names and context at their caps without the place; the place with one specific
// term of its subject and some sanctions context passes it. `related` is relevance ≥ one half.
// Pure: numbers in, numbers out.

export const RELATED_AT = 0.5;

/** Log-odds with no evidence at all: about 0.25 %, low but never zero. */
export const BASE = -6;
export const TOPIC_CAP = 3;
const HS = 0.5;
const HS_CAP = 2;
const NAME = 0.5;
const NAME_CAP = 3;
export const CONTEXT_CAP = 3;
// The heaviest part: a watchlist is about a theater, and the same instruments (export controls, Entity
// List) and goods (drones, chips) come up in every other one. Topic and context at their caps without the
// issue's place stay below one half.
export const PLACE = 4.5;
/** An issue naming no place at all: neither for nor against. */
export const PLACE_NEUTRAL = 0.5;

export interface RelevanceFeatures {
  /** The category score in the document (vocabulary.ts scoreOwners), 0 when none. */
  category: number;
  /** How many of the HS headings the document speaks to. */
  hsCodes: number;
  /** How many of its tags and non-place actors the document names. */
  names: number;
  /** The document's sanctions vocabulary score (signal terms), the same for every issue. */
  context: number;
  /** The share of the document's geography, 0 to 1 (PLACE_NEUTRAL when the issue names no place). */
  place: number;
}

export type RelevancePart = "topic" | "names" | "context" | "place";

export interface RelevanceContribution {
  part: RelevancePart;
  /** Log-odds added. */
  weight: number;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Number.isFinite(x) ? x : lo));

/**
 * The log-odds each kind of evidence adds, each bounded, and two of them gating the others (which keeps
 * every part non-decreasing in every feature):
 * - the theater: topic, names and context count half when none of the document's geography is
 *   the issue's, fully when all of it is. Export controls on drones for Iran are not drones for Russia.
 * - the subject: context and place count half until topic and names add up to one specific term.
 *   A release on export controls of chips to China is not about Chinese banks.
 */
export function contributions(f: RelevanceFeatures): RelevanceContribution[] {
  const place = clamp(f.place, 0, 1);
  const theater = 0.5 + 0.5 * place;
  const topic = clamp(f.category, 0, TOPIC_CAP) + HS * clamp(f.hsCodes, 0, HS_CAP);
  const names = NAME * clamp(f.names, 0, NAME_CAP);
  const subject = 0.5 + 0.5 * Math.min(1, topic + names);
  return [
    { part: "topic", weight: theater * topic },
    { part: "names", weight: theater * names },
    { part: "context", weight: theater * subject * clamp(f.context, 0, CONTEXT_CAP) },
    { part: "place", weight: subject * PLACE * place },
  ];
}

export function logistic(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Relevance in (0, 1): non-decreasing in every feature. Rounded to 3 decimals, so it shows and sorts stably. */
export function relevanceOf(f: RelevanceFeatures): number {
  return relevanceFrom(f.category, f.hsCodes, f.names, f.context, f.place);
}

/** relevanceOf without the objects: it runs for each of a large team's issues on every analysis. Same sum as contributions(). */
export function relevanceFrom(category: number, hsCodes: number, names: number, context: number, place: number): number {
  const p = clamp(place, 0, 1);
  const theater = 0.5 + 0.5 * p;
  const topic = clamp(category, 0, TOPIC_CAP) + HS * clamp(hsCodes, 0, HS_CAP);
  const named = NAME * clamp(names, 0, NAME_CAP);
  const subject = 0.5 + 0.5 * Math.min(1, topic + named);
  const z = BASE + theater * (topic + named) + theater * subject * clamp(context, 0, CONTEXT_CAP) + subject * PLACE * p;
  return Math.round(logistic(z) * 1000) / 1000;
}

/**
 * The issue's share of the document's geography: its places' mentions against the most-mentioned place that
 * is not one of its own. `mentions` is the document's places, most-mentioned first.
 */
export function placeShare(mentions: ReadonlyArray<readonly [string, number]>, focus: ReadonlySet<string>, own: ReadonlySet<string>): number {
  if (focus.size === 0) return PLACE_NEUTRAL;
  let found = 0;
  let other = 0;
  for (const [code, n] of mentions) {
    if (focus.has(code)) found += n;
    else if (other === 0 && !own.has(code)) other = n;
  }
  return found === 0 ? 0 : found / (found + other);
}
