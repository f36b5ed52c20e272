import { z } from "zod";
import type { BriefingSnapshot } from "@/lib/briefings/snapshot";
import { isoDay } from "@/lib/briefings/export/dates";

// The export formats of GET /api/briefings/{id}/export?format=…: one table, so the route, the OpenAPI
// document and the download links all list the same formats with the same media types. Names and file
// names only: the renderers (pdfkit, docx) are in index.ts, which runs in the export worker
// (lib/workers/pool.ts), so pages, routes and the browser import this module and never load them.

export const briefingFormatInfo = {
  md: { mediaType: "text/markdown; charset=utf-8", extension: "md", label: "Markdown" },
  docx: {
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
    label: "Word (DOCX)",
  },
  pdf: { mediaType: "application/pdf", extension: "pdf", label: "PDF" },
  csv: { mediaType: "text/csv; charset=utf-8", extension: "csv", label: "CSV" },
  json: { mediaType: "application/json; charset=utf-8", extension: "json", label: "JSON" },
} as const satisfies Record<string, { mediaType: string; extension: string; label: string }>;

export type BriefingFormatName = keyof typeof briefingFormatInfo;

export const BRIEFING_FORMAT_NAMES = Object.keys(briefingFormatInfo) as [BriefingFormatName, ...BriefingFormatName[]];

/** For the route's query validation: `?format=md|docx|pdf|csv|json`. */
export const briefingFormatSchema = z.enum(BRIEFING_FORMAT_NAMES);

export function isBriefingFormat(value: unknown): value is BriefingFormatName {
  return typeof value === "string" && Object.hasOwn(briefingFormatInfo, value);
}

const SLUG_MAX = 60;

/** Lowercase ASCII words joined by "-", cut at a word end within 60 characters; "briefing" if none is left. */
export function slugify(text: string): string {
  const slug = text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['\u2019]/g, "") // "China's" → "chinas", not "china-s"
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= SLUG_MAX) return slug || "briefing";
  const cut = slug.slice(0, SLUG_MAX + 1);
  const end = cut.lastIndexOf("-");
  return end > 0 ? cut.slice(0, end) : slug.slice(0, SLUG_MAX);
}

/** "china-support-to-russia-2024-04-22.pdf": slug of the title, the briefing's UTC date, the extension. */
export function briefingFileName(snapshot: Pick<BriefingSnapshot, "title" | "createdAt">, format: BriefingFormatName): string {
  return `${slugify(snapshot.title)}-${isoDay(snapshot.createdAt)}.${briefingFormatInfo[format].extension}`;
}

/** Content-Disposition for a download; the name is ASCII by construction, so no filename* is needed. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/["\\\r\n]/g, "_")}"`;
}
