import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { exportDocx } from "@/lib/briefings/export/docx";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import { buildOutline, HEADINGS } from "@/lib/briefings/export/outline";

// The DOCX is checked as Word would read it: unzip, then the WordprocessingML parts.

const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&" };

/** The text of a part: markup removed (so a phrase split over runs still matches), one line per paragraph. */
const plain = (xml: string) =>
  xml
    .replace(/<w:p[ >][\s\S]*?<\/w:p>/g, (p) => `${p.replace(/<[^>]+>/g, "")}\n`)
    .replace(/<[^>]+>/g, "")
    .replace(/&(lt|gt|quot|apos|amp);/g, (entity) => ENTITIES[entity] ?? entity);

describe("DOCX export", () => {
  const outline = buildOutline(fixtureSnapshot);
  let zip: JSZip;
  const part = async (path: string) => {
    const file = zip.file(path);
    expect(file, `${path} is in the package`).not.toBeNull();
    return (await file?.async("string")) ?? "";
  };

  beforeAll(async () => {
    zip = await JSZip.loadAsync(await exportDocx(fixtureSnapshot));
  });

  it("is a WordprocessingML package, content types first", async () => {
    expect(await part("[Content_Types].xml")).toContain("wordprocessingml.document.main+xml");
    expect(Object.keys(zip.files).slice(0, 2)).toEqual(["[Content_Types].xml", "_rels/.rels"]);
  });

  it("holds the title and the headings in word/document.xml", async () => {
    const document = await part("word/document.xml");
    const text = plain(document);
    expect(document).toContain('w:val="Title"');
    expect(document).toContain('w:val="Heading1"');
    for (const heading of [outline.title, HEADINGS.bottomLine, HEADINGS.issues, outline.changesHeading]) {
      expect(text).toContain(heading);
    }
    for (const issue of outline.issues) expect(text).toContain(issue.heading);
    expect(text).toContain("Owner: Dana Analyst (dana@example.org)");
    expect(text).toContain("Owner: Unassigned");
    expect(text.match(new RegExp(HEADINGS.keyEvidence, "g"))).toHaveLength(outline.issues.length);
  });

  it("references one footnote per citation, holding source, date, grade and quoted passage", async () => {
    const document = await part("word/document.xml");
    const footnotes = plain(await part("word/footnotes.xml"));
    for (const c of outline.citations) {
      expect(document).toContain(`<w:footnoteReference w:id="${c.number}"/>`);
      for (const piece of [c.sourceName, c.date, `Admiralty grade ${c.grade}`, c.quote]) {
        expect(footnotes).toContain(piece);
      }
    }
    expect(footnotes).toContain("Admiralty grade C2");
    expect(footnotes).toContain("China has maintained a policy of neutrality on the Ukraine conflict");
  });

  it("puts the marking in the header and the footer, with page numbers in the footer", async () => {
    const files = Object.keys(zip.files);
    const headers = files.filter((f) => /^word\/header\d*\.xml$/.test(f));
    const footers = files.filter((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(headers.length).toBeGreaterThan(0);
    expect(footers.length).toBeGreaterThan(0);
    for (const f of [...headers, ...footers]) expect(plain(await part(f))).toContain("TLP:AMBER");
    const footer = await part(footers[0] ?? "");
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    // The section uses them as its default (every page) header and footer.
    const document = await part("word/document.xml");
    expect(document).toMatch(/<w:headerReference w:type="default"/);
    expect(document).toMatch(/<w:footerReference w:type="default"/);
  });

  it("stamps the briefing's own time, not the time of export", async () => {
    const core = await part("docProps/core.xml");
    expect(core).toContain(">2024-04-22T09:30:00Z</dcterms:created>");
    expect(core).toContain(">2024-04-22T09:30:00Z</dcterms:modified>");
    expect(core).toContain(`<dc:creator>${xmlText(fixtureSnapshot.createdBy)}</dc:creator>`);
    for (const entry of Object.values(zip.files)) {
      expect(entry.date.toISOString()).toBe("2024-04-22T09:30:00.000Z");
    }
  });

  it("keeps hostile text as text", async () => {
    const document = await part("word/document.xml");
    expect(document).not.toContain("<script>");
    expect(plain(document)).toContain("-2 <script>alert(1)</script>");
  });
});
