// Builds the designation set (lib/sanctions/fixtures/designation-set.csv.gz): real listed names written the ways
// articles write them, and real names that are not listed, each labelled with the entry it should find.
// Deterministic (seeded): the same fixtures give the same file.
//   tsx --conditions=react-server bench/designation-set.ts
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import Papa from "papaparse";
import type { SanctionsEntry } from "@/lib/sanctions/entry";
import { openSanctionsFixture, sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { importEntries } from "@/lib/sanctions/import";
import { importOfacCsv } from "@/lib/sanctions/import/ofac-csv";
import { normaliseName } from "@/lib/sanctions/match/normalise";
import { collect } from "@/lib/sanctions/testing";
import { DECOYS } from "./designation-decoys";
import { random } from "./lib/random";

const rng = random(13);
type Listed = { list: "ofac-sdn" | "un-sc"; entry: SanctionsEntry };
export type Case = { query: string; type: string; country: string; expected: string; also: string; variant: string; origin: string };

const sdn = await collect(importOfacCsv({ sdn: openSanctionsFixture("ofacSdn2024May01") }));
const april = new Set((await collect(importOfacCsv({ sdn: openSanctionsFixture("ofacSdn2024Apr26") }))).map((e) => e.sourceId));
const un = await collect(importEntries("un-xml", openSanctionsFixture("unConsolidated2026Feb27")));
const ofac2019 = await collect(
  importOfacCsv({ sdn: openSanctionsFixture("ofac2019Sdn"), alt: openSanctionsFixture("ofac2019Alt"), add: openSanctionsFixture("ofac2019Add"), comments: openSanctionsFixture("ofac2019Comments") }),
);
const listed: Listed[] = [...sdn.map((entry) => ({ list: "ofac-sdn" as const, entry })), ...un.map((entry) => ({ list: "un-sc" as const, entry }))];
const ref = ({ list, entry }: Listed) => `${list}:${entry.sourceId}`;

// ------------------------------------------------------------------ what is listed, to label and to check decoys
const wordsOf = (name: string, person: boolean) => normaliseName(name, { person }).words;
const namesOf = (entry: SanctionsEntry) => [entry.name, ...entry.aliases.map((alias) => alias.name)];
const byWordSet = new Map<string, Listed[]>();
const listedWordSets: { words: Set<string>; person: boolean }[] = [];
for (const item of listed) {
  const person = item.entry.type === "person";
  for (const name of namesOf(item.entry)) {
    const words = wordsOf(name, person);
    const key = `${person}|${[...words].sort().join(" ")}`;
    byWordSet.set(key, [...(byWordSet.get(key) ?? []), item]);
    listedWordSets.push({ words: new Set(words), person });
  }
}

// The same designee on the other list under another spelling: a person born the same day (a real date, not the
// 1 January that stands in for an unknown one) who shares two names spelled alike (the same spelling key, three letters or more) ("ZAKI EZAT ZAKI
// AHMED" on the UN list is "AHMAD, Zaki Izzat Zaki" on OFAC's, both born 21 April 1960). Brothers can pass that
// test: Kamal and Jamal Mustafa Abdallah Sultan al-Tikriti share names and, on OFAC's list, a date.
const FULL_DATE = /^\d{4}-(?!01-01)\d{2}-\d{2}$/;
const NOT_THE_SAME = new Set(["ofac-sdn:7852 un-sc:6908069"]);
const byBirthDate = new Map<string, Listed[]>();
for (const item of listed) {
  if (item.entry.type !== "person") continue;
  for (const date of item.entry.birthDates.filter((d) => FULL_DATE.test(d))) byBirthDate.set(date, [...(byBirthDate.get(date) ?? []), item]);
}
const namesWords = (entry: SanctionsEntry) => new Set(namesOf(entry).flatMap((name) => normaliseName(name, { person: true }).keys.filter((key) => key.length >= 3)));

function sameDesignee(item: Listed, other: Listed): boolean {
  if (other.list === item.list || NOT_THE_SAME.has([ref(item), ref(other)].sort().join(" "))) return false;
  const words = namesWords(item.entry);
  return [...namesWords(other.entry)].filter((word) => words.has(word)).length >= 2;
}

/**
 * Other entries a hit on which is right too: an entry with a name spelled like one of this entry's (the same person
 * on the other list, or a namesake), and the same designee on the other list (above).
 */
function alsoExpected(item: Listed): string {
  const person = item.entry.type === "person";
  const others = new Set<string>();
  for (const name of namesOf(item.entry)) {
    for (const other of byWordSet.get(`${person}|${[...wordsOf(name, person)].sort().join(" ")}`) ?? []) if (other !== item) others.add(ref(other));
  }
  for (const date of person ? item.entry.birthDates.filter((d) => FULL_DATE.test(d)) : []) {
    for (const other of byBirthDate.get(date) ?? []) if (sameDesignee(item, other)) others.add(ref(other));
  }
  return [...others].join(" ");
}

/** Listed when some listed name holds every word of it (so "Ivan Petrov" is listed if "PETROV, Ivan Ivanovich" is). */
function isListed(name: string, person: boolean): boolean {
  const words = wordsOf(name, person);
  if (!words.length) return true;
  return listedWordSets.some((set) => set.person === person && words.every((word) => set.words.has(word)));
}

// ------------------------------------------------------------------ how articles write names
const titleCase = (name: string) => name.toLowerCase().replace(/(^|[\s(\-"«/])([a-z])/g, (_, before: string, letter: string) => before + letter.toUpperCase());

const LATIN_TO_CYRILLIC: [string, string][] = [
  ["aye", "ае"], ["oye", "ое"], ["eye", "ее"], ["iye", "ие"], ["ey", "ей"], ["ay", "ай"], ["oy", "ой"], ["uy", "уй"], ["shch", "щ"], ["kh", "х"], ["zh", "ж"], ["ch", "ч"], ["sh", "ш"], ["ts", "ц"], ["yu", "ю"], ["ya", "я"], ["yo", "ё"], ["ye", "е"],
  ["iy", "ий"], ["yy", "ый"], ["a", "а"], ["b", "б"], ["v", "в"], ["g", "г"], ["d", "д"], ["e", "е"], ["z", "з"], ["i", "и"],
  ["y", "ы"], ["k", "к"], ["l", "л"], ["m", "м"], ["n", "н"], ["o", "о"], ["p", "п"], ["r", "р"], ["s", "с"], ["t", "т"],
  ["u", "у"], ["f", "ф"], ["c", "к"], ["x", "кс"], ["w", "в"], ["h", "х"], ["j", "дж"], ["q", "к"],
];
/** A Russian name in Latin letters written back in Cyrillic, as Russian sources print it. */
function cyrillic(name: string): string {
  let out = "";
  const lower = name.toLowerCase();
  for (let at = 0; at < lower.length; ) {
    const rule = LATIN_TO_CYRILLIC.find(([latin]) => lower.startsWith(latin, at));
    if (rule) {
      out += rule[1];
      at += rule[0].length;
    } else out += lower[at++];
  }
  return out.replace(/(^|[\s«-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

// Other ways of writing a Russian name in Latin letters (BGN/PCGN, passports, the press).
const TRANSLITERATIONS: [RegExp, string][] = [
  [/iy\b/g, "y"], [/yy\b/g, "y"], [/\bye/g, "e"], [/yevich\b/g, "evich"], [/yevna\b/g, "evna"], [/kh/g, "h"], [/ks/g, "x"],
  [/yu/g, "iu"], [/ya/g, "ia"], [/ei\b/g, "ey"], [/ey\b/g, "ei"], [/ii\b/g, "y"], [/aleksandr\b/g, "alexander"],
  [/aleksey\b/g, "alexei"], [/ts/g, "tz"], [/ov\b/g, "off"], [/yo/g, "e"], [/\bj/g, "y"],
];
function transliterate(name: string): string | null {
  const rules = rng.sample(TRANSLITERATIONS, TRANSLITERATIONS.length);
  let out = name.toLowerCase();
  let changed = 0;
  for (const [pattern, replacement] of rules) {
    const next = out.replace(pattern, replacement);
    if (next !== out && changed < 2) {
      out = next;
      changed++;
    }
  }
  return changed ? titleCase(out) : null;
}

const KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];
function neighbour(letter: string): string {
  for (const row of KEYBOARD) {
    const at = row.indexOf(letter);
    if (at >= 0) return row[at === 0 ? 1 : at === row.length - 1 ? at - 1 : rng.chance(0.5) ? at - 1 : at + 1]!;
  }
  return letter;
}
/** One or two slips of typing in words of five letters or more. */
function typo(name: string, slips: number): string | null {
  let out = name;
  for (let n = 0; n < slips; n++) {
    const words = [...out.matchAll(/[A-Za-z]{5,}/g)];
    if (!words.length) return null;
    const word = rng.pick(words);
    const at = word.index! + rng.int(1, word[0].length - 2);
    const letter = out[at]!;
    const kind = rng.pick(["substitute", "delete", "double", "swap"] as const);
    const replaced =
      kind === "substitute" ? neighbour(letter.toLowerCase()) : kind === "delete" ? "" : kind === "double" ? letter + letter : out[at + 1]! + letter;
    out = out.slice(0, at) + replaced + out.slice(at + (kind === "swap" ? 2 : 1));
  }
  return out === name ? null : out;
}

// Legal forms as the lists write them, and as articles rewrite them.
const LIMITED = /\s*,?\s*\b(CO\.?,? LTD\.?|COMPANY LIMITED|CO\.? LIMITED|LIMITED|LTD\.?)$/i;
const RUSSIAN_LLC = /^(LIMITED LIABILITY COMPANY|LLC|OOO|OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU)\s+/i;
const RUSSIAN_JSC = /^(PUBLIC JOINT STOCK COMPANY|OPEN JOINT STOCK COMPANY|CLOSED JOINT STOCK COMPANY|JOINT STOCK COMPANY|JSC|AO|OAO|ZAO|PAO|PJSC|AKTSIONERNOE OBSHCHESTVO)\s+|\s+(JSC|PJSC|OJSC|AO)$/i;
const CHINESE_PLACES =
  /^(SHENZHEN|BEIJING|SHANGHAI|GUANGZHOU|HONG KONG|WUHAN|XIAMEN|HANGZHOU|CHENGDU|TIANJIN|DALIAN|NINGBO|SUZHOU|NANJING|QINGDAO|XI'?AN|CHANGSHA|DONGGUAN|ZHUHAI|HARBIN|HEFEI|JINAN|SHENYANG|ZHENGZHOU|FOSHAN|ZHEJIANG|GUANGDONG|JIANGSU|SHANDONG|HUNAN|HUBEI|SICHUAN|FUJIAN|HENAN|HEBEI|SHAANXI|LIAONING|YANTAI|WUXI|CHONGQING)\s+(.+)$/i;

function legalForm(name: string): string | null {
  let match: RegExpMatchArray | null;
  if ((match = name.match(LIMITED)) && name.length > match[0].length) {
    const rest = titleCase(name.slice(0, match.index));
    return `${rest}${rng.pick([" Co., Ltd.", " Company Limited", " Co. Limited", " Ltd", " LLC", ", Ltd."])}`;
  }
  if ((match = name.match(RUSSIAN_LLC))) {
    const rest = name.slice(match[0].length).replace(/^"|"$/g, "");
    return rng.pick([`${titleCase(rest)} LLC`, `OOO "${titleCase(rest)}"`, `LLC ${titleCase(rest)}`, `ООО «${titleCase(rest)}»`, `Limited Liability Company "${titleCase(rest)}"`]);
  }
  if ((match = name.match(RUSSIAN_JSC))) {
    const rest = name.replace(RUSSIAN_JSC, "").replace(/^"|[",\s]+$/g, "");
    const publicCompany = /PUBLIC|PJSC|PAO/i.test(match[0]);
    return publicCompany
      ? rng.pick([`PJSC ${titleCase(rest)}`, `${titleCase(rest)} PJSC`, `ПАО «${titleCase(rest)}»`, `Public Joint-Stock Company ${titleCase(rest)}`])
      : rng.pick([`${titleCase(rest)} JSC`, `JSC "${titleCase(rest)}"`, `AO ${titleCase(rest)}`, `АО «${titleCase(rest)}»`, `Joint-Stock Company ${titleCase(rest)}`]);
  }
  return null;
}

function cityMoved(name: string): string | null {
  const match = name.match(CHINESE_PLACES);
  if (!match) return null;
  const [, place, rest] = match;
  const form = rest!.match(LIMITED);
  const core = titleCase(form ? rest!.slice(0, form.index) : rest!);
  const suffix = form ? rng.pick([" Co., Ltd.", " Company Limited", " Co. Ltd"]) : "";
  // Articles drop the city from a name that stays distinctive without it, not from "Hong Kong Electronics".
  const canDrop = core.split(/\s+/).length >= 3;
  return rng.chance(0.6) || !canDrop ? `${core} (${titleCase(place!)})${suffix}` : `${core}${suffix}`;
}

/** A person's name in the order articles use: OFAC writes "FAMILY, Given Patronymic". */
function personNames(name: string): { natural: string; short: string; familyFirst: string } | null {
  const [family, given] = name.split(",").map((part) => part.trim());
  if (!family || !given) {
    const words = titleCase(name).split(/\s+/);
    if (words.length < 2) return null;
    return { natural: words.join(" "), short: words.join(" "), familyFirst: [...words.slice(1), words[0]].join(" ") };
  }
  const givenWords = titleCase(given).split(/\s+/);
  const familyName = titleCase(family);
  return {
    natural: `${givenWords.join(" ")} ${familyName}`,
    short: `${givenWords[0]} ${familyName}`,
    familyFirst: `${familyName} ${givenWords.join(" ")}`,
  };
}

// Russian people: with a patronymic, so that their names are Russian ones (not every person on a Russia program).
const RUSSIAN = (entry: SanctionsEntry) => /\b\w+(ovich|evich|ovna|evna|ich)\b/i.test(entry.name);
const OTHER_COUNTRIES = ["Turkey", "United Arab Emirates", "India", "Kazakhstan", "Germany", "Brazil", "Singapore", "Iran", "Cyprus"];

// ------------------------------------------------------------------ the cases
const cases: Case[] = [];
const used = new Set<string>();
function add(item: Listed, query: string | null, variant: string, country = "") {
  if (!query || used.has(query.toLowerCase())) return;
  used.add(query.toLowerCase());
  const type = item.entry.type === "person" ? "person" : "organization";
  cases.push({ query, type, country, expected: ref(item), also: alsoExpected(item), variant, origin: `${item.list} ${item.entry.sourceId}: ${item.entry.name}` });
}

const organisations = listed.filter(({ entry }) => entry.type === "organization");
const addedOn1May = organisations.filter(({ list, entry }) => list === "ofac-sdn" && !april.has(entry.sourceId));
const people = listed.filter(({ entry }) => entry.type === "person");
const russianPeople = people.filter(({ entry }) => RUSSIAN(entry));

for (const item of rng.sample(organisations.filter(({ entry }) => entry.name.match(LIMITED) || entry.name.match(RUSSIAN_LLC) || entry.name.match(RUSSIAN_JSC)), 60)) {
  add(item, legalForm(item.entry.name), "legal_form");
}
for (const item of rng.sample(addedOn1May, 70)) add(item, legalForm(item.entry.name) ?? titleCase(item.entry.name), "added_1_may");
for (const item of rng.sample(organisations.filter(({ entry }) => CHINESE_PLACES.test(entry.name)), 50)) add(item, cityMoved(item.entry.name), "city_moved");
for (const item of rng.sample(russianPeople, 50)) {
  const names = personNames(item.entry.name);
  if (names) add(item, rng.chance(0.4) ? cyrillic(names.natural) : transliterate(names.natural), "transliteration");
}
const asWritten = ({ entry }: Listed) => (entry.type === "person" ? personNames(entry.name)?.natural : null) ?? titleCase(entry.name);
for (const item of rng.sample([...organisations, ...people], 50)) add(item, typo(asWritten(item), 1), "typo_1");
for (const item of rng.sample([...organisations, ...people], 30)) add(item, typo(asWritten(item), 2), "typo_2");
// Aliases a report would name someone by: the lists' strong ones of two words or more ("Adam", "IIB" or
// "Abu Muhammad" alone name no one in particular, and the lists mark most such as weak).
const namingAliases = (entry: SanctionsEntry) => entry.aliases.filter((alias) => alias.quality === "strong" && alias.name.trim().split(/\s+/).length >= 2);
for (const item of rng.sample(listed.filter(({ entry }) => entry.type !== "vessel" && entry.type !== "aircraft" && namingAliases(entry).length), 50)) {
  add(item, rng.pick(namingAliases(item.entry)).name, "alias");
}
for (const item of rng.sample(people, 60)) {
  const names = personNames(item.entry.name);
  if (names) add(item, rng.pick([names.natural, names.short, names.familyFirst]), "name_order");
}
for (const item of rng.sample(listed.filter(({ entry }) => entry.countries.length && entry.type !== "vessel"), 40)) {
  const names = item.entry.type === "person" ? personNames(item.entry.name) : null;
  const query = names?.natural ?? titleCase(item.entry.name);
  if (rng.chance(0.5)) add(item, query, "country_right", item.entry.countries[0]!);
  else add(item, query, "country_wrong", rng.pick(OTHER_COUNTRIES.filter((country) => !item.entry.countries.includes(country))));
}

// Not listed: people and companies OFAC delisted between 2019 and 2024 (real, and named in old reporting) …
const stillListed = new Set(sdn.map((entry) => entry.sourceId));
const delisted = ofac2019.filter((entry) => !stillListed.has(entry.sourceId) && (entry.type === "person" || entry.type === "organization"));
let dropped = 0;
function addUnlisted(query: string, type: "person" | "organization", variant: string, origin: string, country = "") {
  if (used.has(query.toLowerCase())) return;
  if (isListed(query, type === "person")) {
    dropped++;
    return;
  }
  used.add(query.toLowerCase());
  cases.push({ query, type, country, expected: "", also: "", variant, origin });
}
for (const entry of rng.sample(delisted, 160)) {
  const names = entry.type === "person" ? personNames(entry.name) : null;
  addUnlisted(names?.natural ?? titleCase(entry.name), entry.type as "person" | "organization", "delisted", `ofac-sdn 2019 ${entry.sourceId}: ${entry.name}, not listed in 2024`);
}
// … and the hand-written hard decoys.
for (const decoy of DECOYS) addUnlisted(decoy.name, decoy.type, "decoy", decoy.note, decoy.country ?? "");

const path = sanctionsFixturePath("designationSet");
const csv = Papa.unparse(cases, { columns: ["query", "type", "country", "expected", "also", "variant", "origin"], newline: "\n" });
writeFileSync(path, gzipSync(csv, { level: 9 }));
const counts = new Map<string, number>();
for (const { variant } of cases) counts.set(variant, (counts.get(variant) ?? 0) + 1);
const tally = [...counts].map(([variant, count]) => `${variant} ${count}`);
console.log(`${cases.length} cases (${cases.filter((c) => c.expected).length} listed, ${cases.filter((c) => !c.expected).length} not; ${dropped} unlisted candidates dropped as listed): ${tally.join(", ")}`);
