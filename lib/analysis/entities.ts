// Named people, organisations and places, and the jurisdictions a text mentions.
//
// Names come from the taxonomy (jurisdictions, regions, known bodies), from official titles ("Foreign
// Minister Wang Yi"), from the shape of organisation names (names/organizations.ts: "… Ministry", "Bureau of
// …", legal forms, acronyms defined in brackets), and from the tagger
// `compromise`. The tagger reads headlines and titles poorly ("State Antony", "April Visit") and costs
// ~50-100 µs a word, so it reads only sentences with a capitalised word nothing else explains (each
// such word in two sentences at most), up to COMPROMISE_WORD_BUDGET words. Every name is then searched
// for in the whole text, and overlaps are settled longest-first, so "South China Sea" is a region and
// not a mention of China. Last, the ways a text writes one body or person are merged into one name with its
// aliases and mention count (names/merge.ts): screening matches these names against sanctions lists.
import nlp from "compromise";
import { pushTo } from "./issues";
import { alwaysContinued, isGovernmentOf, isWholeName, termStarts } from "./names/checks";
import { isOnlyLegalForm, withoutLegalForm } from "./names/legal-forms";
import { mergeVariants, organizationKey, personKey } from "./names/merge";
import { isHeadline } from "./names/headline";
import { findOrganizationPhrases, type OrganizationFindings } from "./names/organizations";
import { cleanPersonTokens } from "./names/people";
import { isGenericName, OFFICE_WORDS, TITLE_BREAKERS } from "./names/words";
import { compilePhrases, lowerBound, removeOverlaps, type PhraseMatcher } from "./terms";
import { splitSentences, type Sentence } from "./text";
import {
  CAPITALISED_ADJECTIVES,
  JURISDICTIONS,
  KNOWN_ORGANIZATIONS,
  NOT_NAME_WORDS,
  ORGANIZATION_HEAD_WORDS,
  PERSON_TITLES,
  REGIONS,
} from "./taxonomy";

export type EntityKind = "person" | "organization" | "place";

export interface NamedEntity {
  name: string;
  /** The other ways the text writes it ("Commerce Department", "BIS"), first seen first; its mentions count them all. */
  aliases: string[];
  mentions: number;
  /** Offsets of the first mention in the text. */
  start: number;
  end: number;
}

export interface EntityMention {
  kind: EntityKind;
  name: string;
  start: number;
  end: number;
}

export interface JurisdictionMention {
  code: string;
  /** The words in the text that point to it ("Beijing", "Chinese"). */
  surface: string;
  start: number;
  end: number;
}

export interface RecognizedEntities {
  people: NamedEntity[];
  organizations: NamedEntity[];
  places: NamedEntity[];
  mentions: EntityMention[];
  jurisdictions: JurisdictionMention[];
}

const COMPROMISE_WORD_BUDGET = 600;
/**
 * Organisation names (and their acronyms and short forms) searched for in the whole text, for mentions the
 * phrase rules do not see (headlines, a short name alone). The search is one regular expression of all of
 * them: tens of thousands of distinct names, in a hostile text, made it too large to compile. Phrases past the
 * limit still count where they were found.
 */
const SEARCHED_ORGANIZATION_LIMIT = 2000;
/** Sentences longer than this never go to the tagger (about the budget's words). */
const COMPROMISE_CHARACTER_LIMIT = 6 * COMPROMISE_WORD_BUDGET;

type GazetteerKind = "place" | "demonym" | "organization";
interface GazetteerEntry {
  kind: GazetteerKind;
  name: string;
  code?: string;
}

interface Gazetteer {
  entries: Map<string, GazetteerEntry>;
  matcher: PhraseMatcher;
}

