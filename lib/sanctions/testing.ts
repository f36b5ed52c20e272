// Helpers for the sanctions tests: files from strings, and an importer's entries gathered.
import { Readable } from "node:stream";
import type { SanctionsEntry } from "./entry";
import { SanctionsImportError } from "./errors";

/** A stream of the given text or bytes, cut into small chunks so that the importers' chunk seams get used. */
export function fileOf(content: string | Buffer, chunkSize = 7): Readable {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.subarray(at, at + chunkSize));
  return Readable.from(chunks);
}

export async function collect(entries: AsyncIterable<SanctionsEntry>): Promise<SanctionsEntry[]> {
  const all: SanctionsEntry[] = [];
  for await (const entry of entries) all.push(entry);
  return all;
}

/** The import error the entries end with (the test fails if they end without one). */
export async function importError(entries: AsyncIterable<SanctionsEntry>): Promise<SanctionsImportError> {
  try {
    await collect(entries);
  } catch (error) {
    if (error instanceof SanctionsImportError) return error;
    throw error;
  }
  throw new Error("the import succeeded");
}
