import type { EntryType } from "@/lib/sanctions/entry";

/** How pages name an entity's type. */
export const entityTypeLabels: Record<EntryType, string> = { person: "Person", organization: "Organisation", vessel: "Vessel", aircraft: "Aircraft" };

/** A score in [0, 1] as people read it: "87 %". */
export const formatScore = (score: number) => `${Math.round(score * 100)} %`;
