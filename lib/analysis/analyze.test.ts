import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeDocument, ISSUE_MATCHES_SHOWN, type IssueToMatch } from "./analyze";

const article = readFileSync(new URL("../../prisma/seed/article-blinken-china-2024-04.txt", import.meta.url), "utf8");

const issues: IssueToMatch[] = [
  {
    id: "issue-dual-use",
    title: "Dual-use technology transfers to Russia's defense industrial base",
    summary: "Third-country suppliers ship dual-use goods that sustain Russian weapons production.",
    categorySlug: "dual-use-technology",
    actors: ["Russia", "China"],
    hsCodes: ["8471", "9013"],
    tags: ["dual-use", "export controls"],
  },
  {
    id: "issue-banks",
    title: "Chinese financial institutions facing secondary sanctions",
    summary: "Banks that process payments for Russia's military-industrial base risk US secondary sanctions.",
    categorySlug: "financial-institutions",
    actors: ["Chinese banks", "US Treasury"],
    hsCodes: [],
    tags: ["secondary sanctions", "banks"],
  },
  {
    id: "issue-chips",
    title: "Microelectronics and chips supply to Russia",
    summary: "Integrated circuits and semiconductors reach Russian weapons makers through China and Hong Kong.",
    categorySlug: "microelectronics-chips",
    actors: ["Russia", "Hong Kong"],
    hsCodes: ["8542.31", "8541"],
    tags: ["chips"],
  },
  {
    id: "issue-engines",
    title: "Engines for Russian cruise missiles",
    summary: "Small turbojet engines used in Russian cruise missiles and drones.",
    categorySlug: "engines-propulsion",
    actors: ["Russia"],
    hsCodes: ["8411", "8806"],
    tags: ["cruise missiles"],
  },
  {
    id: "issue-gold",
    title: "Venezuelan gold exports",
    summary: "Gold smuggled out of Venezuela.",
    categorySlug: "other",
    actors: ["Venezuela"],
    hsCodes: ["7108"],
    tags: ["gold"],
  },
];

