// FollowTheMoney schemas (used by OpenSanctions) that are listed targets, and what they are here.
import type { EntryType } from "../entry";

const ENTRY_TYPES: Record<string, EntryType> = {
  Person: "person",
  Company: "organization",
  Organization: "organization",
  LegalEntity: "organization",
  PublicBody: "organization",
  Vessel: "vessel",
  Airplane: "aircraft",
};

/** The entry type of a schema, or null for schemas that are not targets (Address, Sanction, Ownership…). */
export function entryTypeOfSchema(schema: string): EntryType | null {
  return ENTRY_TYPES[schema] ?? null;
}
