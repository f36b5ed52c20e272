import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeDocument, type IssueToMatch } from "./analyze";
import { BASE, contributions, logistic, PLACE_NEUTRAL, placeShare, RELATED_AT, relevanceOf, type RelevanceFeatures } from "./relevance";

const features = fc.record({
  category: fc.double({ min: 0, max: 20, noNaN: true }),
  hsCodes: fc.nat({ max: 10 }),
  names: fc.nat({ max: 10 }),
  context: fc.double({ min: 0, max: 20, noNaN: true }),
  place: fc.double({ min: 0, max: 1, noNaN: true }),
});
const none: RelevanceFeatures = { category: 0, hsCodes: 0, names: 0, context: 0, place: 0 };

describe("relevanceOf", () => {
  it("is in (0, 1) for any evidence, even none or absurd amounts", () => {
    fc.assert(
      fc.property(features, (f) => {
        const r = relevanceOf(f);
        expect(r).toBeGreaterThan(0);
        expect(r).toBeLessThan(1);
      }),
    );
    expect(relevanceOf({ category: Number.NaN, hsCodes: -3, names: Infinity, context: -1, place: 7 })).toBeLessThan(1);
  });

  it("never goes down when any kind of evidence goes up", () => {
    const part = fc.constantFrom<keyof RelevanceFeatures>("category", "hsCodes", "names", "context", "place");
    fc.assert(
      fc.property(features, part, fc.double({ min: 0, max: 5, noNaN: true }), (f, key, more) => {
        const raised = { ...f, [key]: key === "place" ? Math.min(1, f.place + more) : f[key] + more };
        expect(relevanceOf(raised)).toBeGreaterThanOrEqual(relevanceOf(f));
        for (const c of contributions(raised)) expect(c.weight).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it("is the logistic of the base and the explained contributions", () => {
    fc.assert(
      fc.property(features, (f) => {
        const z = BASE + contributions(f).reduce((sum, c) => sum + c.weight, 0);
        expect(relevanceOf(f)).toBeCloseTo(logistic(z), 3);
      }),
    );
  });

  it("stays below related on any one kind of evidence alone, and on everything but the issue's place", () => {
    const max = { category: 100, hsCodes: 100, names: 100, context: 100, place: 1 };
    for (const only of [{ category: 100, hsCodes: 100 }, { names: 100 }, { context: 100 }, { place: 1 }]) {
      expect(relevanceOf({ ...none, ...only }), JSON.stringify(only)).toBeLessThan(RELATED_AT);
    }
    expect(relevanceOf({ ...max, place: 0 })).toBeLessThan(RELATED_AT);
    expect(relevanceOf(max)).toBeGreaterThan(0.9);
  });

  it("passes related with the issue's place, one specific term of its subject and some sanctions context", () => {
    expect(relevanceOf({ category: 1, hsCodes: 0, names: 0, context: 1, place: 1 })).toBeGreaterThanOrEqual(RELATED_AT);
    expect(relevanceOf({ category: 1, hsCodes: 0, names: 0, context: 1, place: 0.5 })).toBeLessThan(RELATED_AT);
  });
});

describe("placeShare", () => {
  const m = (entries: Record<string, number>) => Object.entries(entries).sort((a, b) => b[1] - a[1]);
  it("is the issue's places' mentions against the most-mentioned place that is not its own", () => {
    expect(placeShare(m({ RU: 8, UA: 2, US: 6 }), new Set(["RU"]), new Set(["RU", "US"]))).toBeCloseTo(0.8);
    expect(placeShare(m({ IR: 9, US: 4 }), new Set(["RU"]), new Set(["RU", "US"]))).toBe(0);
    expect(placeShare(m({}), new Set(["RU"]), new Set(["RU"]))).toBe(0);
    expect(placeShare(m({ RU: 3 }), new Set(), new Set())).toBe(PLACE_NEUTRAL);
  });
});

const watchlist: IssueToMatch[] = [
  {
    id: "engines",
    title: "Engines for Russian cruise missiles",
    summary: "Engines supplied from China for Russian cruise missiles and drones.",
    categorySlug: "engines-propulsion",
    actors: ["China", "Russia"],
    hsCodes: ["8411", "8806"],
    tags: ["cruise missiles"],
  },
  {
    id: "banks",
    title: "Chinese financial institutions facing secondary sanctions",
    summary: "The US is weighing sanctions on Chinese banks that process payments for Russia's defense sector.",
    categorySlug: "financial-institutions",
    actors: ["United States", "China", "Chinese banks"],
    hsCodes: [],
    tags: ["banks", "secondary sanctions"],
  },
];

describe("analyzeDocument's relevance against a watchlist", () => {
  const relevanceOfText = (text: string) => analyzeDocument({ text }, watchlist);

  it("marks a story on the watchlist's theater and subject related, and says why", () => {
    const a = relevanceOfText(
      "The Treasury sanctioned six companies in China and Hong Kong that shipped turbojet engines and drone parts to Russia. " +
        "The engines power Russian cruise missiles used against Ukraine, OFAC said, and the designations block the firms' assets.",
    );
    expect(a.related).toBe(true);
    expect(a.relevance).toBeGreaterThanOrEqual(RELATED_AT);
    expect(a.relevanceExplained.issueId).toBe("engines");
    const parts = a.relevanceExplained.reasons.map((r) => r.part);
    expect(parts).toEqual(expect.arrayContaining(["topic", "place", "context"]));
    expect(a.relevanceExplained.reasons.find((r) => r.part === "topic")?.found).toEqual(expect.arrayContaining(["turbojet"]));
    expect(a.relevanceExplained.reasons.find((r) => r.part === "place")?.found.join(" ")).toContain("Russia");
  });

  it("keeps another sanctions theater low but not zero", () => {
    for (const text of [
      "The Treasury sanctioned a network shipping Iranian oil to buyers in Asia. The tankers moved millions of barrels of Iranian crude, and OFAC designated their owners under the Iran sanctions program.",
      "The State Department imposed sanctions on North Korean entities that procure missile components for the DPRK's weapons programs, in violation of UN Security Council resolutions.",
    ]) {
      const a = relevanceOfText(text);
      expect(a.related, text).toBe(false);
      expect(a.relevance, text).toBeGreaterThan(0);
      expect(a.relevance, text).toBeLessThan(0.3);
    }
  });

  it("marks an unrelated text not related, with its ambiguous words not counted", () => {
    const a = relevanceOfText("Excalibur is a free game engine written in TypeScript for making 2D games in HTML5 canvas. The engine handles physics and rendering.");
    expect(a.related).toBe(false);
    expect(a.relevance).toBeLessThan(0.05);
    expect(a.relevanceExplained.notCounted.length).toBeGreaterThan(0);
  });

  it("answers a low, non-zero relevance without issues, with no issue to explain", () => {
    const a = analyzeDocument({ text: "Sanctions on Russia's banks widened today." }, []);
    expect(a.relevance).toBeGreaterThan(0);
    expect(a.related).toBe(false);
    expect(a.relevanceExplained.issueId).toBeNull();
  });

  it("never lowers relevance when the document adds a sentence of sanctions context without places", () => {
    const base = "Chinese suppliers shipped turbojet engines to Russia for its cruise missiles.";
    const context = fc.constantFrom("OFAC designated the suppliers.", "The export controls were tightened.", "An embargo applies.", "Sanctions evasion is a crime.");
    fc.assert(
      fc.property(fc.array(context, { maxLength: 4 }), (extra) => {
        const before = relevanceOfText(base).relevance;
        expect(relevanceOfText([base, ...extra].join(" ")).relevance).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 20 },
    );
  });
});
