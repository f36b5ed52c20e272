// Generated news-like text for the benchmark: the domain's own vocabulary (the intake taxonomy's
// terms, HS headings, jurisdictions and known organizations) mixed with ordinary news prose, with
// skewed word frequencies so that full-text search meets rare, medium and very common terms.
import { CATEGORIES, HS_HEADINGS, JURISDICTIONS, KNOWN_ORGANIZATIONS } from "@/lib/analysis/taxonomy";
import type { Random } from "./random";

const countries = JURISDICTIONS.filter((j) => j.code !== "EU").map((j) => j.name);
/** The countries that sanction (first) and the ones they watch, most-mentioned first. */
const SANCTIONING = ["United States", "European Union", "United Kingdom", "Japan", "Canada", "Switzerland", "Australia"];
const TARGETS = ["Russia", "China", "Iran", "North Korea", "Belarus", "Syria", "Venezuela", "Myanmar"];
export const TRANSIT = ["Kazakhstan", "Kyrgyzstan", "Armenia", "United Arab Emirates", "Turkey", "Hong Kong", "Georgia", "Uzbekistan", "Serbia", "Malaysia"];

export const OFFICIALS: readonly (readonly [string, string])[] = [
  ["Antony Blinken", "Secretary of State"],
  ["Janet Yellen", "Treasury Secretary"],
  ["Wang Yi", "Foreign Minister"],
  ["Kurt Campbell", "Deputy Secretary of State"],
  ["Gina Raimondo", "Commerce Secretary"],
  ["Brian Nelson", "Under Secretary for Terrorism and Financial Intelligence"],
  ["Ursula von der Leyen", "Commission President"],
  ["Josep Borrell", "High Representative"],
  ["Sergei Lavrov", "Foreign Minister"],
  ["Alan Estevez", "Under Secretary for Industry and Security"],
  ["Wally Adeyemo", "Deputy Treasury Secretary"],
  ["Mairead McGuinness", "Commissioner for Financial Services"],
  ["David O'Sullivan", "EU sanctions envoy"],
  ["Jake Sullivan", "National Security Adviser"],
  ["Maria Zakharova", "Foreign Ministry spokeswoman"],
  ["Mao Ning", "Foreign Ministry spokeswoman"],
];

const ORGS = KNOWN_ORGANIZATIONS.map((o) => o.name);
const COMPANIES = [
  "Huawei", "SMIC", "ZTE", "Rostec", "Rosoboronexport", "Sberbank", "VTB Bank", "Gazprom", "Rosneft",
  "Tactical Missiles Corporation", "Kalashnikov Concern", "United Aircraft Corporation", "Almaz-Antey",
  "Sinno Electronics", "Hong Kong Hesheng", "Asia Pacific Links", "Alfa-Bank", "Gazprombank", "Bank of Kunlun",
  "Zhejiang Chouzhou Commercial Bank", "Arcadia Trading", "Northern Star Logistics", "Sun Ports Shipping",
];

