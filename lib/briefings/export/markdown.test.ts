import { describe, expect, it } from "vitest";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import { exportMarkdown } from "@/lib/briefings/export/markdown";
import { autolink, escapeInline, escapeParagraph } from "@/lib/briefings/export/markdown-text";
import type { BriefingSnapshot } from "@/lib/briefings/snapshot";

describe("Markdown escaping", () => {
  it("escapes inline syntax", () => {
    expect(escapeInline("*a* _b_ [x](y) <b> `c` |d| ~e~ &amp; ![i] \\")).toBe(
      "\\*a\\* \\_b\\_ \\[x\\](y) \\<b\\> \\`c\\` \\|d\\| \\~e\\~ \\&amp; \\!\\[i\\] \\\\",
    );
  });

  it.each([
    ["# h", "\\# h"],
    ["> q", "\\> q"],
    ["- item", "\\- item"],
    ["+ item", "\\+ item"],
    ["=====", "\\====="],
    ["12. item", "12\\. item"],
    ["3) item", "3\\) item"],
    ["plain 1. text", "plain 1. text"],
  ])("escapes the block marker of %j", (text, expected) => {
    expect(escapeParagraph(text)).toBe(expected);
  });

  it("autolinks only http(s) URLs without spaces or brackets", () => {
    expect(autolink("https://example.org/a?b=1")).toBe("<https://example.org/a?b=1>");
    expect(autolink("https://example.org/a b")).toBe("https://example.org/a b");
    expect(autolink("javascript:alert(1)")).toBe("javascript:alert(1)");
  });
});

describe("Markdown export", () => {
  const md = exportMarkdown(fixtureSnapshot);
  const lines = md.split("\n");

  it("opens and closes with the marking", () => {
    expect(lines[0]).toBe("**TLP:AMBER**");
    expect(lines.at(-2)).toBe("**TLP:AMBER**");
    expect(md.endsWith("\n")).toBe(true);
  });

  it("has title, date, bottom line up front, issue sections and changes since the previous briefing", () => {
    expect(md).toContain("\n# China’s support to Russia’s defence industry – sanctions outlook\n");
    expect(md).toContain("- **Date:** 22 April 2024, 09:30 UTC");
    expect(md.indexOf("## Bottom line up front")).toBeLessThan(md.indexOf("## Issues"));
    expect(md).toContain("### 1. Dual-use technology transfers to Russia's defense industrial base");
    expect(md).toContain("- **Likelihood (ICD 203):** Very likely (80-95%)");
    expect(md).toContain("- **Trend since last briefing:** Escalating");
    expect(md).toContain("## Changes since Weekly sanctions watch (12 April 2024)");
    expect(md).toContain("Status: Warning issued → Measures threatened.");
  });

  it("cites evidence with numbered footnotes holding source, date, grade and the quoted passage", () => {
    const refs = md.match(/\[\^\d+\](?!:)/g) ?? [];
    const defs = lines.filter((l) => /^\[\^\d+\]: /.test(l));
    expect(refs).toEqual(["[^1]", "[^2]", "[^3]", "[^4]"]);
    expect(defs).toHaveLength(4);
    expect(defs[0]).toContain("Trim Correspondents");
    expect(defs[0]).toContain("19 April 2024");
    expect(defs[0]).toContain("Admiralty grade C2");
    expect(defs[0]).toContain('Quoted passage: "the US believes that China has become a primary contributor');
  });

  it("does not let user text become HTML, links or footnote references", () => {
    expect(md).not.toMatch(/(?<!\\)<script>/);
    expect(md).not.toMatch(/(?<!\\)\]\(javascript:/);
    expect(md).not.toContain("<javascript:");
    expect(md).toContain("\\[^9\\]");
  });

  it("says when there is no previous briefing and nothing to cite", () => {
    const bare: BriefingSnapshot = { ...fixtureSnapshot, previousBriefing: null, issues: [], changes: [], keyJudgments: "" };
    const out = exportMarkdown(bare);
    expect(out).toContain("## Changes since last briefing\n\nNo previous briefing: this is the team's first.");
    expect(out).toContain("No issues matched this briefing's filter.");
    expect(out).toContain("No key judgments recorded.");
    expect(out).not.toMatch(/\[\^\d+\]/);
  });
});
