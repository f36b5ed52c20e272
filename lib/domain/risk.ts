import type { Likelihood } from "@/lib/generated/prisma/enums";
import { likelihoodBand, likelihoods } from "./likelihood";

export const IMPACT_MIN = 1;
export const IMPACT_MAX = 5;
export const impactLabels: Record<number, string> = { 1: "Minimal", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe" };

/** Risk = likelihood band (1–7) × impact (1–5): 1 … 35, the cell of the risk matrix. */
export function riskScore(likelihood: Likelihood, impact: number): number {
  return likelihoodBand(likelihood) * impact;
}

export const RISK_MAX = likelihoods.length * IMPACT_MAX;

/** A coarse level for colouring and sorting: thresholds at a fifth, two fifths and three fifths of the scale. */
export function riskLevel(score: number): "low" | "medium" | "high" | "critical" {
  if (score >= 21) return "critical";
  if (score >= 14) return "high";
  if (score >= 7) return "medium";
  return "low";
}
