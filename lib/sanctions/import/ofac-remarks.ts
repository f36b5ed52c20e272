// What OFAC writes in an entry's remarks ("DOB 10 Dec 1948; nationality Iran; a.k.a. 'X'; IMO 9187629; …"),
// read into the entry's fields. Parts not recognised stay in the remarks text only.
import { addUnique, type AliasKind, type IdentifierKind, type SanctionsEntry } from "../entry";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** "10 Dec 1948" → "1948-12-10", "Dec 1948" → "1948-12", "circa 1960" → "1960"; null when unreadable. */
export function ofacDate(text: string): string | null {
  const match = /^(?:circa\s+)?(?:(\d{1,2})\s+)?(?:([A-Za-z]{3})[a-z]*\.?\s+)?(\d{4})\b/.exec(text.trim());
  if (!match) return null;
  const [, day, monthName, year] = match;
  const month = monthName ? MONTHS.indexOf(monthName.toLowerCase()) + 1 : 0;
  if (monthName && month === 0) return null;
  if (!month) return year!;
  const yearMonth = `${year}-${String(month).padStart(2, "0")}`;
  return day ? `${yearMonth}-${day.padStart(2, "0")}` : yearMonth;
}

// OFAC's labels for identifiers, by kind; the longest label that starts a part wins
// ("Vessel Registration Identification IMO" before "Registration").
const IDENTIFIER_LABELS: Record<IdentifierKind, string[]> = {
  imo: ["Vessel Registration Identification IMO", "Identification Number IMO", "Company Number IMO", "IMO"],
  mmsi: ["MMSI"],
  call_sign: [],
  tax: ["Tax ID No.", "V.A.T. Number", "R.F.C.", "NIT #", "C.U.I.T.", "RUC #"],
  passport: ["Passport", "Diplomatic Passport"],
  national_id: ["National ID No.", "Cedula No.", "C.U.R.P.", "D.N.I.", "Identification Number", "Personal ID Card"],
  swift_bic: ["SWIFT/BIC"],
  registration: [
    "Registration Number",
    "Registration ID",
    "Business Registration Number",
    "Company Number",
    "Commercial Registry Number",
    "Unified Social Credit Code (USCC)",
    "Legal Entity Number",
    "Government Gazette Number",
    "Trade License No.",
    "Registration System Number",
    "Chamber of Commerce Number",
    "Folio Mercantil No.",
    "Matricula Mercantil No",
    "C.R. No.",
    "D-U-N-S Number",
  ],
  other: ["Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Tail Number"],
};

const LABELS = Object.entries(IDENTIFIER_LABELS)
  .flatMap(([kind, labels]) => labels.map((label) => ({ label, kind: kind as IdentifierKind })))
  .sort((a, b) => b.label.length - a.label.length);

const ALIAS = /^([afn])\.k\.a\.?,?\s+['"](.+?)['"]$/i;

/** Reads one entry's remarks into its fields. */
export function readOfacRemarks(entry: SanctionsEntry, remarks: string): void {
  for (const raw of remarks.split(";")) {
    const part = raw.trim().replace(/\.$/, "");
    if (!part) continue;
    const alias = ALIAS.exec(part);
    if (alias) {
      const kind = `${alias[1]!.toLowerCase()}ka` as AliasKind;
      entry.aliases.push({ name: alias[2]!.trim(), kind, quality: "weak" });
      continue;
    }
    const dob = /^(?:alt\.\s+)?DOB\s+(.+)$/.exec(part);
    if (dob) {
      const date = ofacDate(dob[1]!);
      if (date) addUnique(entry.birthDates, date);
      continue;
    }
    const country = /^(?:alt\.\s+)?(?:nationality|citizen)\s+(.+)$/.exec(part);
    if (country) {
      addUnique(entry.countries, country[1]);
      continue;
    }
    readIdentifier(entry, part.replace(/^alt\.\s+/, ""));
  }
}

function readIdentifier(entry: SanctionsEntry, part: string): void {
  const known = LABELS.find(({ label }) => part.startsWith(`${label} `));
  if (!known) return;
  // "7701234567 (Russia)": the value, then the issuing country in brackets.
  const match = /^(.+?)(?:\s+\(([^)]+)\))?$/.exec(part.slice(known.label.length).trim());
  if (!match) return;
  entry.identifiers.push({ kind: known.kind, value: match[1]!, label: known.label, country: match[2] ?? null });
}
