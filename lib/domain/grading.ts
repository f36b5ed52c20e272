import type { Reliability } from "@/lib/generated/prisma/enums";

// The Admiralty (NATO) system: a source's reliability A–F and a piece of information's credibility 1–6.

export const reliabilities = ["A", "B", "C", "D", "E", "F"] as const satisfies readonly Reliability[];

export const reliabilityLabels: Record<Reliability, string> = {
  A: "Completely reliable",
  B: "Usually reliable",
  C: "Fairly reliable",
  D: "Not usually reliable",
  E: "Unreliable",
  F: "Reliability cannot be judged",
};

export const credibilityLabels: Record<number, string> = {
  1: "Confirmed by other sources",
  2: "Probably true",
  3: "Possibly true",
  4: "Doubtful",
  5: "Improbable",
  6: "Truth cannot be judged",
};

/** The grade shown beside a piece of evidence, e.g. "B2". */
export function admiraltyGrade(reliability: Reliability | null | undefined, credibility: number): string {
  return `${reliability ?? "F"}${credibility}`;
}