const categoryTerms = CATEGORIES.filter((c) => c.slug !== "other").map((c) => ({
  slug: c.slug,
  terms: [...c.terms, ...(c.weakTerms ?? [])],
}));
// Things that are shipped (the goods-like terms of the goods categories, and the HS headings).
const GOODS_CATEGORIES = ["microelectronics-chips", "engines-propulsion"];
const DUAL_USE_GOODS = ["machine tools", "dual-use goods", "optics", "navigation modules", "ball bearings", "thermal imagers", "dual-use items", "high priority items"];
const categoryGoods = categoryTerms.filter((c) => GOODS_CATEGORIES.includes(c.slug)).flatMap((c) => c.terms.filter((t) => !/ industry| sector| base| control| list|diversion|transshipment|transfer/i.test(t)));
const hsGoods = HS_HEADINGS.map((h) => h.description.split(/[;,(]/)[0]!.trim().toLowerCase());
const FINANCE = [
  "payments through correspondent accounts", "letters of credit", "cross-border payments in yuan", "trade finance",
  "transfers over SPFS", "settlements in rubles", "CIPS payments", "cryptocurrency transfers", "frozen assets",
];

const MEASURES = [
  "sanctions", "secondary sanctions", "export restrictions", "asset freezes", "a trade embargo", "travel bans",
  "new designations", "tariffs", "a price cap", "visa restrictions", "penalties", "an investigation",
];
const VERBS_WARN = ["warned", "said", "told reporters", "cautioned", "signalled", "confirmed", "announced", "insisted", "acknowledged", "denied"];
const VERBS_ACT = ["imposed", "announced", "expanded", "weighed", "prepared", "approved", "extended", "proposed", "lifted", "eased"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

// Ordinary news prose, most frequent first (rank-weighted picks make the head very common).
const NOUNS = (
  "government officials country year week statement report talks meeting trade market companies economy " +
  "security policy pressure support measures relations leaders agreement plan decision minister spokesperson " +
  "analysts experts data figures customs shipments exports imports suppliers buyers networks intermediaries " +
  "evidence investigation review compliance enforcement authorities regulators lawmakers parliament diplomats " +
  "border ports routes logistics freight cargo shipping insurance prices volumes growth decline quarter record " +
  "summit visit delegation negotiations ceasefire conflict war invasion frontline production factories plants " +
  "procurement contracts tenders licences permits waivers exemptions loopholes violations fines " +
  "exposure warning threat response reaction criticism concern uncertainty outlook forecast estimate assessment"
).split(/\s+/);
const VERBS = (
  "raised questions about|pointed to|drew attention to|complicated|slowed|accelerated|undermined|reinforced|delayed|" +
  "highlighted|reshaped|tested|exposed|limited|shifted|strained|prompted|followed|preceded|overshadowed"
).split("|");
const ADJECTIVES = (
  "new major key senior foreign domestic military civilian western eastern regional global critical sensitive " +
  "significant growing limited broader tighter unprecedented additional further formal informal public private"
).split(/\s+/);
const DETERMINERS = ["the", "the", "the", "a", "its", "their", "several", "new", "recent"];
const PREPOSITIONS = ["in", "on", "for", "with", "across", "against", "after", "before", "amid", "despite", "over", "through"];

function cap(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export type Sentencer = (rng: Random) => string;

const nounPhrase = (rng: Random) => {
  const parts = [rng.pick(DETERMINERS)];
  if (rng.chance(0.4)) parts.push(rng.pick(ADJECTIVES));
  parts.push(rng.zipf(NOUNS, 0.7));
  if (rng.chance(0.25)) parts.push("and", rng.zipf(NOUNS, 0.7));
  return parts.join(" ");
};
/** A plain news clause: "the new shipments strained the talks amid the ceasefire". */
const phrase = (rng: Random) => {
  const parts = [nounPhrase(rng), rng.pick(VERBS), nounPhrase(rng)];
  for (let i = rng.int(0, 2); i > 0; i--) parts.push(rng.pick(PREPOSITIONS), nounPhrase(rng));
  return parts.join(" ");
};

const goods = (rng: Random) => {
  const r = rng.next();
  if (r < 0.35) return rng.pick(categoryGoods);
  if (r < 0.55) return rng.pick(DUAL_USE_GOODS);
  return rng.zipf(hsGoods, 0.5);
};
const target = (rng: Random) => rng.zipf(TARGETS, 1.2);
const sanctioning = (rng: Random) => rng.zipf(SANCTIONING, 1.3);
const official = (rng: Random) => rng.zipf(OFFICIALS, 0.8);
const actorOrg = (rng: Random) => (rng.chance(0.5) ? rng.zipf(COMPANIES, 0.9) : rng.zipf(ORGS, 1));

const SENTENCES: readonly (readonly [Sentencer, number])[] = [
  [
    (r) => {
      const [name, title] = official(r);
      return `${name}, the ${title}, ${r.pick(VERBS_WARN)} that ${target(r)} could face ${r.pick(MEASURES)} if ${r.pick(countries)} continued to supply ${goods(r)} to ${target(r)}.`;
    },
    3,
  ],
  [(r) => `${sanctioning(r)} ${r.pick(VERBS_ACT)} ${r.pick(MEASURES)} on ${r.int(2, 120)} entities linked to the supply of ${goods(r)} and ${goods(r)}.`, 3],
  [(r) => `${actorOrg(r)} ${r.pick(VERBS_WARN)} that shipments of ${goods(r)} worth $${r.int(2, 900)} million reached ${target(r)} through ${r.zipf(TRANSIT, 0.7)} in ${r.pick(MONTHS)} ${r.int(2022, 2026)}.`, 3],
  [(r) => `According to ${r.pick(["customs data", "trade records", "people familiar with the matter", "a leaked memo", "court filings", "the ministry"])}, ${phrase(r)}.`, 4],
  [(r) => `${cap(phrase(r))}.`, 6],
  [(r) => `${r.zipf(COMPANIES, 0.9)} ${r.pick(["relied on", "moved", "routed", "cleared"])} ${r.pick(FINANCE)} through ${r.pick(["a regional bank", "banks", "a payment agent", "an exchange", "a trading house"])} in ${r.zipf(TRANSIT, 0.7)}, ${r.pick(["investigators", "officials", "the report"])} said.`, 1.5],
  [(r) => `The ${r.pick(["move", "decision", "package", "warning", "listing", "designation"])} targets ${r.zipf(COMPANIES, 0.9)} and ${r.int(2, 40)} ${r.pick(["banks", "suppliers", "shipping firms", "trading companies", "front companies"])} in ${r.zipf(TRANSIT, 0.7)} and ${r.pick(countries)}.`, 2],
  [(r) => `${cap(r.pick(["officials", "analysts", "diplomats", "lawmakers", "traders", "bankers"]))} in ${r.pick(countries)} ${r.pick(VERBS_WARN)} the ${r.pick(["measures", "restrictions", "talks", "findings"])} would ${r.pick(["hit", "strain", "test", "reshape", "disrupt"])} ${nounPhrase(r)} ${r.pick(PREPOSITIONS)} ${nounPhrase(r)}.`, 3],
];

export function sentence(rng: Random): string {
  return rng.weighted(SENTENCES)(rng);
}

const HEADLINES: readonly Sentencer[] = [
  (r) => `${sanctioning(r)} ${r.pick(["targets", "weighs", "warns", "widens", "tightens"])} ${r.pick(MEASURES)} over ${goods(r)} for ${target(r)}`,
  (r) => `${cap(goods(r))} still reaching ${target(r)} via ${r.zipf(TRANSIT, 0.7)}`,
  (r) => `${official(r)[0]} ${r.pick(["warns", "presses", "meets", "rebukes"])} ${r.pick(countries)} on ${r.pick(MEASURES)}`,
  (r) => `${r.zipf(COMPANIES, 0.9)} ${r.pick(["named in", "hit by", "escapes", "braces for"])} ${r.pick(MEASURES)}`,
];

export function headline(rng: Random): string {
  return rng.pick(HEADLINES)(rng);
}

/** A short article: a headline and `sentences` sentences in one or two paragraphs. Returns the first sentence too (quotes). */
export function article(rng: Random, sentences: number): { title: string; text: string; firstSentence: string } {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) parts.push(sentence(rng));
  const split = Math.ceil(sentences / 2);
  const text = `${parts.slice(0, split).join(" ")}\n\n${parts.slice(split).join(" ")}`;
  return { title: headline(rng), text, firstSentence: parts[0]! };
}

/** About `words` words of paragraphs (for the long-article analysis benchmark). */
export function longText(rng: Random, words: number): string {
  const paragraphs: string[] = [];
  let count = 0;
  while (count < words) {
    const p: string[] = [];
    for (let i = 0; i < 5 && count < words; i++) {
      const s = sentence(rng);
      p.push(s);
      count += s.split(/\s+/).length;
    }
    paragraphs.push(p.join(" "));
  }
  return paragraphs.join("\n\n");
}

// ---------------------------------------------------------------- watchlist issues

const ISSUE_TITLES: readonly ((r: Random) => { title: string; category: string; actors: string[] })[] = [
  (r) => {
    const g = goods(r);
    const via = r.zipf(TRANSIT, 0.7);
    const t = target(r);
    return { title: `${cap(g)} reaching ${t} via ${via}`, category: slugOf(g), actors: [t, via] };
  },
  (r) => {
    const c = r.pick(["Chinese", "Emirati", "Turkish", "Kyrgyz", "Kazakh", "Armenian", "Hong Kong"]);
    return { title: `${c} banks facing secondary sanctions over ${target(r)} payments`, category: "financial-institutions", actors: [`${c} banks`] };
  },
  (r) => {
    const co = r.zipf(COMPANIES, 0.9);
    const g = goods(r);
    return { title: `Designation risk for ${co} over ${g}`, category: slugOf(g), actors: [co] };
  },
  (r) => {
    const s = sanctioning(r);
    const g = goods(r);
    return { title: `${s} export controls on ${g} to ${target(r)}`, category: slugOf(g), actors: [s] };
  },
  (r) => {
    const [name] = official(r);
    return { title: `${name}'s warning on ${r.pick(MEASURES)} against ${r.pick(countries)}`, category: "other", actors: [name] };
  },
];

function slugOf(term: string): string {
  return categoryTerms.find((c) => c.terms.includes(term))?.slug ?? "dual-use-technology";
}

export function issueText(rng: Random): { title: string; summary: string; category: string; actors: string[] } {
  const { title, category, actors } = rng.pick(ISSUE_TITLES)(rng);
  const summary = `${sentence(rng)} ${sentence(rng)}`;
  return { title, summary, category, actors };
}

export const COUNTRY_CODES = JURISDICTIONS.map((j) => j.code);
export const HS_CODES = HS_HEADINGS.map((h) => h.code);
export const TAGS = ["ukraine-war", "secondary-sanctions", "export-controls", "transshipment", "banks", "drones", "missiles", "chips", "shipping", "evasion", "g7", "eu-package"];
export const SOURCE_NAMES = [
  "Reuters", "Associated Press", "Financial Times", "Bloomberg", "Wall Street Journal", "Nikkei Asia", "Kyiv Independent",
  "South China Morning Post", "Meduza", "The Moscow Times", "Politico Europe", "Euractiv", "Caixin", "Kommersant",
  "US Department of State", "US Department of the Treasury (OFAC)", "Bureau of Industry and Security", "Council of the European Union",
  "UK Office of Financial Sanctions Implementation", "Ministry of Foreign Affairs of the PRC", "Ministry of Foreign Affairs of Russia",
  "Free Russia Foundation", "Royal United Services Institute", "Center for Strategic and International Studies",
  "KSE Institute", "Conflict Armament Research", "OCCRP", "Trim Correspondents", "Al Jazeera", "BBC News",
];
