import { credibilityLabels, reliabilityLabels } from "@/lib/domain/grading";

// The words the library's pages use for grades and stances.

export type ReliabilityGrade = keyof typeof reliabilityLabels;

/** "B — Usually reliable". */
export const reliabilityText = (grade: ReliabilityGrade) => `${grade} — ${reliabilityLabels[grade]}`;

/** "2 — Probably true". */
export const credibilityText = (credibility: number) => `${credibility} — ${credibilityLabels[credibility] ?? "Unknown"}`;

export const credibilities = [1, 2, 3, 4, 5, 6] as const;

/** What a viewer is told when the API refuses them the intake. */
export const ADD_EVIDENCE_FORBIDDEN = "You need the analyst role to add evidence.";
