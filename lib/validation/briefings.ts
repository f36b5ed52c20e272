import { z } from "zod";
import { BRIEFING_FORMAT_NAMES, briefingFormatSchema } from "@/lib/briefings/export/formats";
import { BRIEFING_MARKINGS, briefingSnapshotSchema } from "@/lib/briefings/snapshot";
import { idSchema, pageOf, pageParams, shortText } from "./common";
import { listIssuesQuerySchema } from "./issues";

// The briefing shapes: one module shared by the routes, the builder, the tests and the OpenAPI document.

/** A briefing holds at most this many issues; a wider filter is refused (422) rather than cut silently. */
export const MAX_BRIEFING_ISSUES = 500;

/** TLP 2.0 handling markings. */
export const markingSchema = z.enum(BRIEFING_MARKINGS, { error: `Choose a handling marking: ${BRIEFING_MARKINGS.join(", ")}` });

const watchlistFilters = listIssuesQuerySchema.omit({ page: true, pageSize: true }).shape;

/** Query-string text for what JSON writes as numbers and booleans (`impact: [4]`, `reviewDue: true`). */
function asQueryValues(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const text = (v: unknown) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v);
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, Array.isArray(v) ? v.map(text) : text(v)]));
}

/**
 * The watchlist's filters (`GET /api/issues` without paging): the same names and values as the
 * watchlist's address, e.g. `{ "status": ["warning_issued"], "category": "financial-institutions",
 * "q": "banks", "reviewDue": true }`. Issues are included in the filter's sort order.
 */
export const briefingFilterSchema = z.preprocess(asQueryValues, z.strictObject(watchlistFilters));
export type BriefingFilter = z.output<typeof briefingFilterSchema>;

export const createBriefingSchema = z
  .strictObject({
    title: shortText(200).min(1, "Give the briefing a title"),
    marking: markingSchema,
    /** The bottom line up front: blank-line separated paragraphs. */
    keyJudgments: z.string().trim().max(20_000).default(""),
    /** Include every issue the watchlist shows with these filters… */
    filter: briefingFilterSchema.optional(),
    /** …or exactly these issues, in this order. */
    issueIds: z
      .array(idSchema)
      .min(1, "Pick at least one issue")
      .max(MAX_BRIEFING_ISSUES)
      .transform((ids) => [...new Set(ids)])
      .optional(),
  })
  .superRefine((value, ctx) => {
    if ((value.filter === undefined) === (value.issueIds === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["filter"],
        message: value.filter ? "Give a filter or issueIds, not both" : "Choose the issues: give a filter or issueIds",
      });
    }
  });
export type CreateBriefingInput = z.infer<typeof createBriefingSchema>;

export const listBriefingsQuerySchema = z.object({ ...pageParams });
export type ListBriefingsQuery = z.infer<typeof listBriefingsQuerySchema>;

export const exportBriefingQuerySchema = z.object({ format: briefingFormatSchema });
export type ExportBriefingQuery = z.infer<typeof exportBriefingQuerySchema>;

export const briefingExportLinkSchema = z.object({
  format: briefingFormatSchema,
  label: z.string(),
  mediaType: z.string(),
  fileName: z.string(),
  href: z.string().describe("GET it for the file (Content-Disposition: attachment)"),
});
export type BriefingExportLink = z.infer<typeof briefingExportLinkSchema>;

export const briefingSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  marking: markingSchema,
  createdAt: z.string(),
  createdBy: z.string(),
  issueCount: z.number().int(),
  changeCount: z.number().int().describe("Changes since the team's previous briefing"),
  previousBriefingId: z.string().nullable(),
  exports: z.array(briefingExportLinkSchema).length(BRIEFING_FORMAT_NAMES.length),
});
export type BriefingSummary = z.infer<typeof briefingSummarySchema>;

export const briefingDetailSchema = briefingSummarySchema.extend({
  /** The immutable snapshot every export is rendered from. */
  snapshot: briefingSnapshotSchema,
});
export type BriefingDetail = z.infer<typeof briefingDetailSchema>;

export const briefingPageSchema = pageOf(briefingSummarySchema);
export type BriefingPage = z.infer<typeof briefingPageSchema>;
