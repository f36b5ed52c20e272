import { z } from "zod";
import { issueStatuses } from "@/lib/domain/status";
import { likelihoods } from "@/lib/domain/likelihood";
import { IMPACT_MAX, IMPACT_MIN } from "@/lib/domain/risk";
import { stances } from "@/lib/domain/stance";
import { personSchema } from "./team";
import { booleanParam, isoDate, listParam, pageOf, pageParams, shortText, userIdSchema } from "./common";

// The issue shapes: one module shared by the routes, the forms, the tests and the OpenAPI document.

export const statusSchema = z.enum(issueStatuses);
export const likelihoodSchema = z.enum(likelihoods);
export const impactSchema = z.number().int().min(IMPACT_MIN).max(IMPACT_MAX);

/** ISO 3166-1 alpha-2 country codes, or EU. */
export const jurisdictionSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, "Use an ISO 3166 two-letter code or EU")
  .toUpperCase();

/** Harmonized System code: a chapter, heading or subheading (e.g. 85, 8542, 8542.31, 854231). */
export const hsCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{2}(\d{2}(\.?\d{2}(\.?\d{2,4})?)?)?$/, "Use an HS code such as 8542 or 8542.31");

const label = (max: number) => shortText(max).min(1);
const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z.array(item).max(max).transform((values) => [...new Set(values)]);

const issueFields = {
  title: label(200),
  summary: z.string().trim().max(10_000),
  category: label(64).describe("Category slug, e.g. dual-use-technology"),
  status: statusSchema,
  likelihood: likelihoodSchema,
  impact: impactSchema,
  jurisdictions: uniqueList(jurisdictionSchema, 50),
  actors: uniqueList(label(200), 100),
  hsCodes: uniqueList(hsCodeSchema, 50),
  tags: uniqueList(label(50), 30),
  /** A member of the team (checked by the service). */
  ownerId: userIdSchema.nullable(),
  nextReviewAt: isoDate.nullable(),
};

export const createIssueSchema = z.strictObject({
  ...issueFields,
  summary: issueFields.summary.default(""),
  status: statusSchema.default("monitoring"),
  likelihood: likelihoodSchema.default("roughly_even_chance"),
  impact: impactSchema.default(3),
  jurisdictions: issueFields.jurisdictions.default([]),
  actors: issueFields.actors.default([]),
  hsCodes: issueFields.hsCodes.default([]),
  tags: issueFields.tags.default([]),
  ownerId: issueFields.ownerId.default(null),
  nextReviewAt: issueFields.nextReviewAt.optional(),
});
export type CreateIssueInput = z.infer<typeof createIssueSchema>;

export const updateIssueSchema = z
  .strictObject({
    ...Object.fromEntries(Object.entries(issueFields).map(([k, v]) => [k, v.optional()])),
    /** Why the judgment changed: required when status or likelihood moves. */
    rationale: z.string().trim().min(1).max(5_000).optional(),
  } as { [K in keyof typeof issueFields]: z.ZodOptional<(typeof issueFields)[K]> } & { rationale: z.ZodOptional<z.ZodString> })
  .refine((value) => Object.keys(value).some((k) => k !== "rationale"), { message: "Change at least one field" });
export type UpdateIssueInput = z.infer<typeof updateIssueSchema>;

export const issueSorts = ["risk", "-risk", "updated", "-updated", "title", "-title", "review", "-review"] as const;

export const listIssuesQuerySchema = z.object({
  status: listParam(statusSchema).optional(),
  category: listParam(z.string().max(64)).optional(),
  jurisdiction: listParam(jurisdictionSchema).optional(),
  q: z.string().trim().max(200).optional(),
  reviewDue: booleanParam.optional(),
  /** Cells of the risk matrix, e.g. `likelihood=likely&impact=4`. */
  likelihood: listParam(likelihoodSchema).optional(),
  impact: listParam(z.coerce.number().int().min(IMPACT_MIN).max(IMPACT_MAX)).optional(),
  /** `me`, or a user's id: the issues they own ("My issues"). */
  owner: z.union([z.literal("me"), userIdSchema]).optional(),
  sort: z.enum(issueSorts).default("-risk"),
  ...pageParams,
});
export type ListIssuesQuery = z.infer<typeof listIssuesQuerySchema>;

