import { deflateSync } from "node:zlib";

/**
 * A one-page PDF whose content stream is `megabytes` MB of zeros deflated to about a thousandth of that:
 * a decompression bomb (issue 18, finding 6), for the API tests and the reliability suite.
 */
export function pdfBomb(megabytes: number): Buffer {
  const stream = deflateSync(Buffer.alloc(megabytes * 1024 * 1024), { level: 9 });
  const head = [
    "%PDF-1.4",
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj",
    `4 0 obj << /Length ${stream.length} /Filter /FlateDecode >> stream`,
    "",
  ].join("\n");
  return Buffer.concat([Buffer.from(head, "latin1"), stream, Buffer.from("\nendstream endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1")]);
}
