import { constants, inflateSync } from "node:zlib";
import { extractText, getDocumentProxy } from "unpdf";

/** More content than any report: a 150 KB PDF whose streams inflate past this is a bomb (issue 18). */
export const MAX_PDF_CONTENT_BYTES = 64 * 1024 * 1024;
export const MAX_PDF_PAGES = 1000;

export class PdfTooLargeError extends Error {
  constructor(why: string) {
    super(`The PDF is too large to read: ${why}`);
    this.name = "PdfTooLargeError";
  }
}

// A stream's data starts after the keyword and its end of line ("endstream" is not a start).
const STREAM_START = /(?<!end)stream(?:\r\n|\n|\r)/g;

/**
 * Throws PdfTooLargeError when the file's compressed streams inflate to more than MAX_PDF_CONTENT_BYTES
 * together. PDF.js would inflate them all, whatever their size, before reading a word; zlib stops at the
 * limit. Streams that are not zlib data (other filters, damage) are left to PDF.js.
 */
function checkInflatedSize(bytes: Uint8Array): void {
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = source.toString("latin1");
  let left = MAX_PDF_CONTENT_BYTES;
  STREAM_START.lastIndex = 0;
  for (let m = STREAM_START.exec(text); m; m = STREAM_START.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    STREAM_START.lastIndex = end;
    try {
      left -= inflateSync(source.subarray(start, end), { maxOutputLength: left + 1, finishFlush: constants.Z_SYNC_FLUSH /* a cut stream too */ }).length;
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") left = -1;
    }
    if (left < 0) throw new PdfTooLargeError(`its content expands to more than ${MAX_PDF_CONTENT_BYTES / 1024 / 1024} MB`);
  }
}

/**
 * The text of a PDF, pages separated by blank lines. Uses unpdf's bundled PDF.js build, which needs
 * no worker, no native canvas and no network for text. Throws PdfTooLargeError past the limits above.
 */
export async function pdfToText(buffer: Uint8Array): Promise<string> {
  checkInflatedSize(buffer);
  // PDF.js takes ownership of (detaches) the buffer it is given, so it gets a copy. Eval stays off
  // for untrusted files, and warnings about damaged files stay out of the server log.
  const pdf = await getDocumentProxy(new Uint8Array(buffer), { isEvalSupported: false, verbosity: 0 });
  try {
    if (pdf.numPages > MAX_PDF_PAGES) throw new PdfTooLargeError(`it has ${pdf.numPages} pages (the limit is ${MAX_PDF_PAGES})`);
    const { text } = await extractText(pdf, { mergePages: false });
    return text
      .map((page) => page.replace(/[ \t]+\n/g, "\n").trim())
      .filter((page) => page.length > 0)
      .join("\n\n");
  } finally {
    await pdf.destroy();
  }
}
