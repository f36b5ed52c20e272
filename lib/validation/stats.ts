import { z } from "zod";
import { likelihoodSchema, statusSchema } from "./issues";

// The dashboard's numbers (GET /api/stats): one shape shared by the route, the dashboard page, the
// tests and the OpenAPI document.

/** How many weeks the weekly series cover: the current ISO week and the 25 before it. */
export const STATS_WEEKS = 26;
/** How many events the recent-changes feed shows. */
export const RECENT_CHANGES = 20;
/** How many due issues are listed (the total is always given; the watchlist shows them all). */
export const REVIEWS_DUE_LISTED = 20;
/** How many hits waiting for review, and how many recent designations, the dashboard lists. */
export const DESIGNATIONS_LISTED = 5;
/** How many issue ids a matrix cell carries (its count is always the full number). */
export const MATRIX_IDS_PER_CELL = 100;

const count = z.number().int().min(0);

export const riskLevelSchema = z.enum(["low", "medium", "high", "critical"]);

export const weekCountSchema = z.object({
  week: z.string().describe("ISO 8601 week, e.g. 2024-W15"),
  start: z.string().describe("The week's Monday (UTC), YYYY-MM-DD"),
  count,
});
export type WeekCount = z.infer<typeof weekCountSchema>;

export const matrixCellSchema = z.object({
  likelihood: likelihoodSchema,
  impact: z.number().int().min(1).max(5),
  riskScore: z.number().int(),
  level: riskLevelSchema,
  count,
  issueIds: z
    .array(z.string())
    .describe(`The cell's issues, in no particular order: at most ${MATRIX_IDS_PER_CELL} (\`count\` is the full number; the watchlist filtered to the cell lists them all)`),
});
export type MatrixCell = z.infer<typeof matrixCellSchema>;

export const recentChangeSchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string().describe('Who made the change: a user\'s name or "token: <name>"'),
  action: z.string().describe("e.g. created, status_changed, likelihood_changed, updated, evidence_added"),
  entityType: z.string(),
  entityId: z.string(),
  issue: z.object({ id: z.string(), title: z.string() }).nullable().describe("The issue the change concerns, directly or through its evidence"),
  /** For status and likelihood moves: the value before and after. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type RecentChange = z.infer<typeof recentChangeSchema>;

export const dueIssueSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: statusSchema,
  riskScore: z.number().int(),
  nextReviewAt: z.string().nullable().describe("null: the issue has never had a review date"),
});
export type DueIssue = z.infer<typeof dueIssueSchema>;

const hitEntity = z.object({ id: z.string(), name: z.string() });

export const designationsPanelSchema = z.object({
  toReview: count.describe("Hits waiting for an analyst's decision (undecided and still found)"),
  waiting: z
    .array(z.object({ hitId: z.string(), entity: hitEntity, list: z.string(), listName: z.string(), name: z.string(), score: z.number(), level: z.enum(["match", "review"]), foundAt: z.string() }))
    .describe(`The hits waiting for review, the newest first (at most ${DESIGNATIONS_LISTED})`),
  recent: z
    .array(z.object({ hitId: z.string(), entity: hitEntity, list: z.string(), listName: z.string(), name: z.string(), programs: z.array(z.string()), confirmedAt: z.string() }))
    .describe(`Designations confirmed by the team and still on their lists, the latest confirmed first (at most ${DESIGNATIONS_LISTED})`),
});
export type DesignationsPanel = z.infer<typeof designationsPanelSchema>;

export const statsSchema = z.object({
  generatedAt: z.string(),
  totals: z.object({
    issues: count.describe("Issues on the watchlist (deleted ones excluded)"),
    open: count.describe("Issues not resolved or lifted"),
    evidence: count.describe(`Evidence added in the last ${STATS_WEEKS} weeks`),
    statusMoves: count.describe(`Status moves in the last ${STATS_WEEKS} weeks`),
  }),
  byStatus: z.array(z.object({ status: statusSchema, count })).describe("Every status, in lifecycle order"),
  byCategory: z.array(z.object({ slug: z.string(), name: z.string(), count })).describe("Every category of the team, most issues first"),
  matrix: z.array(matrixCellSchema).describe("The likelihood × impact matrix: 35 cells, likelihood ascending, then impact ascending. All non-deleted issues, so a cell's count matches the watchlist filtered to it"),
  evidencePerWeek: z.array(weekCountSchema).describe(`Evidence added per ISO week, the last ${STATS_WEEKS} weeks oldest first, zero-filled`),
  statusMovesPerWeek: z.array(weekCountSchema).describe(`Status changes per ISO week, the last ${STATS_WEEKS} weeks oldest first, zero-filled`),
  recentChanges: z.array(recentChangeSchema).describe(`The team's last ${RECENT_CHANGES} history events, newest first`),
  reviewsDue: z.object({
    total: count,
    items: z.array(dueIssueSchema).describe(`Open issues whose review date has passed or was never set, the longest overdue first (at most ${REVIEWS_DUE_LISTED})`),
  }),
  designations: designationsPanelSchema.describe("The designation watch: hits on the team's tracked entities waiting for review, and recent confirmed designations"),
});
export type Stats = z.infer<typeof statsSchema>;
