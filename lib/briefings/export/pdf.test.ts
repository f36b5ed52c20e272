import { extractText, getDocumentProxy } from "unpdf";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import { buildOutline, HEADINGS } from "@/lib/briefings/export/outline";
import { exportPdf } from "@/lib/briefings/export/pdf";
import type { BriefingSnapshot } from "@/lib/briefings/snapshot";

// The PDF is checked through a real parser (PDF.js, via unpdf): pages, and the text a reader can copy.

async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(pdf, { mergePages: false });
  expect(text).toHaveLength(totalPages);
  return text;
}

/** Lines joined into one run of words, since the PDF wraps long lines wherever the width ends. */
const flat = (text: string) => text.replace(/\s+/g, " ");

describe("PDF export", () => {
  const outline = buildOutline(fixtureSnapshot);
  let bytes: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    bytes = await exportPdf(fixtureSnapshot);
    pages = await pagesOf(bytes);
  });

  it("is a PDF with more than one page", () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(pages.length).toBeGreaterThan(1);
  });

  it("shows the marking at the top and bottom of every page, and its page number", () => {
    pages.forEach((page, i) => {
      expect(page.match(/TLP:AMBER/g)?.length ?? 0, `page ${i + 1}`).toBeGreaterThanOrEqual(2);
      expect(page).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it("has extractable text: title, headings, issue titles, citations", () => {
    const all = flat(pages.join("\n"));
    for (const text of [outline.title, HEADINGS.bottomLine, HEADINGS.notes, ...outline.issues.map((i) => i.heading)]) {
      expect(all).toContain(flat(text));
    }
    expect(all).toContain("Admiralty grade C2");
    expect(all).toContain(flat("Dana Analyst (dana@example.org)"));
    expect(all).toContain("the US believes that China has become a primary contributor");
  });

  it("writes the briefing's time into the document info", () => {
    const raw = Buffer.from(bytes).toString("latin1");
    // Info entries are indirect objects: CreationDate and ModDate, and no other date.
    expect(raw.match(/\(D:\d{14}Z\)/g)).toEqual(["(D:20240422093000Z)", "(D:20240422093000Z)"]);
  });

  it("does not crash on text outside its fonts, and maps it", async () => {
    const snapshot: BriefingSnapshot = {
      ...fixtureSnapshot,
      title: "Санкции → 制裁 — “quoted” ‘x’ – ő č ş \u200b\u0007 😀",
      issues: [],
      changes: [],
    };
    const text = flat((await pagesOf(await exportPdf(snapshot))).join(" "));
    expect(text).toContain("-> ?? — “quoted” ‘x’ – o c s");
  });
});
