import type { Stance } from "@/lib/generated/prisma/enums";

/** What a piece of evidence says about an issue's direction. */
export const stances = ["escalating", "de_escalating", "context"] as const satisfies readonly Stance[];

export const stanceLabels: Record<Stance, string> = {
  escalating: "Escalating",
  de_escalating: "De-escalating",
  context: "Context",
};
