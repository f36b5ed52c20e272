import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { pdfToText } from "./pdf";

function makePdf(pages: string[]): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ compress: true });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
    pages.forEach((text, i) => {
      if (i > 0) doc.addPage();
      doc.fontSize(12).text(text);
    });
    doc.end();
  });
}

describe("pdfToText", () => {
  it("extracts the text of every page of a generated PDF", async () => {
    const pdf = await makePdf(["Blinken to warn China over chips.", "Engines for cruise missiles (HS 8411)."]);
    const copy = pdf.slice();
    const text = await pdfToText(pdf);
    expect(text).toBe("Blinken to warn China over chips.\n\nEngines for cruise missiles (HS 8411).");
    // The caller's buffer is left intact.
    expect(pdf).toEqual(copy);
  });

  it("rejects bytes that are not a PDF", async () => {
    await expect(pdfToText(new TextEncoder().encode("not a pdf"))).rejects.toThrow();
  });
});
