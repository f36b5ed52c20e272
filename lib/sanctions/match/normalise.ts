// Names reduced to comparable words: case, diacritics, scripts and punctuation normalised, legal forms set apart,
// and each word given a key that folds the common variant spellings of transliterations together.
import anyAscii from "any-ascii";
import { splitLegalForms } from "./legal-forms";

export interface NormalisedName {
  /** The name as given. */
  original: string;
  /** Its words, lower-case ASCII, legal forms and filler words taken out. */
  words: string[];
  /** Each word's spelling key (see spellingKey), in the same order. */
  keys: string[];
  /** Legal form families found ("limited", "stock", "corporation"…). */
  legalForms: string[];
}

// Words that join a name's parts without telling names apart.
const FILLERS = new Set(["the", "of", "and", "for", "und", "et", "y", "e"]);
// Abbreviations that articles and lists write both ways.
const ABBREVIATIONS: Record<string, string> = {
  intl: "international",
  int: "international",
  natl: "national",
  mfg: "manufacturing",
  svcs: "services",
  svc: "services",
  tech: "technology",
  technologies: "technology",
  techn: "technology",
  ind: "industries",
  inds: "industries",
  industrial: "industries",
  assn: "association",
  bros: "brothers",
  dept: "department",
  univ: "university",
  st: "saint",
  mohd: "mohammed",
  muhd: "mohammed",
};
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;

/** Lower-case ASCII words of a name, in any script. */
export function nameWords(name: string): string[] {
  const ascii = anyAscii(
    name
      .normalize("NFKC")
      // one syllable a word for Chinese characters (any-ascii runs them together: "XiJinPing")
      .replace(CJK, (char) => ` ${char} `),
  ).toLowerCase();
  return ascii
    .replace(/&/g, " and ")
    .replace(/['`\u2019\u02bc"]/g, "") // Poor's → poors, CHO'NG → chong
    .replace(/\b([a-z])\./g, "$1") // p.l.c. → plc, L.L.C. → llc
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
}

/**
 * A word's spelling key: transliteration variants folded together (Aleksandr/Alexander, Khodorkovsky/
 * Hodorkovskiy, Yuri/Iouri/Juri, Tsipras/Cipras, Zhukov/Jukov, Smirnoff/Smirnov, Schmidt/Shmidt).
 */
export function spellingKey(word: string): string {
  return word
    .replace(/shch|sch/g, "sh")
    .replace(/dzh|dj|zh/g, "j")
    .replace(/kh/g, "h")
    .replace(/ph/g, "f")
    .replace(/ck|q/g, "k")
    .replace(/ks|cks/g, "x")
    .replace(/w/g, "v")
    .replace(/ts|tz|cz/g, "c")
    .replace(/ou|oo/g, "u")
    .replace(/y/g, "i")
    .replace(/(.)\1+/g, "$1")
    .replace(/^[ij](?=[aeu])/, "")
    .replace(/i(?=[aeu])/g, "")
    .replace(/ii$|ij$/, "i")
    .replace(/of$/, "ov");
}

/**
 * A name as words to compare. Runs of single letters join into one word for organisations ("A-B-C Company" →
 * "abc": otherwise every letter would match anything, nomenklatura#193), people keep their initials.
 */
export function normaliseName(name: string, { person = false }: { person?: boolean } = {}): NormalisedName {
  const expanded = nameWords(name).map((word) => ABBREVIATIONS[word] ?? word);
  const { words: named, legalForms } = splitLegalForms(person ? expanded : joinInitials(expanded));
  const words = named.filter((word) => !FILLERS.has(word));
  return { original: name, words, keys: words.map(spellingKey), legalForms };
}

function joinInitials(words: string[]): string[] {
  const joined: string[] = [];
  let letters = "";
  for (const word of [...words, ""]) {
    if (word.length === 1 && /[a-z]/.test(word)) {
      letters += word;
      continue;
    }
    if (letters) joined.push(letters);
    letters = "";
    if (word) joined.push(word);
  }
  return joined;
}
