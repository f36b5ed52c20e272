import PDFDocument from "pdfkit";
import type { BriefingSnapshot } from "@/lib/briefings/snapshot";
import { fixedDate } from "@/lib/briefings/export/dates";
import { markingColours } from "@/lib/briefings/export/labels";
import { buildOutline, citationText, EMPTY_TEXT, HEADINGS, type BriefingOutline, type Field } from "@/lib/briefings/export/outline";
import { toWinAnsi as t } from "@/lib/briefings/export/pdf-text";

// The briefing as an A4 PDF with pdfkit's built-in Helvetica (no font files): the marking at the top and
// bottom of every page and "Page n of N", drawn once all pages exist (bufferPages). Citations are numbered
// notes at the end, as pdfkit has no page-bottom footnotes. Info dates are the briefing's own, which also
// fixes the file /ID that pdfkit derives from them, so the bytes depend on the snapshot only.

type Doc = PDFKit.PDFDocument;

const MARGIN = { top: 78, bottom: 78, left: 64, right: 64 };
const FONT = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique" } as const;
const SIZE = { title: 20, h1: 15, h2: 12.5, h3: 11, body: 10, small: 8.5 } as const;

const contentWidth = (doc: Doc) => doc.page.width - MARGIN.left - MARGIN.right;

/** Starts a new page unless `height` points still fit, so a heading is never stranded at a page's foot. */
function keepRoom(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN.bottom) doc.addPage();
}

function heading(doc: Doc, text: string, size: number): void {
  doc.moveDown(0.6);
  keepRoom(doc, size * 5);
  doc.font(FONT.bold).fontSize(size).fillColor("black").text(t(text), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string): void {
  doc.font(FONT.regular).fontSize(SIZE.body).text(t(text), MARGIN.left, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.4);
}

function field(doc: Doc, [label, value]: Field): void {
  doc
    .font(FONT.bold)
    .fontSize(SIZE.body)
    .text(t(`${label}: `), MARGIN.left, doc.y, { width: contentWidth(doc), continued: true })
    .font(FONT.regular)
    .text(t(value));
}

/** A run of text in one font; `link` makes it a clickable web link. */
type Run = readonly [font: string, text: string, link?: string];

/** A hanging-indent list item: `marker` in the gutter, then the runs. */
function listItem(doc: Doc, marker: string, runs: readonly Run[]): void {
  const indent = 16;
  // Marker and first line must share a page: the marker is placed at a fixed y, the text follows it.
  keepRoom(doc, SIZE.body * 3);
  const y = doc.y;
  doc.font(FONT.regular).fontSize(SIZE.body).text(t(marker), MARGIN.left, y, { width: indent, lineBreak: false });
  runs.forEach(([font, text, link], i) => {
    // `link: null` ends a link run, or pdfkit would carry it over to the next continued run.
    const options = { width: contentWidth(doc) - indent, continued: i < runs.length - 1, link: link ?? null };
    if (i === 0) doc.font(font).text(t(text), MARGIN.left + indent, y, options);
    else doc.font(font).text(t(text), options);
  });
  doc.moveDown(0.3);
}

/** `text` cut with an ellipsis to `width` points in the current font, for one-line running footers. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 0 && doc.widthOfString(`${cut}\u2026`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}\u2026`;
}

function markingBadge(doc: Doc, outline: BriefingOutline, y: number): void {
  const label = ` ${outline.marking} `;
  doc.font(FONT.bold).fontSize(SIZE.small);
  const width = doc.widthOfString(label);
  const x = (doc.page.width - width) / 2;
  doc.rect(x, y - 2, width, SIZE.small + 4).fill("#000000");
  doc.fillColor(`#${markingColours[outline.marking]}`).text(label, x, y, { lineBreak: false });
  doc.fillColor("black");
}

/** Marking top and bottom, page numbers at the foot: drawn inside the margins, which are lifted meanwhile
 * so pdfkit does not start a new page for text below the bottom margin. */
function stampPages(doc: Doc, outline: BriefingOutline): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    markingBadge(doc, outline, 32);
    markingBadge(doc, outline, doc.page.height - 44);
    doc
      .font(FONT.regular)
      .fontSize(SIZE.small)
      .fillColor("#444444")
      .text(fit(doc, t(outline.title), contentWidth(doc) / 2 - 40), MARGIN.left, doc.page.height - 44, { lineBreak: false })
      .text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left, doc.page.height - 44, {
        width: contentWidth(doc),
        align: "right",
        lineBreak: false,
      })
      .fillColor("black");
    doc.page.margins = margins;
  }
}

function writeBody(doc: Doc, outline: BriefingOutline): void {
  doc.font(FONT.bold).fontSize(SIZE.title).text(t(outline.title), { width: contentWidth(doc) });
  doc.moveDown(0.3);
  for (const f of outline.meta) field(doc, f);

  heading(doc, HEADINGS.bottomLine, SIZE.h1);
  for (const p of outline.bottomLine.length > 0 ? outline.bottomLine : [EMPTY_TEXT.bottomLine]) paragraph(doc, p);

  heading(doc, HEADINGS.issues, SIZE.h1);
  if (outline.issues.length === 0) paragraph(doc, EMPTY_TEXT.issues);
  for (const issue of outline.issues) {
    heading(doc, issue.heading, SIZE.h2);
    for (const f of issue.fields) field(doc, f);
    doc.moveDown(0.4);
    for (const p of issue.summary) paragraph(doc, p);
    heading(doc, HEADINGS.keyEvidence, SIZE.h3);
    if (issue.evidence.length === 0) paragraph(doc, EMPTY_TEXT.evidence);
    for (const e of issue.evidence) {
      listItem(doc, "\u2022", [
        [FONT.bold, `${e.stance}, ${e.grade}: `],
        [FONT.regular, `${e.text} [${e.citation.number}]`],
      ]);
    }
  }

  heading(doc, outline.changesHeading, SIZE.h1);
  if (outline.changesIntro) paragraph(doc, outline.changesIntro);
  if (outline.changes.length === 0) paragraph(doc, EMPTY_TEXT.changes);
  for (const c of outline.changes) {
    listItem(doc, "\u2022", [
      [FONT.regular, `${c.when}, ${c.actor}, `],
      [FONT.bold, c.issueTitle],
      [FONT.regular, `: ${c.what}.${c.summary ? ` ${c.summary}` : ""}`],
    ]);
  }

  if (outline.citations.length > 0) {
    heading(doc, HEADINGS.notes, SIZE.h1);
    for (const c of outline.citations) {
      listItem(doc, `${c.number}.`, [
        [FONT.regular, `${citationText(c)}${c.url ? " " : ""}`],
        ...(c.url ? [[FONT.regular, c.url, c.url] as const] : []),
        [FONT.italic, `\nQuoted passage: "${c.quote}"`],
      ]);
    }
  }
}

export function exportPdf(snapshot: BriefingSnapshot): Promise<Uint8Array> {
  const outline = buildOutline(snapshot);
  const at = fixedDate(snapshot.createdAt);
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    lang: "en",
    displayTitle: true,
    info: {
      Title: outline.title,
      Author: snapshot.createdBy,
      Subject: `Sanctions briefing (${outline.marking})`,
      Keywords: outline.marking,
      Creator: "Sanctions Watch",
      Producer: "Sanctions Watch (PDFKit)",
      CreationDate: at,
      ModDate: at,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  writeBody(doc, outline);
  stampPages(doc, outline);
  doc.end();
  return done;
}
