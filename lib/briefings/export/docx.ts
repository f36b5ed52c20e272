import {
  AlignmentType,
  Document,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  TextRun,
} from "docx";
import type { BriefingSnapshot } from "@/lib/briefings/snapshot";
import { fixedDate } from "@/lib/briefings/export/dates";
import { markingColours } from "@/lib/briefings/export/labels";
import { buildOutline, citationText, EMPTY_TEXT, HEADINGS, type BriefingOutline, type Field } from "@/lib/briefings/export/outline";
import { restampZip } from "@/lib/briefings/export/stable-zip";

// The briefing as a Word document: marking in the header and footer (so on every page), headings, and
// citations as real footnotes. Avoids docx features that draw random or process-wide ids (hyperlinks,
// images, bookmarks), so the only varying bytes are timestamps, which restampZip fixes.

// XML 1.0 cannot hold most control characters (nor lone surrogates); Word refuses a file that has them.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xml = (text: string): string => text.replace(NOT_XML, "");

const run = (text: string, options: { bold?: boolean; italics?: boolean } = {}) => new TextRun({ text: xml(text), ...options });

function markingParagraph(outline: BriefingOutline, extra: TextRun[] = []): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new TextRun({
        text: ` ${outline.marking} `,
        bold: true,
        color: markingColours[outline.marking],
        shading: { type: ShadingType.CLEAR, fill: "000000", color: "auto" },
      }),
      ...extra,
    ],
  });
}

const fieldParagraph = ([label, value]: Field) => new Paragraph({ children: [run(`${label}: `, { bold: true }), run(value)] });

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ heading: level, children: [run(text)] });

function body(outline: BriefingOutline): Paragraph[] {
  const out: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(outline.title)] }),
    ...outline.meta.map(fieldParagraph),
    heading(HEADINGS.bottomLine, HeadingLevel.HEADING_1),
    ...(outline.bottomLine.length > 0 ? outline.bottomLine : [EMPTY_TEXT.bottomLine]).map(
      (p) => new Paragraph({ children: [run(p)] }),
    ),
    heading(HEADINGS.issues, HeadingLevel.HEADING_1),
  ];
  if (outline.issues.length === 0) out.push(new Paragraph({ children: [run(EMPTY_TEXT.issues)] }));
  for (const issue of outline.issues) {
    out.push(heading(issue.heading, HeadingLevel.HEADING_2), ...issue.fields.map(fieldParagraph));
    out.push(...issue.summary.map((p) => new Paragraph({ children: [run(p)] })));
    out.push(heading(HEADINGS.keyEvidence, HeadingLevel.HEADING_3));
    if (issue.evidence.length === 0) out.push(new Paragraph({ children: [run(EMPTY_TEXT.evidence)] }));
    for (const e of issue.evidence) {
      out.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [run(`${e.stance}, ${e.grade}: `, { bold: true }), run(e.text), new FootnoteReferenceRun(e.citation.number)],
        }),
      );
    }
  }
  out.push(heading(outline.changesHeading, HeadingLevel.HEADING_1));
  if (outline.changesIntro) out.push(new Paragraph({ children: [run(outline.changesIntro)] }));
  if (outline.changes.length === 0) out.push(new Paragraph({ children: [run(EMPTY_TEXT.changes)] }));
  for (const c of outline.changes) {
    out.push(
      new Paragraph({
        bullet: { level: 0 },
        children: [
          run(`${c.when}, ${c.actor}, `),
          run(c.issueTitle, { bold: true }),
          run(`: ${c.what}.${c.summary ? ` ${c.summary}` : ""}`),
        ],
      }),
    );
  }
  return out;
}

function footnotes(outline: BriefingOutline): Record<string, { children: Paragraph[] }> {
  return Object.fromEntries(
    outline.citations.map((c) => [
      String(c.number),
      {
        children: [
          new Paragraph({ children: [run(citationText(c) + (c.url ? ` ${c.url}` : ""))] }),
          new Paragraph({ children: [run(`Quoted passage: "${c.quote}"`, { italics: true })] }),
        ],
      },
    ]),
  );
}

// docx writes the time of packing into docProps/core.xml; the briefing's own time goes there instead.
function fixCoreDates(iso: string) {
  return (coreXml: string) =>
    coreXml.replace(
      /(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g,
      (_m, open: string, _name: string, close: string) => `${open}${iso}${close}`,
    );
}

export async function exportDocx(snapshot: BriefingSnapshot): Promise<Uint8Array> {
  const outline = buildOutline(snapshot);
  const at = fixedDate(snapshot.createdAt);
  const document = new Document({
    title: xml(outline.title),
    subject: "Sanctions briefing",
    creator: xml(snapshot.createdBy),
    lastModifiedBy: xml(snapshot.createdBy),
    description: xml(`${outline.marking}. ${snapshot.teamName}, briefing ${snapshot.id}`),
    keywords: outline.marking,
    revision: 1,
    footnotes: footnotes(outline),
    sections: [
      {
        headers: { default: new Header({ children: [markingParagraph(outline)] }) },
        footers: {
          default: new Footer({
            children: [
              markingParagraph(outline),
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children: body(outline),
      },
    ],
  });
  const packed = await Packer.pack(document, "uint8array");
  // Seconds precision, as Word writes it.
  const iso = `${at.toISOString().slice(0, 19)}Z`;
  return restampZip(packed, at, {
    edits: { "docProps/core.xml": fixCoreDates(iso) },
    // Where Word and libmagic expect them: content types first, then the package relationships.
    first: ["[Content_Types].xml", "_rels/.rels"],
  });
}
