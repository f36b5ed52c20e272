import { z } from "zod";
import type { BriefingSnapshot } from "@/lib/briefings/snapshot";
import { exportCsv } from "@/lib/briefings/export/csv";
import { isoDay } from "@/lib/briefings/export/dates";
import { exportDocx } from "@/lib/briefings/export/docx";
import { exportJson } from "@/lib/briefings/export/json";
import { exportMarkdown } from "@/lib/briefings/export/markdown";
import { exportPdf } from "@/lib/briefings/export/pdf";

// The export formats of GET /api/briefings/{id}/export?format=…: one table, so the route, the OpenAPI
// document and the download links all list the same formats with the same media types.

export interface BriefingFormat {
  mediaType: string;
  extension: string;
  label: string;
  render: (snapshot: BriefingSnapshot) => Promise<Uint8Array>;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

export const briefingFormats = {
  md: {
    mediaType: "text/markdown; charset=utf-8",
    extension: "md",
    label: "Markdown",
    render: async (s) => utf8(exportMarkdown(s)),
  },
  docx: {
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extension: "docx",
    label: "Word (DOCX)",
    render: exportDocx,
  },
  pdf: { mediaType: "application/pdf", extension: "pdf", label: "PDF", render: exportPdf },
  csv: { mediaType: "text/csv; charset=utf-8", extension: "csv", label: "CSV", render: async (s) => utf8(exportCsv(s)) },
  json: {
    mediaType: "application/json; charset=utf-8",
    extension: "json",
    label: "JSON",
    render: async (s) => utf8(exportJson(s)),
  },
} as const satisfies Record<string, BriefingFormat>;

export type BriefingFormatName = keyof typeof briefingFormats;

export const BRIEFING_FORMAT_NAMES = Object.keys(briefingFormats) as [BriefingFormatName, ...BriefingFormatName[]];

/** For the route's query validation: `?format=md|docx|pdf|csv|json`. */
export const briefingFormatSchema = z.enum(BRIEFING_FORMAT_NAMES);

export function isBriefingFormat(value: unknown): value is BriefingFormatName {
  return typeof value === "string" && Object.hasOwn(briefingFormats, value);
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
  return `${slugify(snapshot.title)}-${isoDay(snapshot.createdAt)}.${briefingFormats[format].extension}`;
}

/** Content-Disposition for a download; the name is ASCII by construction, so no filename* is needed. */
export function attachmentDisposition(fileName: string): string {
  return `attachment; filename="${fileName.replace(/["\\\r\n]/g, "_")}"`;
}

export interface RenderedBriefing {
  body: Uint8Array;
  mediaType: string;
  fileName: string;
  contentDisposition: string;
}

/** Everything a route handler needs to answer an export request. */
export async function renderBriefing(snapshot: BriefingSnapshot, format: BriefingFormatName): Promise<RenderedBriefing> {
  const { mediaType, render } = briefingFormats[format];
  const fileName = briefingFileName(snapshot, format);
  return { body: await render(snapshot), mediaType, fileName, contentDisposition: attachmentDisposition(fileName) };
}
