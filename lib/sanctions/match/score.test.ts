import { beforeAll, describe, expect, it } from "vitest";
import { newEntry, type EntryType, type SanctionsEntry } from "../entry";
import { openSanctionsFixture } from "../fixtures/fixtures";
import { importOfacCsv } from "../import/ofac-csv";
import { collect } from "../testing";
import { prepareEntry, prepareQuery, scoreEntry, THRESHOLDS, type ScreeningQuery } from "./score";
import { ScreeningIndex } from "./screening-index";

// Word weights come from the real 1 May 2024 SDN list, as in production.
let sdn: ScreeningIndex;
beforeAll(async () => {
  sdn = new ScreeningIndex(await collect(importOfacCsv({ sdn: openSanctionsFixture("ofacSdn2024May01") })));
}, 60_000);

function entry(name: string, type: EntryType = "organization", more: Partial<SanctionsEntry> = {}): SanctionsEntry {
  return { ...newEntry("t", type, name), ...more };
}

function score(query: ScreeningQuery, candidate: SanctionsEntry) {
  return scoreEntry(prepareQuery(query), prepareEntry(candidate), sdn.weights);
}

describe("scoreEntry: the anchors' known failures", () => {
  it('does not score "CORP" at 100 % against companies (watchman#483)', () => {
    expect(score({ name: "CORP" }, entry("ROSTEC CORP")).score).toBe(0);
    expect(sdn.screen({ name: "CORP" })).toEqual([]);
  });

  it('never matches "EMMA LLC" with the person "emma daniels" (watchman#338)', () => {
    const result = score({ name: "EMMA LLC" }, entry("DANIELS, Emma", "person"));
    expect(result.score).toBe(0);
    expect(result.explanation.reasons.join()).toMatch(/never matches a person/);
  });

  it('scores "George Bush" low against "George Habbash" (watchman#115)', () => {
    expect(score({ name: "George Bush", type: "person" }, entry("HABBASH, George", "person")).score).toBeLessThan(THRESHOLDS.review);
  });

  it('does not let "A-B-C Company" match almost anything (nomenklatura#193)', () => {
    const hits = sdn.screen({ name: "A-B-C Company" });
    expect(hits.length).toBeLessThanOrEqual(2);
    for (const hit of hits) expect(hit.explanation.words.map((pair) => pair.entry)).toEqual(["abc"]);
    expect(score({ name: "A-B-C Company" }, entry("ALPHA BETA CHARLIE COMPANY")).score).toBe(0);
    expect(score({ name: "A-B-C Company" }, entry("XYZ COMPANY")).score).toBe(0);
  });

  it('reads abbreviations such as "COMP" (nomenklatura#245)', () => {
    const result = score({ name: "Anglo-Caribbean Comp. Ltd" }, entry("ANGLO-CARIBBEAN CO., LTD."));
    expect(result.score).toBe(1);
  });

  it("matches Chinese company names with the city first or last (nomenklatura#274)", () => {
    const [hit] = sdn.screen({ name: "Shenzhen Juhang Aviation Technology Co., Ltd." });
    expect(hit).toMatchObject({ entry: { sourceId: "48590" }, level: "match" });
    const [biguang] = sdn.screen({ name: "Biguang Trading (Shenzhen) Company Limited" });
    expect(biguang).toMatchObject({ entry: { sourceId: "47702", name: "SHENZHEN BIGUANG TRADING CO., LTD" }, level: "match" });
  });
});

describe("scoreEntry", () => {
  it("explains which name matched, which words and why", () => {
    const result = score(
      { name: "National Bank of Cuba", country: "CU" },
      entry("BANCO NACIONAL DE CUBA", "organization", { aliases: [{ name: "NATIONAL BANK OF CUBA", kind: "aka", quality: "strong" }], countries: ["Cuba"] }),
    );
    expect(result).toMatchObject({ score: 1, level: "match", explanation: { matchedName: "NATIONAL BANK OF CUBA", nameKind: "aka" } });
    expect(result.explanation.words.map((pair) => pair.entry)).toEqual(["national", "bank", "cuba"]);
    expect(result.explanation.summary).toContain("country CU is the entry's");
  });

  it("finds people whatever the order and transliteration of their names", () => {
    const lavrov = entry("LAVROV, Sergey Viktorovich", "person");
    expect(score({ name: "Сергей Викторович Лавров", type: "person" }, lavrov).level).toBe("match");
    expect(score({ name: "Sergei Lavrov", type: "person" }, lavrov).level).toBe("match");
  });

  it("lowers the score for another country or birth date, and weighs rare words above common ones", () => {
    const person = entry("PETROV, Ivan", "person", { countries: ["Russia"], birthDates: ["1960-01-01"] });
    const plain = score({ name: "Ivan Petrov" }, person).score;
    expect(score({ name: "Ivan Petrov", country: "Ukraine" }, person).score).toBeLessThan(plain);
    expect(score({ name: "Ivan Petrov", birthDate: "1975" }, person).score).toBeLessThan(plain);
    expect(score({ name: "Ivan Petrov", birthDate: "1960", country: "RU" }, person).score).toBe(plain);
    expect(sdn.weights.weight("trading")).toBeLessThan(sdn.weights.weight("gazprom"));
  });

  it("never matches on a name of one word against a longer one: a nickname or a surname alone is a review", () => {
    const sufaat = entry("YAZID SUFAAT", "person", { aliases: [{ name: "Joe", kind: "aka", quality: "strong" }] });
    const result = score({ name: "Joe Biden", type: "person" }, sufaat);
    expect(result.level).not.toBe("match");
    expect(score({ name: "Reneez Shipping Co., Ltd." }, entry("RENEEZ")).level).toBe("review");
    expect(score({ name: "Reneez" }, entry("RENEEZ SHIPPING LIMITED")).level).toBe("review");
  });

  it("is certain on an exact identifier, whatever the name", () => {
    const vessel = entry("EBANO", "vessel", { identifiers: [{ kind: "imo", value: "7406784", label: "IMO", country: null }] });
    const result = score({ name: "Some Other Ship", identifiers: [{ kind: "imo", value: "IMO 7406784" }] }, vessel);
    expect(result).toMatchObject({ score: 1, level: "match" });
    expect(result.explanation.reasons[0]).toContain("7406784");
  });
});

describe("ScreeningIndex", () => {
  it("finds a listed name among ~15,000 entries, aliases included", () => {
    expect(sdn.size).toBe(14_966);
    const [hit] = sdn.screen({ name: "Banco Nacional de Cuba" });
    expect(hit).toMatchObject({ entry: { sourceId: "306" }, level: "match" });
    const [vessel] = sdn.screen({ name: "Sand Swan" }); // a f.k.a. of the vessel EBANO in the remarks
    expect(vessel).toMatchObject({ entry: { sourceId: "4243" } });
  });
});
