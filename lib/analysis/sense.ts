// Word sense for the taxonomy's ambiguous terms (issue 16 item 2). "engine", "chip", "bank" and "sanction"
// each have an everyday sense that has nothing to do with our categories: a game or search engine, potato
// or poker chips, a river bank, a league's disciplinary sanctions. An occurrence counts as evidence only
// when its context supports our sense: the words around it first, then the rest of the document (other
// taxonomy terms that need no such check). Pure; the cues are plain data, like the taxonomy.
import type { Sentence } from "./text";
import { sentenceAt } from "./passages";
import type { TermHit } from "./vocabulary";

export interface SenseCues {
  /** Words near the term that point to our sense (lower case; a trailing "*" matches any ending). */
  supports: readonly string[];
  /** Words near the term that point to another sense. */
  against: readonly string[];
}

// Keyed by the vocabulary's phrase. Multi-word terms ("jet engine", "memory chip", "correspondent bank",
// "secondary sanction") are found as such by the matcher, so they never reach this check.
export const AMBIGUOUS_TERMS: Readonly<Record<string, SenseCues>> = {
  engine: {
    supports: [
      "missile*", "drone*", "uav*", "aircraft", "airplane*", "aeroplane*", "helicopter*", "jet*", "turbo*", "diesel", "piston*",
      "propulsion", "propeller*", "thrust", "horsepower", "cylinder*", "combustion", "fuel", "aviation", "aero*", "airframe*",
      "tank*", "vehicle*", "truck*", "ship*", "vessel*", "marine", "naval", "warship*", "locomotive*", "military", "weapon*",
      "munition*", "motor*", "turbine*", "manufacturer*", "plant", "factory", "factories", "spare", "parts", "engineering",
    ],
    against: [
      "game*", "gaming", "gameplay", "search*", "render*", "template*", "query", "queries", "physics", "font*", "layout",
      "browser*", "javascript", "typescript", "database*", "sql", "css", "html", "dom", "selector*", "software", "library",
      "libraries", "framework*", "api*", "plugin*", "developer*", "graphics", "2d", "3d", "script*", "scripting", "crate*",
      "npm", "rust", "python", "java", "web*", "website*", "open-source", "indexing", "index", "inference", "workflow*",
      "rules", "regex", "regular", "parser*", "compiler*", "interpreter*", "middleware", "storage", "recommendation*",
      "testing", "accessibility", "code", "codebase", "github", "unity", "unreal",
    ],
  },
  chip: {
    supports: [
      "semiconductor*", "silicon", "processor*", "microprocessor*", "wafer*", "transistor*", "integrated", "circuit*",
      "electronic*", "microelectronic*", "memory", "nanometer*", "nm", "foundry", "foundries", "fab", "fabs", "chipmaker*",
      "computing", "ai", "gpu*", "cpu*", "fpga*", "export*", "smuggl*", "supercomput*", "military", "weapon*", "missile*",
      "drone*", "design*", "packaging", "tsmc", "nvidia", "intel", "amd", "qualcomm", "huawei", "smic",
    ],
    against: [
      "potato*", "food*", "snack*", "crisp*", "fries", "fried", "fry", "frying", "fish", "chocolate", "cookie*", "tortilla*",
      "corn", "salsa", "salt*", "flavour*", "flavor*", "vinegar", "oil", "eat*", "poker", "casino*", "bet", "bets", "betting",
      "gambl*", "wager*", "stack*", "counter*", "marble*", "checker*", "checkerboard", "token*", "golf", "putt*", "wedge",
      "green", "shot*", "wood", "blue", "player*", "play", "players", "board", "pile*", "heap*", "paint",
    ],
  },
  bank: {
    supports: [
      "financ*", "payment*", "account*", "loan*", "credit*", "deposit*", "transaction*", "sanction*", "ofac", "treasury",
      "money", "capital", "lender*", "central", "correspondent", "swift", "ruble*", "rouble*", "yuan", "renminbi", "dollar*",
      "euro*", "currency", "currencies", "fund*", "investment*", "asset*", "customer*", "client*", "banking", "banks",
      "launder*", "designat*", "branch*", "subsidiar*", "shareholder*", "interest", "rate*", "bond*", "securities",
    ],
    against: [
      "river*", "riverbank*", "stream*", "creek*", "erosion", "eroded", "erod*", "sediment*", "flood*", "channel*", "shore*",
      "lake*", "water*", "hydraulic*", "hydrodynamic*", "morpholog*", "fluvial", "slope*", "levee*", "sand", "snow", "fog",
      "cloud*", "food", "blood", "seed*", "gene", "sperm", "piggy", "bed", "beds", "reach", "reaches", "meander*",
      "vegetation", "flow", "discharge", "model", "simulation",
    ],
  },
  sanction: {
    supports: [
      "treasury", "ofac", "designat*", "export*", "regime*", "asset*", "embargo*", "government*", "council", "commission",
      "economic", "financial", "secondary", "impos*", "evasion", "evade*", "circumvent*", "russia*", "iran*", "korea*",
      "belarus*", "syria*", "venezuela*", "china", "chinese", "entity", "entities", "individuals", "companies", "package*",
      "eu", "un", "oligarch*", "freez*", "frozen", "blocking", "blocked", "list*", "kremlin", "war", "invasion", "aggression",
      "military", "bank*", "state", "department", "administration", "congress",
    ],
    against: [
      "player*", "play", "playing", "team*", "match*", "league*", "tournament*", "esport*", "e-sport*", "game*", "gaming",
      "referee*", "suspension*", "suspended", "cheat*", "disciplinary", "discipline", "club*", "fifa", "uefa", "athlete*",
      "doping", "coach*", "season*", "valve", "steam", "vac", "server*", "admin*", "moderator*", "forum*", "ban", "bans",
      "banned", "ineligible", "eligib*", "competition*", "competitive", "roster*", "fixture*", "division*",
    ],
  },
};