export const issueSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  summary: z.string(),
  category: z.object({ slug: z.string(), name: z.string() }),
  status: statusSchema,
  likelihood: likelihoodSchema,
  impact: z.number().int(),
  riskScore: z.number().int(),
  jurisdictions: z.array(z.string()),
  actors: z.array(z.string()),
  hsCodes: z.array(z.string()),
  tags: z.array(z.string()),
  ownerId: z.string().nullable(),
  /** The member who owns the issue, by name. */
  owner: personSchema.nullable(),
  nextReviewAt: z.string().nullable(),
  reviewDue: z.boolean(),
  version: z.number().int(),
  evidenceCount: z.number().int(),
  lastEvidenceAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type IssueSummary = z.infer<typeof issueSummarySchema>;

export const issueEvidenceSchema = z.object({
  id: z.string(),
  quote: z.string(),
  quoteStart: z.number().int(),
  quoteEnd: z.number().int(),
  credibility: z.number().int(),
  stance: z.enum(["escalating", "de_escalating", "context"]),
  grade: z.string().describe('Admiralty grade: source reliability + information credibility, e.g. "B2"'),
  note: z.string(),
  createdAt: z.string(),
  document: z.object({
    id: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    publishedAt: z.string().nullable(),
    source: z.object({ id: z.string(), name: z.string(), reliability: z.string() }).nullable(),
  }),
});

export type IssueEvidence = z.infer<typeof issueEvidenceSchema>;

/** How much evidence an issue shows at once: its page, and the first page that GET /api/issues/{id} carries. */
export const EVIDENCE_PAGE_SIZE = 20;

/** An Admiralty grade: source reliability A–F (F when the document has no source) and credibility 1–6, e.g. `B2`. */
export const gradeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-F][1-6]$/, "Use an Admiralty grade such as B2");

export const issueEvidenceQuerySchema = z.object({
  /** Words of the quote, case-insensitive. */
  q: z.string().trim().max(200).optional(),
  stance: listParam(z.enum(stances)).optional(),
  grade: listParam(gradeSchema).optional(),
  page: pageParams.page,
  pageSize: z.coerce.number().int().min(1).max(100).default(EVIDENCE_PAGE_SIZE),
});
export type IssueEvidenceQuery = z.infer<typeof issueEvidenceQuerySchema>;

/** All of an issue's evidence counted by stance and by grade (best grade first), whatever the filters. */
export const evidenceTotalsSchema = z.object({
  total: z.number().int(),
  byStance: z.object(Object.fromEntries(stances.map((stance) => [stance, z.number().int()])) as Record<(typeof stances)[number], z.ZodNumber>),
  byGrade: z.array(z.object({ grade: z.string(), count: z.number().int() })),
});
export type EvidenceTotals = z.infer<typeof evidenceTotalsSchema>;

export const issueEvidencePageSchema = pageOf(issueEvidenceSchema).extend({ totals: evidenceTotalsSchema });
export type IssueEvidencePage = z.infer<typeof issueEvidencePageSchema>;

/** An issue with its newest evidence (one page) and the totals; the rest pages through GET /api/issues/{id}/evidence. */
export const issueDetailSchema = issueSummarySchema.extend({ evidence: z.array(issueEvidenceSchema), evidenceTotals: evidenceTotalsSchema });
export type IssueDetail = z.infer<typeof issueDetailSchema>;

/** The issue without its evidence: what the editor shows and edits (the evidence pages on its own). */
export function summaryOf(issue: IssueDetail): IssueSummary {
  const { evidence: _evidence, evidenceTotals: _totals, ...summary } = issue;
  return summary;
}

export const issuePageSchema = pageOf(issueSummarySchema);
export type IssuePage = z.infer<typeof issuePageSchema>;

export const eventSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type HistoryEvent = z.infer<typeof eventSchema>;

/** A page of an issue's timeline: without `limit`, all of it; with it, the newest `limit` events before `before`. */
export const issueHistoryQuerySchema = z.object({
  /** An event's id: only events older than it. */
  before: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type IssueHistoryQuery = z.infer<typeof issueHistoryQuerySchema>;

/** Oldest first; `more` says older events remain before the first. */
export const issueHistoryPageSchema = z.object({ items: z.array(eventSchema), more: z.boolean() });
export type IssueHistoryPage = z.infer<typeof issueHistoryPageSchema>;

/** The issue page shows the newest events, as many as the evidence it shows, and loads older ones on request. */
export const TIMELINE_PAGE_SIZE = EVIDENCE_PAGE_SIZE;