function buildGazetteer(): Gazetteer {
  const entries = new Map<string, GazetteerEntry>();
  const add = (surface: string, entry: GazetteerEntry) => {
    if (!entries.has(surface)) entries.set(surface, entry);
  };
  for (const org of KNOWN_ORGANIZATIONS) {
    for (const s of [org.name, ...(org.aliases ?? [])]) add(s, { kind: "organization", name: org.name, code: org.jurisdiction });
  }
  for (const j of JURISDICTIONS) {
    for (const s of [j.name, ...(j.aliases ?? [])]) add(s, { kind: "place", name: j.name, code: j.code });
    for (const s of j.capitals ?? []) add(s, { kind: "place", name: s, code: j.code });
    for (const s of j.demonyms ?? []) add(s, { kind: "demonym", name: j.name, code: j.code });
  }
  for (const r of REGIONS) add(r, { kind: "place", name: r });
  return { entries, matcher: compilePhrases(entries.keys(), { plurals: false, caseSensitive: true }) };
}

// Built when the module loads (~15 ms), not during the first analysis.
const GAZETTEER = buildGazetteer();

const NOT_NAME = new Set(NOT_NAME_WORDS);
const CONNECTORS = new Set(["of", "and", "the", "for", "&", "de", "on"]);

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const NAME_TOKEN = "\\p{Lu}(?:\\.|[\\p{L}\\p{M}'’-]*\\p{L})";
const TITLED_NAME = new RegExp(
  `(?<!\\p{L})(?:${[...PERSON_TITLES]
    .sort((a, b) => b.length - a.length)
    .map((t) => escapeRegExp(t).replace(/ /g, "\\s+"))
    .join("|")})((?:[ \\t\\u00a0]+(?:of|for|and|the|${NAME_TOKEN})){1,14})`,
  "gu",
);

/**
 * The name in what follows a title: past the office ("of Commerce for Industry and Security"), the capitalised
 * words up to the next "of" or "and", four at most: "Alan F. Estevez", "Biden" (of "Biden and Group of Seven").
 */
function nameAfterTitle(tail: string, tailStart: number): { name: string; start: number; end: number } | null {
  const tokens = [...tail.matchAll(/\S+/g)];
  let i = 0;
  while (i < tokens.length && (OFFICE_WORDS.has(tokens[i]![0]) || TITLE_BREAKERS.has(tokens[i]![0]) || CONNECTORS.has(tokens[i]![0]))) i++;
  let j = i;
  while (j < tokens.length && j - i < 4 && !CONNECTORS.has(tokens[j]![0])) j++;
  const first = tokens[i];
  const last = tokens[j - 1];
  if (!first || !last || j === i) return null;
  const start = tailStart + first.index;
  const end = tailStart + last.index + last[0].length;
  return { name: tail.slice(first.index, last.index + last[0].length), start, end };
}

