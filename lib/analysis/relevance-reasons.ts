import type { RelevanceExplanation, RelevanceReason } from "./analyze";

// What moved a relevance, in the analyst's words: the review form lists them for a document, the inbox for
// each item (stored with it on arrival, since the item is analysed once).

export const RELEVANCE_PARTS: Record<RelevanceReason["part"], string> = {
  topic: "Subject terms",
  names: "Names and tags",
  context: "Sanctions context",
  place: "Place",
  learned: "Learned from your team's decisions",
};

/** "+0.8", "−0.4": how far a part moved the score, in log-odds, signed so a part that lowered it reads as such. */
export const signedWeight = (weight: number) => `${weight < 0 ? "\u2212" : "+"}${Math.abs(weight).toFixed(1)}`;

/** What the part found, as the reader sees it: the learned model's terms quoted, the rest as found. */
export const foundText = (reason: RelevanceReason) => (reason.part === "learned" ? reason.found.map((term) => `‘${term}’`) : reason.found).join(", ");

/** One line per part, largest first: "Subject terms +2.1 — drone, engine". */
export function relevanceReasonLines(explained: RelevanceExplanation): string[] {
  return explained.reasons.map((reason) => {
    const found = foundText(reason);
    return `${RELEVANCE_PARTS[reason.part]} ${signedWeight(reason.weight)}${found ? ` — ${found}` : ""}`;
  });
}
