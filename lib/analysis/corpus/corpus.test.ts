import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CATEGORIES } from "@/lib/analysis/taxonomy";
import { auc, CORPUS_TARGETS, evaluateCorpus, fragmentReason, normalizeName, scoreNames } from "./evaluate";
import { CORPUS_DIR, loadCorpus, readManifest } from "./load";

// The labelled set's integrity: every text present and sourced, every label valid; and the targets of issue
// 16 the analysis meets today, guarded exactly (`npm run bench` prints every figure, met or not): relevance,
// categories, and the organisation names of item 3. People have no target in the issue: their floor is ours.

const slugs = CATEGORIES.map((c) => c.slug).filter((s) => s !== "other") as [string, ...string[]];
const name = z.object({ name: z.string().min(1), aliases: z.array(z.string().min(1)).optional() }).strict();
const entry = z
  .object({
    id: z.string().regex(/^[ru]\d{2}$/),
    file: z.string().regex(/^texts\/[\w.-]+\.txt$/),
    title: z.string().min(3),
    publisher: z.string().min(3),
    url: z.url(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
    licence: z.string().min(3),
    excerpt: z.boolean(),
    related: z.boolean(),
    categories: z.array(z.enum(slugs)),
    theater: z.string().min(2),
    organizations: z.array(name),
    people: z.array(name),
    entitiesLabelled: z.boolean(),
    trap: z.string().min(3).optional(),
    notes: z.string().min(3).optional(),
  })
  .strict();

const manifest = readManifest();
const texts = manifest.texts;

describe("the labelled corpus", () => {
  it("has a valid entry for every text, with a licence and a source", () => {
    for (const t of texts) expect(() => entry.parse(t), t.id).not.toThrow();
    expect(new Set(texts.map((t) => t.id)).size).toBe(texts.length);
    expect(new Set(texts.map((t) => t.file)).size).toBe(texts.length);
  });

  it("holds every file it lists, non-empty, and no file it does not list", () => {
    for (const t of texts) {
      const file = path.join(CORPUS_DIR, t.file);
      expect(existsSync(file), t.file).toBe(true);
      expect(readFileSync(file, "utf8").trim().length, t.file).toBeGreaterThan(300);
    }
    const listed = new Set(texts.map((t) => path.basename(t.file)));
    expect(readdirSync(path.join(CORPUS_DIR, "texts")).filter((f) => !listed.has(f))).toEqual([]);
  });

  it("has the issue's minimum: 40 texts on sanctions, 15 unrelated", () => {
    expect(texts.filter((t) => t.theater !== "none").length).toBeGreaterThanOrEqual(40);
    expect(texts.filter((t) => t.theater === "none").length).toBeGreaterThanOrEqual(15);
  });

  it("labels related texts with a main category and unrelated texts with none", () => {
    for (const t of texts) {
      if (t.related) expect(t.categories.length, t.id).toBeGreaterThan(0);
      if (t.related) expect(t.theater, t.id).not.toBe("none");
      if (t.theater === "none") {
        expect(t.related, t.id).toBe(false);
        expect(t.categories, t.id).toEqual([]);
        expect(t.trap, t.id).toBeDefined();
      }
      expect(new Set(t.categories).size, t.id).toBe(t.categories.length);
    }
  });

  it("labels names cleanly: no fragments, no duplicates within a text", () => {
    for (const t of texts) {
      if (!t.entitiesLabelled) expect([...t.organizations, ...t.people], t.id).toEqual([]);
      for (const list of [t.organizations, t.people]) {
        const forms = list.flatMap((n) => [n.name, ...(n.aliases ?? [])].map(normalizeName));
        expect(new Set(forms).size, `${t.id}: ${forms.join(", ")}`).toBe(forms.length);
      }
      for (const o of t.organizations) expect(fragmentReason(o.name), `${t.id}: ${o.name}`).toBeNull();
    }
  });

  describe("the analysis on it", () => {
    const result = evaluateCorpus(loadCorpus());

    it("evaluates into figures in range, relevance included", () => {
      expect(result.counts.texts).toBe(texts.length);
      for (const figure of [result.relevance.auc, result.categories.rate, result.organizations.precision, result.organizations.recall, ...result.texts.map((t) => t.relevance)]) {
        expect(figure).toBeGreaterThanOrEqual(0);
        expect(figure).toBeLessThanOrEqual(1);
      }
    });

    it(`tells related from unrelated texts: AUC of relevance ≥ ${CORPUS_TARGETS.auc}, no unrelated text marked related`, () => {
      expect(result.relevance.auc).toBeGreaterThanOrEqual(CORPUS_TARGETS.auc);
      expect(result.relevance.unrelatedMarkedRelated).toBe(CORPUS_TARGETS.unrelatedMarkedRelated);
    });

    it(`puts the labelled category first for ≥ ${CORPUS_TARGETS.rightCategoryFirst * 100} % of related texts`, () => {
      expect(result.categories.rate, result.categories.wrong.join("; ")).toBeGreaterThanOrEqual(CORPUS_TARGETS.rightCategoryFirst);
    });

    it(`names organisations cleanly: precision ≥ ${CORPUS_TARGETS.orgPrecision}, recall ≥ ${CORPUS_TARGETS.orgRecall}, no fragment, each body once`, () => {
      const { organizations } = result;
      expect(organizations.precision, organizations.wrong.join("; ")).toBeGreaterThanOrEqual(CORPUS_TARGETS.orgPrecision);
      expect(organizations.recall, organizations.missed.join("; ")).toBeGreaterThanOrEqual(CORPUS_TARGETS.orgRecall);
      expect(result.fragments.map((f) => `${f.id}: ${f.name} (${f.reason})`)).toHaveLength(CORPUS_TARGETS.fragments);
      // Variants of one body within a text are merged into one name with aliases.
      expect(organizations.duplicates).toBe(0);
    });

    it("names people: precision ≥ 0.9 and recall ≥ 0.8 (our floor; 1 and 0.867 when set)", () => {
      expect(result.people.precision, result.people.wrong.join("; ")).toBeGreaterThanOrEqual(0.9);
      expect(result.people.recall, result.people.missed.join("; ")).toBeGreaterThanOrEqual(0.8);
      expect(result.people.duplicates).toBe(0);
    });

    it("keeps other sanctions theaters (Iran, North Korea) low but not zero", () => {
      const others = result.texts.filter((t) => ["iran", "iran-oil", "dprk"].includes(t.theater));
      expect(others.length).toBeGreaterThan(0);
      for (const t of others) {
        expect(t.relevance, t.id).toBeGreaterThan(0);
        expect(t.markedRelated, t.id).toBe(false);
      }
    });
  });
});

describe("the measures", () => {
  it("computes AUC as the chance a positive outscores a negative, ties half", () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1], [2])).toBe(0);
    expect(auc([1, 2], [1, 2])).toBe(0.5);
    expect(auc([], [1])).toBeNaN();
  });

  it("flags fragments: brackets, bare legal forms, generic nouns, possessives, cuts mid-name", () => {
    expect(fragmentReason("Shenzhen) Co Ltd")).toBe("unbalanced brackets");
    expect(fragmentReason("Public Joint Stock Company")).toBe("bare legal form");
    expect(fragmentReason("Research Center")).toBe("generic noun");
    expect(fragmentReason("Department of the Treasuryʼs")).toBe("possessive");
    expect(fragmentReason("Kyrgyzstan’s Keremet Bank")).toBe("possessive");
    expect(fragmentReason("of Justice")).toBe("starts or ends mid-name");
    expect(fragmentReason("Bureau of Industry and Security")).toBeNull();
    expect(fragmentReason("Redlepus Vector Industry (Shenzhen) Co., Ltd.")).toBeNull();
    expect(fragmentReason("Haas Automation, Inc.")).toBeNull();
    expect(fragmentReason("People's Bank of China")).toBeNull();
    expect(fragmentReason("Workers’ Party of Korea")).toBeNull();
  });

  it("scores names against labels and their aliases, counting repeats of a matched label as duplicates", () => {
    const score = scoreNames([
      {
        id: "t",
        predicted: ["U.S. Department of Commerce", "Commerce Department", "Shenzhen) Co Ltd"],
        labels: [{ name: "US Department of Commerce", aliases: ["Commerce Department"] }, { name: "Bureau of Industry and Security" }],
      },
    ]);
    expect(score).toMatchObject({ predicted: 3, labelled: 2, correct: 1, duplicates: 1, wrong: ["t: Shenzhen) Co Ltd"], missed: ["t: Bureau of Industry and Security"] });
    expect(score.precision).toBeCloseTo(1 / 3);
    expect(score.recall).toBe(0.5);
  });
});