/** Trims punctuation, bullets and possessives from a proposed name: "Russia's," → "Russia". */
export function cleanName(raw: string): string {
  let s = raw.replace(/\s+/g, " ").trim();
  for (let i = 0; i < 3; i++) {
    s = s
      .replace(/^[^\p{L}\p{N}]+/u, "")
      .replace(/['’]s?$/u, "")
      .replace(/[^\p{L}\p{N}.]+$/u, "")
      .replace(/(?<=\p{L}{2})\.$/u, "");
  }
  return s.trim();
}

function tokensOf(name: string): string[] {
  return name.split(" ").filter(Boolean);
}

function isCapitalised(token: string): boolean {
  return /^\p{Lu}/u.test(token);
}

/** A person's name without titles and stray words around it, or null when nothing name-like is left. */
function personName(raw: string, gaz: Gazetteer): string | null {
  const tokens = cleanPersonTokens(tokensOf(cleanName(raw)));
  if (!tokens) return null;
  const skip = (t: string) => NOT_NAME.has(t.replace(/\.$/, "")) || gaz.entries.has(t);
  while (tokens.length > 0 && skip(tokens[0] ?? "")) tokens.shift();
  while (tokens.length > 0 && skip(tokens[tokens.length - 1] ?? "")) tokens.pop();
  if (tokens.length === 0 || tokens.length > 4) return null;
  if (tokens.some((t) => skip(t) || !isCapitalised(t) || /\d/.test(t))) return null;
  const name = tokens.join(" ");
  return name.replace(/\./g, "").length >= 2 ? name : null;
}

function properPhrase(name: string): boolean {
  const tokens = tokensOf(name);
  return (
    tokens.length > 0 &&
    isCapitalised(tokens[0] ?? "") &&
    tokens.every((t) => isCapitalised(t) || CONNECTORS.has(t)) &&
    !tokens.some((t) => NOT_NAME.has(t) && !ORGANIZATION_HEAD_WORDS.includes(t))
  );
}

function isOrganizationLike(name: string): boolean {
  const tokens = tokensOf(name);
  return tokens.some((t) => ORGANIZATION_HEAD_WORDS.includes(t.replace(/\.$/, "")));
}

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

interface Proposals {
  people: string[];
  organizations: string[];
  places: string[];
}

const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'’-]*/gu;
const COMMON_ADJECTIVES = new Set(CAPITALISED_ADJECTIVES);
const TITLE_WORDS = new Set(PERSON_TITLES.flatMap((t) => t.split(/\s+/)));

// A capitalised word, other than a sentence's first, that no known name, title or stop word accounts
// for. Most sentences in sanctions news have none.
function unexplainedWords(sentence: Sentence, explained: Uint8Array): string[] {
  const words: string[] = [];
  CAPITALISED_WORD.lastIndex = 0;
  const body = sentence.text;
  for (let m = CAPITALISED_WORD.exec(body); m; m = CAPITALISED_WORD.exec(body)) {
    const word = m[0];
    if (m.index === 0 || word.length < 2 || explained[sentence.start + m.index]) continue;
    if (NOT_NAME.has(word) || TITLE_WORDS.has(word) || COMMON_ADJECTIVES.has(word)) continue;
    words.push(word);
  }
  return words;
}

// The tagger sees a word in at most this many sentences: the whole text is searched for its names later.
const ASKS_PER_WORD = 2;

function compromiseProposals(text: string, explained: Uint8Array): Proposals {
  const chosen: string[] = [];
  const asked = new Map<string, number>();
  let budget = COMPROMISE_WORD_BUDGET;
  for (const sentence of splitSentences(text)) {
    if (budget <= 0) break;
    if (isHeadline(sentence.text)) continue;
    // A "sentence" longer than the whole budget is a run-on blob (no punctuation at all): the tagger
    // would read all of it, however long.
    if (sentence.end - sentence.start > COMPROMISE_CHARACTER_LIMIT) continue;
    const words = unexplainedWords(sentence, explained);
    if (!words.some((w) => (asked.get(w) ?? 0) < ASKS_PER_WORD)) continue;
    for (const w of words) asked.set(w, (asked.get(w) ?? 0) + 1);
    budget -= wordCount(sentence.text);
    // Lines without closing punctuation would otherwise run into the next sentence.
    chosen.push(/[.!?]["”’)]?$/.test(sentence.text) ? sentence.text : `${sentence.text}.`);
  }
  if (chosen.length === 0) return { people: [], organizations: [], places: [] };
  const doc = nlp(chosen.join("\n"));
  return {
    people: doc.people().out("array") as string[],
    organizations: doc.organizations().out("array") as string[],
    places: doc.places().out("array") as string[],
  };
}

/**
 * Names introduced by a title, with their offsets (the name ends the match). Headlines are skipped:
 * in "Secretary Blinken Visits China" the capitals do not tell where the name ends.
 */
function titledPeople(text: string): Array<{ name: string; start: number; end: number }> {
  const found: Array<{ name: string; start: number; end: number }> = [];
  // Matches come in text order, so each line is found and judged once however many titles it holds:
  // judging the line around every title made one long line of "Mr. … Dr. …" quadratic (issue 18).
  let lineEnd = -1;
  let headline = false;
  const textEnd = text.trimEnd().length;
  TITLED_NAME.lastIndex = 0;
  for (let m = TITLED_NAME.exec(text); m; m = TITLED_NAME.exec(text)) {
    if (m.index > lineEnd) {
      const lineStart = lineEnd + 1 + text.slice(lineEnd + 1, m.index).lastIndexOf("\n") + 1;
      const next = text.indexOf("\n", m.index);
      lineEnd = next < 0 ? text.length : next;
      headline = isHeadline(text.slice(lineStart, lineEnd));
    }
    const tail = m[1] ?? "";
    const tailStart = m.index + m[0].length - tail.length;
    const person = nameAfterTitle(tail, tailStart);
    // A name the text ends on may be cut ("… for Export Administrat" where an excerpt stops).
    if (!headline && person && person.end < textEnd) found.push(person);
    // The next title may be in this one's tail: "President Joe Biden and Chinese President Xi Jinping".
    TITLED_NAME.lastIndex = person ? person.end : tailStart;
  }
  return found;
}

/**
 * The tagger splits "Vladimir Putin’s" into "Vladimir" and "Putin’s": two proposals it gives one after the
 * other that the text writes side by side are one name.
 */
function joinedPeople(text: string, raw: readonly string[]): string[] {
  const out = [...raw];
  for (let i = 0; i + 1 < raw.length; i++) {
    const [a, b] = [raw[i]!, raw[i + 1]!];
    if (!a.includes(" ") && /^\p{Lu}/u.test(b) && text.includes(`${a} ${b}`)) out.push(`${a} ${b}`);
  }
  return out;
}

function peopleNames(raw: string[], gaz: Gazetteer): string[] {
  return raw.map((p) => personName(p, gaz)).filter((p): p is string => p !== null);
}

/** Folds a lone surname or given name into the one full name it belongs to ("Campbell" → "Kurt Campbell"). */
function consolidatePeople(names: string[]): { people: string[]; aliases: Map<string, string> } {
  const unique = [...new Set(names)];
  const full = new Set(unique.filter((n) => tokensOf(n).length > 1));
  // Which full names hold each word, looked up rather than searched for: a text can name thousands.
  const fullNamesWith = new Map<string, string[]>();
  for (const f of full) for (const token of new Set(tokensOf(f))) pushTo(fullNamesWith, token, f);
  const aliases = new Map<string, string>();
  const people: string[] = [];
  for (const name of unique) {
    const tokens = tokensOf(name);
    if (tokens.length > 1) {
      // A longer form ending in another full name ("Deputy Kurt Campbell") is that name.
      if (tokens.slice(1, -1).some((_, i) => full.has(tokens.slice(i + 1).join(" ")))) continue;
      people.push(name);
      aliases.set(name, name);
      continue;
    }
    const owners = fullNamesWith.get(name) ?? [];
    if (owners.length === 0) {
      people.push(name);
      aliases.set(name, name);
    } else if (owners.length === 1 && owners[0]) {
      aliases.set(name, owners[0]);
    }
  }
  // Surnames alone also count as mentions ("Blinken said"), when they are unambiguous.
  const lastNames = new Map<string, string[]>();
  for (const p of people) {
    const last = tokensOf(p).at(-1);
    if (tokensOf(p).length < 2 || !last || last.length < 3) continue;
    const owners = lastNames.get(last);
    if (owners) owners.push(p);
    else lastNames.set(last, [p]);
  }
  for (const [last, owners] of lastNames) {
    // "Jane K. Morrow" and "Jane Morrow" are one owner of "Morrow" (merged later, names/merge.ts).
    if (new Set(owners.map(personKey)).size === 1 && owners[0] && !aliases.has(last)) aliases.set(last, owners[0]);
  }
  return { people, aliases };
}

interface Span {
  kind: EntityKind | "demonym";
  name: string;
  code?: string;
  start: number;
  end: number;
}

// Sentence-initial capitals are weak evidence: a one-word name needs a mention inside a sentence.
function isMidSentence(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start).trimEnd();
  // "met Mr. Ivanov": a title's dot ends no sentence.
  return before.length > 0 && (!/[.!?:;•\n"“]$/.test(before) || /(?<!\p{L})(?:Mr|Mrs|Ms|Dr|Gen|Adm|Sen|Rep|Gov)\.$/u.test(before));
}

/** Each name once, with how often and in which forms the text writes it, most mentioned first. */
function tally(text: string, spans: Span[], kind: EntityKind, definedAt: ReadonlySet<number>): NamedEntity[] {
  const byName = new Map<string, NamedEntity>();
  for (const s of spans) {
    if (s.kind !== kind) continue;
    // "(BIS)" right after the name it defines is that mention's, not another: an alias, not a count.
    const counts = definedAt.has(s.start) ? 0 : 1;
    // As written, spaces collapsed; a form differing from the name only in a final dot or quote is the name.
    const written = text.slice(s.start, s.end).replace(/\s+/g, " ").trim();
    const surface = cleanName(written) === cleanName(s.name) ? s.name : written;
    const e = byName.get(s.name);
    if (e) {
      e.mentions += counts;
      if (surface !== s.name && !e.aliases.includes(surface)) e.aliases.push(surface);
    } else byName.set(s.name, { name: s.name, aliases: surface === s.name ? [] : [surface], mentions: counts, start: s.start, end: s.end });
  }
  return [...byName.values()].filter((e) => e.mentions > 0).sort((a, b) => b.mentions - a.mentions || a.start - b.start);
}

// Words that place a body rather than name it: "U.S. Department of Commerce" is the "Department of Commerce".
const COUNTRY_WORDS = new Set([
  "U.S.", "US", "UK", "U.K.", "EU", "E.U.", "UN", "U.N.",
  ...JURISDICTIONS.flatMap((j) => [j.name, ...(j.aliases ?? []), ...(j.demonyms ?? [])]).filter((w) => !w.includes(" ")),
]);
const KNOWN_ORGANIZATION_NAMES = new Set(KNOWN_ORGANIZATIONS.map((o) => o.name));
const orgKey = (name: string) => organizationKey(name, COUNTRY_WORDS);
// "U.S. Department of the Treasury" is the known body "US Department of the Treasury" however the text writes it.
const KNOWN_BY_KEY = new Map(KNOWN_ORGANIZATIONS.flatMap((o) => [o.name, ...(o.aliases ?? [])].map((s) => [orgKey(s), o.name] as const)));
const knownName = (name: string) => KNOWN_BY_KEY.get(orgKey(name)) ?? name;

/** Each name → the one name it is a variant of in this text (names.ts/merge.ts): one entity per body or person. */
function mergedNames(spans: readonly Span[]): Map<string, string> {
  const names = (kind: EntityKind) => [...new Set(spans.filter((s) => s.kind === kind).map((s) => s.name))];
  return new Map([
    ...mergeVariants(names("organization"), orgKey, KNOWN_ORGANIZATION_NAMES, true),
    ...mergeVariants(names("person"), personKey),
  ]);
}

function containsKnownName(tokens: readonly string[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    for (let j = i + 1; j <= tokens.length; j++) if ((j - i < tokens.length) && GAZETTEER.entries.has(tokens.slice(i, j).join(" "))) return true;
  }
  return false;
}

const POSSESSIVE_SPLIT = /\s*\S+?(?:['’ʼ]s|s['’ʼ])\s+|\S*-\p{Ll}+\s+/gu;

/**
 * A tagger's proposed organisation, cleaned, or null: the part after a possessive or a "-based" ("Kyrgyzstan's
 * Keremet Bank" → "Keremet Bank"), and never an acronym the text did not define, a list ("European Union,
 * Japan"), a legal form or a generic noun alone.
 */
function proposedOrganization(raw: string, found: OrganizationFindings): string | null {
  const { definitions, terms } = found;
  const parts = cleanName(raw).split(POSSESSIVE_SPLIT);
  const name = cleanName(parts.at(-1) ?? "");
  if (name.length < 2 || name.includes(",") || !properPhrase(name)) return null;
  const tokens = tokensOf(name);
  // "Steam & Discord": two names joined, unless a head word or legal form makes one body of them ("Procter & Gamble Co.").
  if ((tokens.includes("&") || tokens.includes("and")) && !isOrganizationLike(name)) return null;
  // Acronyms the text does not define say nothing of what they stand for ("EAR", "HTS"); long capitals shout.
  if (tokens.some((t) => /^[\p{Lu}\p{N}.&-]+$/u.test(t) && (t.length >= 4 || tokens.length === 1) && !definitions.has(t) && !GAZETTEER.entries.has(t))) return null;
  // "Continued Russian Federation", "Soviet Union": a known place or body, or an adjective, with no body's head word.
  if (!isOrganizationLike(name) && (COMMON_ADJECTIVES.has(tokens[0] ?? "") || containsKnownName(tokens))) return null;
  if (isOnlyLegalForm(name) || isGenericName(name) || isGenericName(orgKey(name))) return null;
  // "Unmanned Aircraft Systems (UASs)": a term the text defines, or the start of one.
  if (termStarts(terms).has(name)) return null;
  return name;
}

export function recognizeEntities(text: string): RecognizedEntities {
  const gaz = GAZETTEER;
  const gazetteerHits = gaz.matcher.find(text);
  const titled = titledPeople(text);
  const found = findOrganizationPhrases(text, (word) => gaz.entries.get(word)?.kind === "place");
  // Known bodies and places are the gazetteer's to name.
  const orgPhrases = found.phrases.filter((p) => !gaz.entries.has(p.name));
  const explained = new Uint8Array(text.length);
  for (const span of [...gazetteerHits, ...titled, ...found.phrases]) explained.fill(1, span.start, span.end);
  // Later mentions of a titled person ("Blinken said") are explained too.
  const titledNames = peopleNames(titled.map((t) => t.name), gaz);
  const titledAliases = consolidatePeople(titledNames).aliases;
  for (const hit of compilePhrases(titledAliases.keys(), { plurals: false, caseSensitive: true }).find(text)) {
    explained.fill(1, hit.start, hit.end);
  }
  const proposals = compromiseProposals(text, explained);

  const { people, aliases } = consolidatePeople([...peopleNames(joinedPeople(text, proposals.people), gaz), ...titledNames]);
  const personTokens = new Set(people.flatMap(tokensOf));

  const extraNames = new Map<string, { kind: EntityKind; name: string }>();
  let searched = 0;
  const addOrganization = (surface: string, name: string) => {
    if (searched >= SEARCHED_ORGANIZATION_LIMIT || extraNames.has(surface)) return;
    if (!gaz.entries.has(surface) && !aliases.has(surface) && isWholeName(surface)) {
      extraNames.set(surface, { kind: "organization", name });
      searched++;
    }
  };
  for (const p of orgPhrases) {
    if (isGovernmentOf(p.name, personTokens)) continue;
    const name = knownName(p.name);
    addOrganization(p.name, name);
    // Later mentions by the name alone: "Haas" of "Haas Automation, Inc.", "Sky Frame" of "OOO Sky Frame".
    const core = withoutLegalForm(p.name);
    if (core !== p.name && core.length >= 4 && /^\p{Lu}/u.test(core) && !isGenericName(core) && !extraNames.has(core)) addOrganization(core, name);
  }
  // "(BIS)" after "Bureau of Industry and Security": later mentions of "BIS" are the bureau's.
  for (const [short, long] of found.definitions) {
    const entry = gaz.entries.get(long);
    if (!entry) addOrganization(short, long);
    else if (entry.kind === "organization") addOrganization(short, entry.name);
  }
  for (const raw of proposals.organizations) {
    const name = proposedOrganization(raw, found);
    if (name && !extraNames.has(name) && !alwaysContinued(text, name)) addOrganization(name, name);
  }
  for (const raw of proposals.places) {
    // "US-China" names two places.
    for (const part of cleanName(raw).split(/(?<=\p{L})-(?=\p{Lu})/u)) {
      const name = cleanName(part);
      if (name.length < 2 || !properPhrase(name) || gaz.entries.has(name) || aliases.has(name) || extraNames.has(name)) continue;
      if (tokensOf(name).some((t) => personTokens.has(t))) continue;
      if (!isOrganizationLike(name)) extraNames.set(name, { kind: "place", name });
      else if (proposedOrganization(name, found) && !alwaysContinued(text, name)) addOrganization(name, name);
    }
  }

  const spans: Span[] = [];
  for (const hit of gazetteerHits) {
    const entry = gaz.entries.get(hit.phrase);
    if (entry) spans.push({ kind: entry.kind, name: entry.name, code: entry.code, start: hit.start, end: hit.end });
  }
  const local = compilePhrases([...aliases.keys(), ...extraNames.keys()], { plurals: false, caseSensitive: true });
  for (const hit of local.find(text)) {
    const person = aliases.get(hit.phrase);
    const other = extraNames.get(hit.phrase);
    if (person) spans.push({ kind: "person", name: person, start: hit.start, end: hit.end });
    else if (other) spans.push({ ...other, start: hit.start, end: hit.end });
  }
  for (const p of orgPhrases) if (!isGovernmentOf(p.name, personTokens)) spans.push({ kind: "organization", name: knownName(p.name), start: p.start, end: p.end });

  const accepted = removeOverlaps(spans);

  // One-word people seen only at the start of sentences are more likely ordinary words.
  const oneWordPeople = new Set(people.filter((p) => tokensOf(p).length === 1));
  const confirmed = new Set(
    accepted.filter((s) => s.kind === "person" && oneWordPeople.has(s.name) && isMidSentence(text, s.start)).map((s) => s.name),
  );
  const merged = mergedNames(accepted);
  const kept = accepted
    .filter((s) => s.kind !== "person" || !oneWordPeople.has(s.name) || confirmed.has(s.name))
    .map((s) => ({ ...s, name: merged.get(s.name) ?? s.name }));

  const mentions: EntityMention[] = kept
    .filter((s): s is Span & { kind: EntityKind } => s.kind !== "demonym")
    .map(({ kind, name, start, end }) => ({ kind, name, start, end }));

  return {
    people: tally(text, kept, "person", found.definedAt),
    organizations: tally(text, kept, "organization", found.definedAt),
    places: tally(text, kept, "place", found.definedAt),
    mentions,
    jurisdictions: jurisdictionMentions(text, kept, spans),
  };
}

/** Places, demonyms and known bodies with a jurisdiction; an unknown body counts for places named in it. */
function jurisdictionMentions(text: string, kept: Span[], all: Span[]): JurisdictionMention[] {
  const out: JurisdictionMention[] = [];
  // In text order, so the places inside a body are found by a binary search, not by reading them all.
  const inside = all.filter((s) => s.code && (s.kind === "place" || s.kind === "demonym")).sort((a, b) => a.start - b.start);
  for (const s of kept) {
    if (s.code) {
      out.push({ code: s.code, surface: text.slice(s.start, s.end), start: s.start, end: s.end });
    } else if (s.kind === "organization") {
      for (let i = lowerBound(inside, s.start); i < inside.length && (inside[i]?.start ?? Infinity) < s.end; i++) {
        const p = inside[i];
        if (p?.code && p.end <= s.end) out.push({ code: p.code, surface: text.slice(p.start, p.end), start: p.start, end: p.end });
      }
    }
  }
  return out;
}