describe("analyzeDocument on the reference article", () => {
  const analysis = analyzeDocument({ text: article }, issues);
  const names = (list: { name: string }[]) => list.map((e) => e.name);

  it("guesses title, date and publisher", () => {
    expect(analysis.title).toBe("Blinken to Warn China of Sanctions Over Support for Russia During April Visit");
    expect(analysis.publishedDate).toMatch(/^2024-04-\d\d$/);
    expect(analysis.publisher).toBeNull();
    expect(analyzeDocument({ text: article, url: "https://www.reuters.com/world/x" }, []).publisher).toBe("Reuters");
    expect(analysis.wordCount).toBeGreaterThan(500);
  });

  it("finds the people, places and organisations, without fragments", () => {
    expect(names(analysis.people)).toEqual(expect.arrayContaining(["Antony Blinken", "Wang Yi", "Kurt Campbell"]));
    expect(names(analysis.places)).toEqual(expect.arrayContaining(["China", "Russia", "Ukraine"]));
    expect(names(analysis.organizations)).toContain("US Department of State");
    const all = [...names(analysis.people), ...names(analysis.places), ...names(analysis.organizations)];
    for (const name of all) {
      expect(name).not.toMatch(/['’]s$|[.,;:]$|^\W/);
      expect(name).not.toMatch(/^(State|Secretary|President|April)\b/);
    }
    expect(new Set(all).size).toBe(all.length);
    // Surnames alone count as mentions of the full name.
    expect(analysis.people.find((p) => p.name === "Antony Blinken")?.mentions).toBeGreaterThan(5);
    expect(names(analysis.people)).not.toContain("Blinken");
    expect(names(analysis.people)).not.toContain("Campbell");
  });

  it("gives entity offsets of a real mention", () => {
    for (const e of [...analysis.people, ...analysis.organizations, ...analysis.places]) {
      expect(e.end).toBeGreaterThan(e.start);
      expect(article.slice(e.start, e.end).length).toBeGreaterThan(0);
    }
    const wang = analysis.people.find((p) => p.name === "Wang Yi");
    expect(article.slice(wang!.start, wang!.end)).toBe("Wang Yi");
  });

  it("suggests all four categories and the jurisdictions", () => {
    const slugs = analysis.categories.map((c) => c.slug);
    expect(slugs).toEqual(expect.arrayContaining(["dual-use-technology", "financial-institutions", "microelectronics-chips", "engines-propulsion"]));
    expect(slugs).not.toContain("other");
    expect(analysis.categories[0]?.slug).toBe("dual-use-technology");
    expect(analysis.categories.find((c) => c.slug === "microelectronics-chips")?.matchedTerms).toContain("chip");
    const codes = analysis.jurisdictions.map((j) => j.code);
    expect(codes.slice(0, 3)).toEqual(expect.arrayContaining(["CN", "RU", "US"]));
    expect(analysis.jurisdictions.find((j) => j.code === "CN")?.matchedTerms).toEqual(expect.arrayContaining(["China", "Chinese", "Beijing"]));
  });

  it("suggests HS 8542 (chips) and 8411 (cruise-missile engines)", () => {
    const codes = analysis.hsCodes.map((h) => h.code);
    expect(codes).toEqual(expect.arrayContaining(["8542", "8411"]));
    expect(analysis.hsCodes.find((h) => h.code === "8542")?.description).toMatch(/integrated circuits/i);
    expect(analysis.hsCodes.find((h) => h.code === "8411")?.matchedTerms).toContain("cruise missile");
  });

  it("ranks the four related issues above zero and drops the unrelated one", () => {
    const ids = analysis.issues.map((i) => i.issueId);
    expect(ids).toEqual(expect.arrayContaining(["issue-dual-use", "issue-banks", "issue-chips", "issue-engines"]));
    expect(ids).not.toContain("issue-gold");
    expect(ids[0]).toBe("issue-dual-use");
    for (const issue of analysis.issues) {
      expect(issue.score).toBeGreaterThan(0);
      expect(issue.passages.length).toBeGreaterThan(0);
    }
    const scores = analysis.issues.map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const engines = analysis.issues.find((i) => i.issueId === "issue-engines");
    expect(engines?.matchedTerms).toEqual(expect.arrayContaining(["cruise missile", "HS 8411", "Russia"]));
    expect(engines?.passages[0]?.text).toContain("engines for cruise missiles");
    const banks = analysis.issues.find((i) => i.issueId === "issue-banks");
    expect(banks?.passages[0]?.text).toContain("Chinese financial institutions");
  });

  it("shows the most relevant matches of a large watchlist, and says how many matched", () => {
    expect(analysis.issuesMatched).toBe(4);
    // 200 copies of each issue: 800 match, and the best ISSUE_MATCHES_SHOWN are the ones a full ranking puts first.
    const many = Array.from({ length: 200 }, (_, n) => issues.map((issue) => ({ ...issue, id: `${issue.id}-${String(n).padStart(3, "0")}` }))).flat();
    const large = analyzeDocument({ text: article }, many);
    expect(large.issuesMatched).toBe(800);
    expect(large.issues).toHaveLength(ISSUE_MATCHES_SHOWN);
    expect(large.issues.map((i) => i.issueId)).toEqual(
      Array.from({ length: ISSUE_MATCHES_SHOWN }, (_, n) => `issue-dual-use-${String(n).padStart(3, "0")}`),
    );
    expect(large.issues[0]).toEqual({ ...analysis.issues[0], issueId: "issue-dual-use-000" });
  });

  it("gives passages whose offsets slice the original text exactly", () => {
    const passages = [...analysis.keyPassages, ...analysis.issues.flatMap((i) => i.passages)];
    expect(analysis.keyPassages.length).toBeGreaterThanOrEqual(3);
    for (const p of passages) expect(article.slice(p.start, p.end)).toBe(p.text);
    expect(analysis.keyPassages.some((p) => p.text.includes("dual-use technologies"))).toBe(true);
  });

  it("is deterministic", () => {
    expect(analyzeDocument({ text: article }, issues)).toEqual(analysis);
    expect(analyzeDocument({ text: article }, [...issues].reverse()).issues).toEqual(analysis.issues);
  });
});

describe("analyzeDocument on other texts", () => {
  it("uses the tagger for names that no title introduces", () => {
    const text =
      "Invoices show that shipments of microcontrollers were arranged by Elena Petrova, a trader who met buyers in Almaty. " +
      "Petrova denied wrongdoing. The Central Bank of Kyrgyzstan and Sinno Electronics did not respond.";
    const a = analyzeDocument({ text, title: "Given title" }, []);
    expect(a.title).toBe("Given title");
    expect(a.people.map((p) => p.name)).toEqual(["Elena Petrova"]);
    expect(a.people[0]?.mentions).toBe(2);
    expect(a.places.map((p) => p.name)).toContain("Almaty");
    expect(a.organizations.map((o) => o.name)).toEqual(expect.arrayContaining(["Central Bank of Kyrgyzstan", "Sinno Electronics"]));
    expect(a.jurisdictions.map((j) => j.code)).toContain("KG");
    expect(a.categories[0]?.slug).toBe("microelectronics-chips");
    expect(a.hsCodes[0]?.code).toBe("8542");
  });

  it("falls back to the `other` category and an empty analysis for unrelated or empty text", () => {
    const a = analyzeDocument({ text: "The weather was pleasant and the picnic went well." }, issues);
    expect(a.categories).toEqual([{ slug: "other", name: "Other", score: 0, matchedTerms: [] }]);
    expect(a.hsCodes).toEqual([]);
    expect(a.issues).toEqual([]);
    const empty = analyzeDocument({ text: "" }, issues);
    expect(empty.title).toBe("Untitled");
    expect(empty.publishedDate).toBeNull();
    expect(empty.people).toEqual([]);
    expect(empty.keyPassages).toEqual([]);
  });

  it("gives exact offsets for any text", () => {
    const piece = fc.constantFrom(
      "Secretary of State Antony Blinken", " chips", " engines for cruise missiles", " China's", " Russia", ".", " ", "\n\n",
      " banks", " dual-use technologies", " 8542", " April 24-26, 2024", " Bank of China", " •", "’s",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const text = pieces.join("");
        const a = analyzeDocument({ text }, issues);
        for (const p of [...a.keyPassages, ...a.issues.flatMap((i) => i.passages)]) expect(text.slice(p.start, p.end)).toBe(p.text);
        for (const e of [...a.people, ...a.organizations, ...a.places]) expect(e.end).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 60 },
    );
  });

  it("counts a cited HS code for an issue", () => {
    const text = "Exports under HS code 8542.31 to Kazakhstan tripled in 2023, customs data show.";
    const a = analyzeDocument({ text }, issues);
    const chips = a.issues.find((i) => i.issueId === "issue-chips");
    expect(chips?.matchedTerms).toContain("HS 8542");
    expect(chips?.passages[0]?.text).toBe(text);
  });
});
