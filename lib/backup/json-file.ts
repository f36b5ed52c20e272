import { createWriteStream } from "node:fs";
import { once } from "node:events";

// A whole-database backup holds tens of thousands of sanctions entries and every team's documents: as one
// JSON.stringify it is one string the size of the file, beside the rows it was made from. Written in
// pieces instead, the process holds the rows and about one MB of text at a time.

/** Objects and arrays this deep or less are written part by part; deeper ones (a team's rows) in one piece each. */
const SPLIT_DEPTH = 3;
const FLUSH_CHARS = 1024 * 1024;

/** The text JSON.stringify(value) makes, in pieces. */
export function* jsonPieces(value: unknown, depth = 0): Generator<string> {
  if (depth > SPLIT_DEPTH || value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  if (Array.isArray(value)) {
    yield "[";
    for (const [index, item] of value.entries()) {
      if (index > 0) yield ",";
      yield* jsonPieces(item === undefined ? null : item, depth + 1);
    }
    yield "]";
    return;
  }
  yield "{";
  let first = true;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === "function") continue;
    yield `${first ? "" : ","}${JSON.stringify(key)}:`;
    first = false;
    yield* jsonPieces(item, depth + 1);
  }
  yield "}";
}

/** Writes `value` to `file` as JSON, a megabyte at a time. */
export async function writeJsonFile(file: string, value: unknown) {
  const out = createWriteStream(file);
  let text = "";
  for (const piece of jsonPieces(value)) {
    text += piece;
    if (text.length >= FLUSH_CHARS) {
      if (!out.write(text)) await once(out, "drain");
      text = "";
    }
  }
  out.end(text);
  await once(out, "finish");
}
