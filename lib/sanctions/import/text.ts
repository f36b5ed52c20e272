import type { Readable } from "node:stream";
import { SanctionsImportError } from "../errors";

/**
 * The input's text, chunk by chunk, refusing bytes that are not UTF-8 (a silent U+FFFD would change names) and
 * naming the line where they are. Memory stays that of one chunk.
 */
export async function* utf8Chunks(input: Readable, file?: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
  let line = 1;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      throw invalidUtf8(bytes, line, file);
    }
    line += countLines(text);
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new SanctionsImportError("encoding", "the file ends inside a UTF-8 character", { file, line });
  }
}

function countLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) count++;
  return count;
}

// The strict decoder does not say where it failed: a lenient decoding of the same chunk shows the first U+FFFD.
function invalidUtf8(bytes: Buffer, lineAtChunk: number, file?: string): SanctionsImportError {
  const lenient = new TextDecoder("utf-8").decode(bytes);
  const bad = lenient.indexOf("\ufffd");
  const line = lineAtChunk + countLines(lenient.slice(0, Math.max(bad, 0)));
  return new SanctionsImportError("encoding", "invalid UTF-8", { file, line });
}

/** The input's text line by line (without the line break), with 1-based line numbers. */
export async function* textLines(input: Readable, file?: string): AsyncGenerator<{ text: string; line: number }> {
  let pending = "";
  let line = 0;
  for await (const chunk of utf8Chunks(input, file)) {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf("\n")) >= 0) {
      yield { text: pending.slice(0, end).replace(/\r$/, ""), line: ++line };
      pending = pending.slice(end + 1);
    }
  }
  if (pending) yield { text: pending.replace(/\r$/, ""), line: ++line };
}
