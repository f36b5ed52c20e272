// Named people, organisations and places, and the jurisdictions a text mentions.
//
// Names come from the taxonomy (jurisdictions, regions, known bodies), from official titles ("Foreign
// Minister Wang Yi"), from phrases ending in an organisation word ("... Ministry"), and from the tagger
// `compromise`. The tagger reads headlines and titles poorly ("State Antony", "April Visit") and costs
// ~50-100 µs a word, so it reads only sentences with a capitalised word nothing else explains (each
// such word in two sentences at most), up to COMPROMISE_WORD_BUDGET words. Every name is then searched
// for in the whole text, and overlaps are settled longest-first, so "South China Sea" is a region and
// not a mention of China.
import nlp from "compromise";
import { pushTo } from "./issues";
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
    .join("|")})[ \\t\\u00a0]+(${NAME_TOKEN}(?:[ \\t\\u00a0]+${NAME_TOKEN}){0,2})`,
  "gu",
);

// A capitalised word, or dotted initials ("U.S."); only spaces between words, so no phrase crosses
// a sentence or a line.
const CAP_TOKEN = "(?:(?:\\p{Lu}\\.){2,}|\\p{Lu}[\\p{L}\\p{M}&'’-]*)";
const GAP = "[ \\t\\u00a0]+";
const HEAD = `(?:${ORGANIZATION_HEAD_WORDS.map(escapeRegExp).join("|")})\\.?`;
const OF_TAIL = `${GAP}of(?:${GAP}the)?${GAP}${CAP_TOKEN}(?:${GAP}${CAP_TOKEN}){0,3}`;
const ORGANIZATION_PHRASE = new RegExp(
  `(?<!\\p{L})(?:(?:${CAP_TOKEN}${GAP}){1,4}${HEAD}(?:${OF_TAIL})?|${HEAD}${OF_TAIL})(?!\\p{L})`,
  "gu",
);

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
  const tokens = tokensOf(cleanName(raw));
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

// Headlines in title case fool the tagger into finding people such as "April Visit".
function isHeadline(line: string): boolean {
  const words = line.trim().split(/\s+/);
  if (words.length < 3 || /[.!?]["”’]?$/.test(line.trim())) return false;
  const long = words.filter((w) => w.replace(/\W/g, "").length >= 4);
  return long.length > 0 && long.filter((w) => isCapitalised(w)).length / long.length >= 0.6;
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
  for (const m of text.matchAll(TITLED_NAME)) {
    if (m.index > lineEnd) {
      const lineStart = lineEnd + 1 + text.slice(lineEnd + 1, m.index).lastIndexOf("\n") + 1;
      const next = text.indexOf("\n", m.index);
      lineEnd = next < 0 ? text.length : next;
      headline = isHeadline(text.slice(lineStart, lineEnd));
    }
    const name = m[1] ?? "";
    const end = m.index + m[0].length;
    if (!headline) found.push({ name, start: end - name.length, end });
  }
  return found;
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
    if (owners.length === 1 && owners[0] && !aliases.has(last)) aliases.set(last, owners[0]);
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
  return before.length > 0 && !/[.!?:;•\n"“]$/.test(before);
}

function tally(spans: Span[], kind: EntityKind): NamedEntity[] {
  const byName = new Map<string, NamedEntity>();
  for (const s of spans) {
    if (s.kind !== kind) continue;
    const e = byName.get(s.name);
    if (e) e.mentions++;
    else byName.set(s.name, { name: s.name, mentions: 1, start: s.start, end: s.end });
  }
  return [...byName.values()].sort((a, b) => b.mentions - a.mentions || a.start - b.start);
}

function organizationPhrases(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(ORGANIZATION_PHRASE)) {
    let start = m.index;
    let phrase = m[0];
    // Drop sentence-initial words caught by the capitals ("However Treasury Department").
    for (let lead = /^(\S+)\s+/.exec(phrase); lead && NOT_NAME.has(lead[1] ?? ""); lead = /^(\S+)\s+/.exec(phrase)) {
      start += lead[0].length;
      phrase = phrase.slice(lead[0].length);
    }
    if (tokensOf(phrase).length < 2) continue;
    spans.push({ kind: "organization", name: cleanName(phrase), start, end: start + phrase.length });
  }
  return spans;
}

export function recognizeEntities(text: string): RecognizedEntities {
  const gaz = GAZETTEER;
  const gazetteerHits = gaz.matcher.find(text);
  const titled = titledPeople(text);
  const orgPhrases = organizationPhrases(text);
  const explained = new Uint8Array(text.length);
  for (const span of [...gazetteerHits, ...titled, ...orgPhrases]) explained.fill(1, span.start, span.end);
  // Later mentions of a titled person ("Blinken said") are explained too.
  const titledNames = peopleNames(titled.map((t) => t.name), gaz);
  const titledAliases = consolidatePeople(titledNames).aliases;
  for (const hit of compilePhrases(titledAliases.keys(), { plurals: false, caseSensitive: true }).find(text)) {
    explained.fill(1, hit.start, hit.end);
  }
  const proposals = compromiseProposals(text, explained);

  const { people, aliases } = consolidatePeople([...peopleNames(proposals.people, gaz), ...titledNames]);
  const personTokens = new Set(people.flatMap(tokensOf));

  const extraNames = new Map<string, { kind: EntityKind; name: string }>();
  for (const raw of proposals.organizations) {
    const name = cleanName(raw);
    if (name.length >= 2 && properPhrase(name) && !gaz.entries.has(name) && !aliases.has(name)) {
      extraNames.set(name, { kind: "organization", name });
    }
  }
  for (const raw of proposals.places) {
    // "US-China" names two places.
    for (const part of cleanName(raw).split(/(?<=\p{L})-(?=\p{Lu})/u)) {
      const name = cleanName(part);
      if (name.length < 2 || !properPhrase(name) || gaz.entries.has(name) || aliases.has(name)) continue;
      if (tokensOf(name).some((t) => personTokens.has(t))) continue;
      extraNames.set(name, { kind: isOrganizationLike(name) ? "organization" : "place", name });
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
  spans.push(...orgPhrases);

  const accepted = removeOverlaps(spans);

  // One-word people seen only at the start of sentences are more likely ordinary words.
  const oneWordPeople = new Set(people.filter((p) => tokensOf(p).length === 1));
  const confirmed = new Set(
    accepted.filter((s) => s.kind === "person" && oneWordPeople.has(s.name) && isMidSentence(text, s.start)).map((s) => s.name),
  );
  const kept = accepted.filter((s) => s.kind !== "person" || !oneWordPeople.has(s.name) || confirmed.has(s.name));

  const mentions: EntityMention[] = kept
    .filter((s): s is Span & { kind: EntityKind } => s.kind !== "demonym")
    .map(({ kind, name, start, end }) => ({ kind, name, start, end }));

  return {
    people: tally(kept, "person"),
    organizations: tally(kept, "organization"),
    places: tally(kept, "place"),
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
