// Organisation names found by their shape, with no list of names: a run of capitalised words joined by
// "of", "and", "for", "the" that ends in a word naming a kind of body ("… Bureau", "… Bank"), starts with one
// and continues with "of"/"for" ("Bureau of Industry and Security"), or carries a company's legal form
// ("Haas Automation, Inc.", "Redlepus Vector Industry (Shenzhen) Co., Ltd.", "OOO Sky Frame").
//
// Possessives split a run: "the Commerce Department’s Bureau of Industry and Security" names two bodies, and
// "Kyrgyzstan’s Keremet Bank" names one bank in a country. A parenthesised acronym or short name after a name
// ("(BIS)", "(Haas)", ", or CoCom,") is recorded as that name's alias, so later mentions count for it.
import { isHeadline } from "./headline";
import { CONNECTORS, isGenericName, isNameInternalPossessive, NOT_NAME, ORGANIZATION_HEADS, TITLE_BREAKERS, WEAK_HEADS } from "./words";
import { isLegalFormWord, isLegalSuffixWord, isOnlyLegalForm, LEGAL_PREFIXES, LEGAL_SUFFIXES, legalPrefixOf, legalSuffixOf } from "./legal-forms";

export interface OrganizationPhrase {
  name: string;
  start: number;
  end: number;
}

export interface OrganizationFindings {
  phrases: OrganizationPhrase[];
  /** Acronym or short name → the name it was defined for: "BIS" → "Bureau of Industry and Security". */
  definitions: Map<string, string>;
  /** Where each definition stands ("(BIS)" right after its name): part of the name's mention, not one of its own. */
  definedAt: Set<number>;
  /** Capitalised terms defined by their initials that name no body: "Export Administration Regulations" (EAR). */
  terms: Set<string>;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

// Dotted initials ("U.S."), words with inner hyphens, apostrophes, dots and ampersands ("S.p.A.", "AT&T",
// "Rolls-Royce", "Treasury’s"), or one punctuation mark.
const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}&'’ʼ.-]*[\p{L}\p{M}\p{N}])?(?:['’ʼ]s?)?\.?|[^\s\p{L}\p{N}]/gu;
const POSSESSIVE = /(?:['’ʼ]s|(?<=s)['’ʼ])$/u;
const MAX_RUN = 12;

function isCapitalisedWord(word: string): boolean {
  return /^(?:\p{Lu}|\p{N}+\p{Lu})/u.test(word);
}

/** A word that cannot be inside a name: "Kong-based", "U.S.-origin" (a hyphenated word ending in lower case). */
function isDescriptor(word: string): boolean {
  return /-\p{Ll}[\p{L}]*$/u.test(word);
}

/** Shouting ("DEPARTMENT OF COMMERCE" in a rule's header): long all-capital words are no name's words. */
function isShouting(word: string): boolean {
  return word.length >= 6 && !/\p{Ll}/u.test(word) && /^\p{Lu}+$/u.test(word) && !isLegalFormWord(word);
}

// Abbreviations whose dot ends no sentence; any other word's final dot does ("… to the Entity List. The …").
const ABBREVIATIONS = new Set(["St.", "Mt.", "Ft.", "Bros.", "Gen.", "Adm.", "Sen.", "Rep.", "Gov.", "Mr.", "Mrs.", "Ms.", "Dr.", "No.", "Dept.", "Intl.", "Int'l."]);

/** The word without a sentence-final dot; abbreviations and legal forms keep theirs ("Co.", "Inc.", "U.S."). */
function bare(word: string): string {
  if (!word.endsWith(".")) return word;
  if (/^(?:\p{L}\.)+$/u.test(word) || isLegalFormWord(word) || ABBREVIATIONS.has(word)) return word;
  return word.slice(0, -1);
}

