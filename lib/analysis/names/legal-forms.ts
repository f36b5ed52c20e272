// Company legal forms, as they are written after a name ("Haas Automation, Inc.", "… (Shenzhen) Co., Ltd.")
// or, in Russian and other post-Soviet usage, before it ("OOO Sky Frame", "AO Kronshtadt"). A name keeps its
// legal form: sanctions lists write it too, and "Aviastar" and "Aviastar LLC" may be different companies.

/** Written after the name, one to three words: "Co., Ltd.", "Sdn. Bhd.", "Joint Stock Company", "GmbH". */
const SUFFIX_FORMS = [
  "Co., Ltd.", "Co. Ltd.", "Co., Ltd", "Co. Ltd", "Co., Limited", "Company Limited", "Company Ltd.", "Pte. Ltd.", "Pte Ltd",
  "Pvt. Ltd.", "Pvt Ltd", "Pty Ltd", "Pty. Ltd.", "Sdn. Bhd.", "Sdn Bhd", "Private Limited", "Public Limited Company",
  "Joint Stock Company", "Public Joint Stock Company", "Closed Joint Stock Company", "Open Joint Stock Company",
  "Limited Liability Company", "Limited Liability Partnership", "Ltd.", "Ltd", "Limited", "Inc.", "Inc", "Incorporated",
  "Corp.", "Corp", "Corporation", "Co.", "LLC", "L.L.C.", "LLP", "LP", "L.P.", "PLC", "plc", "GmbH", "AG", "KG", "SE",
  "S.A.", "SA", "S.A.S.", "SAS", "S.R.L.", "SRL", "S.p.A.", "SpA", "B.V.", "BV", "N.V.", "NV", "A.S.", "A.Ş.", "AB", "Oy",
  "JSC", "PJSC", "OJSC", "CJSC", "FZE", "FZCO", "FZ-LLC", "DMCC", "OOO", "AO", "PAO", "OAO", "ZAO", "TOO", "LLP.",
  "Kft.", "Sp. z o.o.", "s.r.o.", "d.o.o.",
];

/** Written before the name (Russian, Kazakh, Belarusian usage), often with the name in quotes. */
const PREFIX_FORMS = [
  "OOO", "AO", "PAO", "OAO", "ZAO", "TOO", "JSC", "PJSC", "OJSC", "CJSC", "LLC", "IP",
  "Joint Stock Company", "Public Joint Stock Company", "Open Joint Stock Company", "Closed Joint Stock Company",
  "Limited Liability Company", "Federal State Unitary Enterprise", "Federal State Budgetary Institution",
];

// Longest first, so "Public Joint Stock Company" is taken whole rather than as "Company".
const bySize = (a: string, b: string) => b.split(" ").length - a.split(" ").length || b.length - a.length;
export const LEGAL_SUFFIXES: readonly string[] = [...new Set(SUFFIX_FORMS)].sort(bySize);
export const LEGAL_PREFIXES: readonly string[] = [...new Set(PREFIX_FORMS)].sort(bySize);

// Every word any legal form is made of, without its dots and commas: "Co., Ltd." → "co", "ltd".
const LEGAL_WORDS = new Set(
  [...SUFFIX_FORMS, ...PREFIX_FORMS].flatMap((f) => f.toLowerCase().replace(/[.,]/g, " ").split(/\s+/)).filter(Boolean),
);

const wordsOf = (name: string) => name.toLowerCase().replace(/[().,"“”«»]/g, " ").split(/\s+/).filter(Boolean);

/** A name made only of legal-form words ("Public Joint Stock Company", "Co., Ltd."): a fragment, not a name. */
export function isOnlyLegalForm(name: string): boolean {
  const words = wordsOf(name);
  return words.length > 0 && words.every((w) => LEGAL_WORDS.has(w));
}

// The last word of each form written after a name, dots removed: "Co., Ltd." → "ltd", "B.V." → "bv".
const SUFFIX_LAST_WORDS = new Set(SUFFIX_FORMS.map((f) => f.toLowerCase().replace(/[.,]/g, "").split(/\s+/).at(-1) ?? ""));

/** Whether a word can end a company's name as its legal form: "Ltd.", "LLC", "GmbH", "B.V.". */
export function isLegalSuffixWord(word: string): boolean {
  return /\p{Lu}/u.test(word[0] ?? "") && SUFFIX_LAST_WORDS.has(word.toLowerCase().replace(/[.,]/g, ""));
}

/** Whether `word` (as written, dots kept) can be part of a legal form: continues a name past "Co." or "Ltd". */
export function isLegalFormWord(word: string): boolean {
  return LEGAL_WORDS.has(word.toLowerCase().replace(/[.,]/g, ""));
}

/** The legal form a name ends with, if any: "Haas Automation, Inc." → "Inc.". */
export function legalSuffixOf(name: string): string | null {
  for (const form of LEGAL_SUFFIXES) {
    if (name.length > form.length && name.endsWith(form) && /[\s,]$/.test(name.slice(0, -form.length))) return form;
  }
  return null;
}

/** The legal form a name starts with, if any: "OOO Sky Frame" → "OOO". */
export function legalPrefixOf(name: string): string | null {
  for (const form of LEGAL_PREFIXES) {
    if (name.length > form.length && name.startsWith(form) && /^\s/.test(name.slice(form.length))) return form;
  }
  return null;
}

/** The name without its legal form and the brackets and quotes around it: "OOO «Sky Frame»" → "Sky Frame". */
export function withoutLegalForm(name: string): string {
  const suffix = legalSuffixOf(name);
  let core = suffix ? name.slice(0, -suffix.length).replace(/[\s,]+$/, "") : name;
  const prefix = legalPrefixOf(core);
  if (prefix) core = core.slice(prefix.length).trim();
  return core.replace(/^["“«]\s*|\s*["”»]$/g, "").trim();
}
