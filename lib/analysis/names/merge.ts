// One entity per body or person within a document: the ways a text writes the same name ("U.S. Department
// of Commerce" and "Department of Commerce", "Haas Automation, Inc." and "Haas Automation", "Alan F. Estevez"
// and "Alan Estevez", "Disruptive Technology Strike Force" and "the Strike Force") become one name with the
// others as aliases. Pure and idempotent: merging merged names changes nothing.
import { legalPrefixOf, legalSuffixOf, withoutLegalForm } from "./legal-forms";
import { CONNECTORS, ORGANIZATION_HEADS } from "./words";

const words = (s: string) => s.split(/\s+/).filter(Boolean);

function normalized(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[’ʼ‘`]/g, "'")
    .replace(/["“”«»]/g, "")
    .replace(/[.,]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * The part of an organisation's name that tells it apart: no legal form, no leading "the" or country
 * ("U.S.", "UK", "Russian"), case and punctuation ignored.
 */
export function organizationKey(name: string, countryWords: ReadonlySet<string>): string {
  let tokens = words(withoutLegalForm(name));
  while (tokens.length > 1 && (tokens[0] === "the" || tokens[0] === "The" || countryWords.has(tokens[0]!.replace(/[’']s$/, "")))) {
    tokens = tokens.slice(1);
  }
  return normalized(tokens.join(" "));
}

/** A person's name without middle initials: "Alan F. Estevez" and "Alan Estevez" are one person. */
export function personKey(name: string): string {
  const tokens = words(name);
  const kept = tokens.filter((t, i) => i === 0 || i === tokens.length - 1 || !/^\p{Lu}\.?$/u.test(t));
  return normalized(kept.join(" "));
}

function hasLegalForm(name: string): boolean {
  return legalSuffixOf(name) !== null || legalPrefixOf(name) !== null;
}

/** The better of two names for one body: a known body's own name, then the one with its legal form, then the longer. */
function better(a: string, b: string, preferred: ReadonlySet<string>): string {
  if (preferred.has(a) !== preferred.has(b)) return preferred.has(a) ? a : b;
  if (hasLegalForm(a) !== hasLegalForm(b)) return hasLegalForm(a) ? a : b;
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return a < b ? a : b;
}

/** The body's short name: up to its head word before "of"/"for" ("Coordinating Committee" of "… for Multilateral Export Controls"). */
function shortForms(name: string): string[] {
  const tokens = words(withoutLegalForm(name));
  const forms: string[] = [];
  for (let i = 1; i < tokens.length - 1; i++) {
    if (ORGANIZATION_HEADS.has(tokens[i]!) && (tokens[i + 1] === "of" || tokens[i + 1] === "for")) forms.push(tokens.slice(0, i + 1).join(" "));
  }
  // Its last words, from its last two: "Strike Force" of "Disruptive Technology Strike Force".
  for (let i = 1; i <= tokens.length - 2; i++) {
    if (!CONNECTORS.has(tokens[i]!) && !tokens.slice(0, i).some((t) => CONNECTORS.has(t))) forms.push(tokens.slice(i).join(" "));
  }
  return forms;
}

/**
 * Which name each variant belongs to (every name maps, a kept name to itself). `preferred` are the names of
 * known bodies, kept as the name when a variant matches; `key` says which spellings are one name.
 */
export function mergeVariants(names: readonly string[], key: (name: string) => string, preferred: ReadonlySet<string> = new Set(), allowShortForms = false): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const k = key(name);
    const current = byKey.get(k);
    byKey.set(k, current === undefined ? name : better(current, name, preferred));
  }
  const target = new Map<string, string>();
  for (const name of names) target.set(name, byKey.get(key(name)) ?? name);

  if (allowShortForms) {
    // A kept name that is the short form of exactly one longest name (one that is no other's short form) is
    // that name. Only longest names own: so merging the merged names changes nothing.
    const kept = [...new Set(target.values())];
    // Looked up by key, not compared pairwise: a long text can name thousands.
    const ownersByForm = new Map<string, string[]>();
    for (const long of kept) {
      for (const form of new Set(shortForms(long).map(key))) {
        const owners = ownersByForm.get(form);
        if (owners) owners.push(long);
        else ownersByForm.set(form, [long]);
      }
    }
    const ownersOf = (name: string) => (ownersByForm.get(key(name)) ?? []).filter((long) => long !== name);
    const longest = new Set(kept.filter((name) => ownersOf(name).length === 0));
    const shortTarget = new Map<string, string>();
    for (const name of kept) {
      if (preferred.has(name) || words(name).length < 2) continue;
      const owners = ownersOf(name).filter((long) => longest.has(long));
      if (owners.length === 1 && owners[0]) shortTarget.set(name, owners[0]);
    }
    for (const [name, t] of target) target.set(name, shortTarget.get(t) ?? t);
  }
  return target;
}