const SUFFIX_AFTER = new RegExp(
  `^(,?[ \\t\\u00a0]+)(?:\\((\\p{Lu}[\\p{L}-]*(?:[ \\t\\u00a0]\\p{Lu}[\\p{L}-]*){0,2})\\)[ \\t\\u00a0]+)?(${LEGAL_SUFFIXES.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`,
  "u",
);
const CITY_THEN_SUFFIX = new RegExp(
  `^[ \\t\\u00a0]+\\((\\p{Lu}[\\p{L}-]*(?:[ \\t\\u00a0]\\p{Lu}[\\p{L}-]*){0,2})\\)[ \\t\\u00a0]*(,?[ \\t\\u00a0]*)(${LEGAL_SUFFIXES.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}])`,
  "u",
);
const PREFIX_QUOTED = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${LEGAL_PREFIXES.map(escapeRegExp).join("|")})[ \\t\\u00a0]+["“«„]([^"”»“\\n]{2,80})["”»“]`,
  "gu",
);
// "(BIS)", "(“Haas”)", ", or CoCom": an acronym or short name defined right after a name.
const DEFINITION_AFTER = /^(?:[ \t\u00a0]*\([ \t\u00a0]*["“]?(\p{Lu}[\p{L}\p{N}&.-]{1,24})["”]?[ \t\u00a0]*\)|,?[ \t\u00a0]+or[ \t\u00a0]+(\p{Lu}[\p{L}\p{N}&-]{1,12})(?=[,.;)\s]))/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Runs of capitalised words and connectors, split at possessives, line breaks and other punctuation. */
function capitalisedRuns(text: string): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  const close = () => {
    if (run.length > 0) runs.push(run);
    run = [];
  };
  let lastEnd = 0;
  let skipNext = false;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const raw = m[0];
    const gap = text.slice(lastEnd, m.index);
    lastEnd = m.index + raw.length;
    const breaks = /\S/.test(gap) || (gap.includes("\n") && !isSoftWrap(text, lastEnd - raw.length - gap.length, gap));
    if (breaks) skipNext = false;
    if (run.length > 0 && (breaks || run.length >= MAX_RUN)) close();
    // "People's Bank of China" keeps its apostrophe; "Treasury’s Office" is two names.
    const possessive = POSSESSIVE.test(raw) && !isNameInternalPossessive(raw);
    const word = possessive ? raw.replace(POSSESSIVE, "") : bare(raw);
    const sentenceEnd = !possessive && word !== raw;
    if (!/^[\p{L}\p{N}]/u.test(word) || isDescriptor(word) || isShouting(word) || TITLE_BREAKERS.has(word)) {
      close();
      continue;
    }
    const token = { text: word, start: m.index, end: m.index + word.length };
    if (/^\p{Lu}\.$/u.test(word) && run.length > 0) {
      // A middle initial marks a person ("Matthew G. Olsen of the Justice Department"): a body's name starts after the surname.
      run = [];
      skipNext = true;
    } else if (skipNext) {
      skipNext = false;
      close();
    } else if (isCapitalisedWord(word)) run.push(token);
    // "and" joins the parts of a name after its "of" or "for" ("Bureau of Industry and Security"); before, it joins two names ("Treasury and State").
    else if (CONNECTORS.has(word) && run.length > 0 && (word !== "and" || run.some((t) => t.text === "of" || t.text === "for"))) run.push(token);
    else close();
    if (possessive || sentenceEnd) close();
  }
  close();
  return runs;
}

/**
 * A line break inside a sentence of hard-wrapped text (the Federal Register's "under the Export Administration
 * / Regulations"): one break after a long line. Short lines are headings and list items.
 */
function isSoftWrap(text: string, at: number, gap: string): boolean {
  if (gap.indexOf("\n") !== gap.lastIndexOf("\n")) return false;
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return at - lineStart >= 50;
}

/** "Central Bank of Kyrgyzstan and Sinno Electronics": an "and" followed by a whole body's name joins two bodies. */
function splitAtAnd(run: Token[]): Token[][] {
  const k = run.findIndex((t) => t.text === "and");
  if (k < 0) return [run];
  const rest = run.slice(k + 1);
  const last = rest.at(-1)?.text ?? "";
  if (rest.length >= 2 && !rest.some((t) => t.text === "of" || t.text === "for") && (ORGANIZATION_HEADS.has(last) || isLegalSuffixWord(last))) {
    return [run.slice(0, k), ...splitAtAnd(rest)];
  }
  const later = splitAtAnd(rest);
  return later.length === 1 ? [run] : [[...run.slice(0, k + 1), ...later[0]!], ...later.slice(1)];
}

/** The run without leading stop words and connectors, and without trailing connectors. */
function trimRun(run: Token[]): Token[] {
  let a = 0;
  let b = run.length;
  while (a < b && (CONNECTORS.has(run[a]!.text) || NOT_NAME.has(run[a]!.text))) a++;
  while (b > a && CONNECTORS.has(run[b - 1]!.text)) b--;
  return run.slice(a, b);
}

/**
 * The part of a run that names an organisation, or null. A head word ("Bureau") must end the run or be followed
 * by "of"/"for" and more of the name; a run going on past its head word in capitals ("Export Administration
 * Regulations") names something else.
 */
function organizationPart(run: Token[], definesTerm: (run: Token[]) => boolean): Token[] | null {
  const words = run.map((t) => t.text);
  const last = words.length - 1;
  if (last < 0) return null;
  if (isLegalSuffixWord(words[last]!)) return run;
  if (ORGANIZATION_HEADS.has(words[last]!)) return WEAK_HEADS.has(words[last]!) && definesTerm(run) ? null : run;
  for (let i = 0; i < last; i++) {
    if (!ORGANIZATION_HEADS.has(words[i]!)) continue;
    if (words[i + 1] === "of" || words[i + 1] === "for") return run;
  }
  // Banks are often named after their head word: "Bank Melli", "Banco Santander".
  if (/^Ban(?:k|co|ca|que)$/.test(words[0]!) && run.length >= 2) return run;
  return null;
}