// How far, in words, a cue may be from the term; and only within the term's sentence. The characters
// looked at are bounded too, so a long "sentence" (a README's table) costs no more than a short one.
const WINDOW = 12;
const WINDOW_CHARS = 160;
/** The taxonomy evidence (term weight) that needs no sense check and makes the document's context ours. */
const DOCUMENT_SUPPORT = 1;

type Matcher = (word: string) => boolean;

function matcherOf(words: readonly string[]): Matcher {
  const exact = new Set(words.filter((w) => !w.endsWith("*")));
  const prefixes = words.filter((w) => w.endsWith("*")).map((w) => w.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const prefix = new RegExp(`^(?:${prefixes.join("|")})`, "u");
  return (word) => exact.has(word) || (prefixes.length > 0 && prefix.test(word));
}

const MATCHERS = new Map(
  Object.entries(AMBIGUOUS_TERMS).map(([term, cues]) => [term, { supports: matcherOf(cues.supports), against: matcherOf(cues.against) }]),
);

export function isAmbiguous(phrase: string): boolean {
  return MATCHERS.has(phrase);
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

export interface SenseVerdict {
  /** Hits that count, in text order. */
  kept: TermHit[];
  /** Hits of ambiguous terms whose context did not support our sense, as "engine (search engine …)". */
  rejected: TermHit[];
}

/** How many supporting and contrary cues sit within WINDOW words of the hit, in its sentence. */
export function cuesAround(text: string, sentence: Sentence | undefined, hit: { phrase: string; start: number; end: number }): { supports: number; against: number } {
  const m = MATCHERS.get(hit.phrase);
  if (!m) return { supports: 0, against: 0 };
  const from = Math.max(sentence ? sentence.start : 0, hit.start - WINDOW_CHARS);
  const to = Math.min(sentence ? sentence.end : text.length, hit.end + WINDOW_CHARS);
  const before = [...text.slice(from, hit.start).matchAll(WORD)].map((w) => w[0].toLowerCase()).slice(-WINDOW);
  const after = [...text.slice(hit.end, to).matchAll(WORD)].map((w) => w[0].toLowerCase()).slice(0, WINDOW);
  let supports = 0;
  let against = 0;
  for (const raw of [...before, ...after]) {
    const word = raw.replace(/['’]s$/, "");
    // A cue that is also the ambiguous word's own form ("engines", "banks") says nothing about its sense.
    if (word.startsWith(hit.phrase)) continue;
    if (m.supports(word)) supports++;
    else if (m.against(word)) against++;
  }
  return { supports, against };
}

/**
 * Keeps the hits that count. An ambiguous term counts when the words around it support our sense more
 * than another; with no cue either way (or as many each way), when the document's unambiguous taxonomy
 * terms add up to at least one specific term: a Treasury release saying "the bank" is about banks, a
 * README saying "the engine" is not about missiles.
 */
export function checkSenses(text: string, sentences: readonly Sentence[], hits: readonly TermHit[]): SenseVerdict {
  let documentSupport = 0;
  for (const hit of hits) {
    if (isAmbiguous(hit.phrase)) continue;
    documentSupport += Math.max(0, ...hit.owners.filter((o) => o.kind === "category" || o.kind === "signal").map((o) => o.weight));
  }
  const kept: TermHit[] = [];
  const rejected: TermHit[] = [];
  for (const hit of hits) {
    if (!isAmbiguous(hit.phrase)) {
      kept.push(hit);
      continue;
    }
    const { supports, against } = cuesAround(text, sentences[sentenceAt(sentences, hit.start)], hit);
    const counts = supports > against || (supports === against && documentSupport >= DOCUMENT_SUPPORT);
    (counts ? kept : rejected).push(hit);
  }
  return { kept, rejected };
}
