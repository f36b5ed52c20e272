// The one shape every list importer produces, whatever the list's own format (issue 13).

export const ENTRY_TYPES = ["person", "organization", "vessel", "aircraft"] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/**
 * How far an alias can be trusted. OFAC calls its weak a.k.a.s "weak" (they sit in the remarks), the UN "Low";
 * matching weighs a weak alias below a strong one.
 */
export type AliasQuality = "strong" | "weak";
/** Also known as, formerly known as, now known as, or the name in its original script. */
export type AliasKind = "aka" | "fka" | "nka" | "original_script";

export interface Alias {
  name: string;
  kind: AliasKind;
  quality: AliasQuality;
}

/** A number that identifies the entry on its own: IMO, MMSI, tax number, passport, registration number… */
export interface Identifier {
  kind: IdentifierKind;
  value: string;
  /** The list's own words for it ("Tax ID No.", "Passport"), kept for people to read. */
  label: string;
  country: string | null;
}

export type IdentifierKind =
  | "imo"
  | "mmsi"
  | "call_sign"
  | "tax"
  | "registration"
  | "passport"
  | "national_id"
  | "swift_bic"
  | "other";

export interface Address {
  street: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  note: string | null;
}

export interface SanctionsEntry {
  /** The list's own id: OFAC `ent_num`, UN `DATAID`, OpenSanctions `id`. Releases compare by it. */
  sourceId: string;
  type: EntryType;
  /** The primary name as the list writes it ("AL-ASSAD, Bashar" for OFAC people). */
  name: string;
  aliases: Alias[];
  programs: string[];
  /** Country names as the list writes them (nationality, citizenship, addresses, vessel flag), without repeats. */
  countries: string[];
  identifiers: Identifier[];
  /** ISO dates as precise as the list is: "1971", "1971-05" or "1971-05-03". */
  birthDates: string[];
  /** When the list says the entry was designated ("2012-12-31"), if it says so. */
  listedOn: string | null;
  remarks: string | null;
  addresses: Address[];
}

export function newEntry(sourceId: string, type: EntryType, name: string): SanctionsEntry {
  return {
    sourceId,
    type,
    name,
    aliases: [],
    programs: [],
    countries: [],
    identifiers: [],
    birthDates: [],
    listedOn: null,
    remarks: null,
    addresses: [],
  };
}

/** Adds values to a list, keeping the first of each and skipping empty ones. */
export function addUnique(list: string[], ...values: (string | null | undefined)[]): void {
  for (const value of values) {
    const trimmed = value?.trim();
    if (trimmed && !list.includes(trimmed)) list.push(trimmed);
  }
}