/** `isPlace` tells a country in brackets ("… LLC (UAE)") from an acronym defined for the name. */
export function findOrganizationPhrases(text: string, isPlace: (word: string) => boolean = () => false): OrganizationFindings {
  const phrases: OrganizationPhrase[] = [];
  const definitions = new Map<string, string>();
  const terms = new Set<string>();
  const definedAt = new Set<number>();
  const add = (start: number, end: number) => {
    const name = text.slice(start, end).replace(/\s+/g, " ");
    if (isOnlyLegalForm(name) || isGenericName(name)) return;
    phrases.push({ name, start, end });
    const defined = DEFINITION_AFTER.exec(text.slice(end, end + 60));
    const short = defined?.[1] ?? defined?.[2];
    if (short && defined && short !== name && !isPlace(short) && isDefinitionOf(short, name)) {
      definitions.set(short.replace(/\.$/, ""), name);
      definedAt.add(end + defined.index + defined[0].lastIndexOf(short));
    }
  };
  const headlines = headlineLines(text);
  for (const run of capitalisedRuns(text).flatMap(splitAtAnd)) {
    // In a title-case line only a run ending in a legal form or a strong head word is a name ("… Publishing Office").
    const inHeadline = headlines[run[0]!.start] === 1;
    let tokens = trimRun(run);
    const lastWord = tokens.at(-1)?.text ?? "";
    if (inHeadline && !isLegalSuffixWord(lastWord) && !(ORGANIZATION_HEADS.has(lastWord) && !WEAK_HEADS.has(lastWord))) continue;
    if (tokens.length === 0) continue;
    let end = tokens.at(-1)!.end;
    // A legal form after a comma or a city in brackets: "Haas Automation, Inc.", "… (Shenzhen) Co., Ltd.".
    const after = text.slice(end, end + 60);
    let suffix = SUFFIX_AFTER.exec(after) ?? CITY_THEN_SUFFIX.exec(after);
    // "OOO Sky Frame, AO Kronshtadt": a form written before names, followed by one, starts the next name.
    if (suffix && LEGAL_PREFIXES.includes(suffix[3] ?? "") && /^[ \t\u00a0]+["“«]?\p{Lu}/u.test(after.slice(suffix[0].length))) suffix = null;
    if (suffix) end += suffix[0].length;
    else {
      const definesTerm = (r: Token[]) => isInitialsAcronym(DEFINITION_AFTER.exec(text.slice(r.at(-1)!.end, r.at(-1)!.end + 40))?.[1], r);
      const part = organizationPart(tokens, definesTerm);
      if (!part) {
        if (definesTerm(tokens)) terms.add(text.slice(tokens[0]!.start, end).replace(/\s+/g, " "));
        if (legalPrefixOf(tokens.map((t) => t.text).join(" ")) && tokens.length >= 2) add(tokens[0]!.start, end);
        continue;
      }
      tokens = part;
      end = tokens.at(-1)!.end;
    }
    if (tokens.length < 2 && !suffix && !legalSuffixOf(text.slice(tokens[0]!.start, end))) continue;
    add(tokens[0]!.start, end);
  }
  for (const m of text.matchAll(PREFIX_QUOTED)) add(m.index, m.index + m[0].length);
  return { phrases, definitions, definedAt, terms };
}

/** Where title-case lines are: their capitals do not tell where a name ends ("Notify Public that Providing Any Form of Service"). */
function headlineLines(text: string): Uint8Array {
  const inHeadline = new Uint8Array(text.length);
  let start = 0;
  for (const line of text.split("\n")) {
    if (isHeadline(line)) inHeadline.fill(1, start, start + line.length);
    start += line.length + 1;
  }
  return inHeadline;
}

/** "Unmanned Aircraft Systems (UAS)": a term defined by its initials, not a company ("Systems" is a weak head). */
function isInitialsAcronym(acronym: string | undefined, run: Token[]): boolean {
  if (!acronym || !/^\p{Lu}{2,}s?$/u.test(acronym)) return false;
  const initials = run.filter((t) => isCapitalisedWord(t.text)).map((t) => t.text[0]).join("");
  return initials === acronym.replace(/s$/, "");
}

/** "BIS" for "Bureau of Industry and Security", "Haas" for "Haas Automation, Inc.": the short form starts as the name does. */
function isDefinitionOf(short: string, name: string): boolean {
  const words = name.replace(/^(?:U\.S\.|US|UK|EU)\s+/, "").split(/\s+/).filter((w) => isCapitalisedWord(w));
  const first = words.find((w) => !legalPrefixOf(`${w} x`)) ?? words[0];
  if (!first) return false;
  if (words.some((w) => w === short)) return true;
  // An acronym in capitals may come from another language ("Main Intelligence Directorate … (GRU)").
  if (/^\p{Lu}{2,6}$/u.test(short)) return true;
  return short[0] === first[0] && /\p{Lu}.*\p{Lu}/u.test(short);
}
