import type { Likelihood } from "@/lib/generated/prisma/enums";

/** ICD 203 estimative language, lowest first, with the probability range each term stands for. */
export const likelihoods = [
  "almost_no_chance",
  "very_unlikely",
  "unlikely",
  "roughly_even_chance",
  "likely",
  "very_likely",
  "almost_certain",
] as const satisfies readonly Likelihood[];

export const likelihoodLabels: Record<Likelihood, string> = {
  almost_no_chance: "Almost no chance",
  very_unlikely: "Very unlikely",
  unlikely: "Unlikely",
  roughly_even_chance: "Roughly even chance",
  likely: "Likely",
  very_likely: "Very likely",
  almost_certain: "Almost certain",
};

export const likelihoodRanges: Record<Likelihood, string> = {
  almost_no_chance: "1–5%",
  very_unlikely: "5–20%",
  unlikely: "20–45%",
  roughly_even_chance: "45–55%",
  likely: "55–80%",
  very_likely: "80–95%",
  almost_certain: "95–99%",
};

/** The band of a likelihood: 1 (almost no chance) … 7 (almost certain). */
export function likelihoodBand(likelihood: Likelihood): number {
  return likelihoods.indexOf(likelihood) + 1;
}
