import { credibilityLabels, reliabilityLabels } from "@/lib/domain/grading";
import type { stanceSchema } from "@/lib/validation/evidence";
import type { z } from "zod";

// The words the library's pages use for grades and stances.

export type Stance = z.infer<typeof stanceSchema>;
export type ReliabilityGrade = keyof typeof reliabilityLabels;

export const stances = ["escalating", "de_escalating", "context"] as const satisfies readonly Stance[];

export const stanceLabels: Record<Stance, string> = {
  escalating: "Escalating",
  de_escalating: "De-escalating",
  context: "Context",
};

/** "B — Usually reliable". */
export const reliabilityText = (grade: ReliabilityGrade) => `${grade} — ${reliabilityLabels[grade]}`;

/** "2 — Probably true". */
export const credibilityText = (credibility: number) => `${credibility} — ${credibilityLabels[credibility] ?? "Unknown"}`;

export const credibilities = [1, 2, 3, 4, 5, 6] as const;

/** Only web addresses become links: a stored `javascript:` URL must never run. */
export const safeUrl = (url: string | null | undefined) => (url && /^https?:\/\//i.test(url) ? url : null);
