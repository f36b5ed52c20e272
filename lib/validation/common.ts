import { z } from "zod";

/** Ids are UUIDs (v7); anything else cannot name a record, so it is a 404 rather than a database error. */
export const idSchema = z.string().min(1).max(64);

/** A record's id where it is written (backups): the UUIDs the database makes, in their lower-case form. */
export const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "Not a record id (a lower-case UUID)");

/** A user's id (better-auth makes 32 letters and digits; seeds and tests use other plain ones). */
export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Not a user id");

/** Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text display as what it is not. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/**
 * Text shown on one line (titles, names, labels, tags, actors): trimmed, at most `max` characters,
 * and without bidirectional control characters, which can reorder what a reader sees ("Trojan
 * Source", CVE-2021-42574): a title could show another team's words or a harmless name. Long text
 * (summaries, notes, documents) may legitimately quote right-to-left scripts and keeps them.
 */
export const shortText = (max: number) => withoutBidiControls(z.string().trim().max(max));

/** The check of `shortText` alone, for text that is stored exactly as given (backups). */
export const withoutBidiControls = (text: z.ZodString) =>
  text.refine((value) => !BIDI_CONTROLS.test(value), "Must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)");

/** An ISO date or date-time, years 0001–9999 in UTC: PostgreSQL has no year 0 ("0000-01-01" was a 500). */
export const isoDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((value) => new Date(value))
  .refine((date) => date.getUTCFullYear() >= 1 && date.getUTCFullYear() <= 9999, "Use a date between the years 0001 and 9999");

/** `?flag=true|false|1|0`. */
export const booleanParam = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/** A query parameter that may be repeated or comma-separated: `?status=a,b` or `?status=a&status=b`. */
export function listParam<T extends z.ZodType>(item: T) {
  const list = z.array(item).max(50);
  return z.union([z.string(), z.array(z.string())]).transform((value, ctx): z.output<T>[] => {
    const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
    const parsed = list.safeParse(parts);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  });
}

export const pageParams = {
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

/** `If-Match: "3"` → 3. */
export function parseIfMatch(header: string | null): number | null {
  if (!header) return null;
  // If-Match compares strongly (RFC 9110): a weak tag (W/"3") never matches, so it is not accepted.
  const match = /^\s*"?(\d+)"?\s*$/.exec(header);
  return match ? Number(match[1]) : NaN;
}
