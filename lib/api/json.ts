import { AppError } from "@/lib/errors";

// The checks of a JSON body that need no server: the route wrapper (lib/api/route.ts) runs them on
// every request, and the restore worker (lib/backup/read-worker.mjs) on a backup, off the request thread.

/** Deeper JSON is refused (422): no request needs it, and serializing it again (JSON columns) overflows the stack. */
const MAX_JSON_DEPTH = 64;

/** The body as JSON: 400 if it is not UTF-8 JSON, 422 if it is nested deeper than MAX_JSON_DEPTH. */
export function parseJson(bytes: Uint8Array): unknown {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new AppError("bad_request", "The body is not valid UTF-8 JSON");
  }
  // JSON.parse takes any depth; a value 100,000 levels deep stored in a JSON column (restore) made
  // JSON.stringify overflow the stack: a 500.
  if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
    throw new AppError("validation_failed", "The request is not valid", { fields: { "(body)": [`Nested more than ${MAX_JSON_DEPTH} levels deep`] } });
  }
  return value;
}

/** Iterative, like unstorableText below: the value may be deeper than the stack. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= limit) return true;
    for (const inner of Array.isArray(current) ? current : Object.values(current)) pending.push([inner, depth + 1]);
  }
  return false;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isUnstorable = (text: string) => text.includes("\u0000") || LONE_SURROGATE.test(text);

/**
 * The wrapper's JSON body and query as they are, or a 422 naming each string that no database text can
 * hold. (The document intake checks its fields with it too, and cleans its text instead.)
 */
export function storable<T>(value: T): T {
  const unstorable = unstorableText(value);
  if (unstorable.length === 0) return value;
  const message = "Text must not contain NUL (U+0000) or unpaired surrogate characters";
  throw new AppError("validation_failed", "The request is not valid", { fields: Object.fromEntries(unstorable.map((path) => [path, [message]])) });
}

/**
 * Paths of the strings (keys included) that no database text can hold: PostgreSQL refuses U+0000 in
 * text and jsonb (a 500 if it got that far), and a lone surrogate (`"\ud800"` is valid JSON) is not
 * Unicode, so it would be stored altered. Iterative: JSON.parse accepts nesting deeper than the stack.
 */
function unstorableText(value: unknown): string[] {
  const found: string[] = [];
  const pending: Array<[unknown, string]> = [[value, ""]];
  const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (pending.length && found.length < 20) {
    const [current, path] = pending.pop()!;
    if (typeof current === "string") {
      if (isUnstorable(current)) found.push(path || "(body)");
    } else if (Array.isArray(current)) {
      current.forEach((inner, index) => pending.push([inner, at(path, index)]));
    } else if (current !== null && typeof current === "object") {
      for (const [key, inner] of Object.entries(current)) {
        if (isUnstorable(key)) found.push(at(path, "(key)"));
        else pending.push([inner, at(path, key)]);
      }
    }
  }
  return found.sort();
}
