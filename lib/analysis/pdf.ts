import { extractText, getDocumentProxy } from "unpdf";

/**
 * The text of a PDF, pages separated by blank lines. Uses unpdf's bundled PDF.js build, which needs
 * no worker, no native canvas and no network for text.
 */
export async function pdfToText(buffer: Uint8Array): Promise<string> {
  // PDF.js takes ownership of (detaches) the buffer it is given, so it gets a copy. Eval stays off
  // for untrusted files, and warnings about damaged files stay out of the server log.
  const pdf = await getDocumentProxy(new Uint8Array(buffer), { isEvalSupported: false, verbosity: 0 });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text
      .map((page) => page.replace(/[ \t]+\n/g, "\n").trim())
      .filter((page) => page.length > 0)
      .join("\n\n");
  } finally {
    await pdf.destroy();
  }
}
