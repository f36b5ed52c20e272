import { z } from "zod";
import { reliabilities } from "@/lib/domain/grading";
import { likelihoods } from "@/lib/domain/likelihood";
import { stances } from "@/lib/domain/stance";
import { issueStatuses } from "@/lib/domain/status";

// Statuses, likelihoods, reliabilities and stances are the watchlist's own vocabularies (lib/domain).

// What a stored briefing holds (Briefing.snapshot): everything an export needs, frozen at creation, so a
// briefing exports the same way forever, whatever happens to the issues and evidence afterwards.

export const BRIEFING_MARKINGS = ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"] as const;
export type BriefingMarking = (typeof BRIEFING_MARKINGS)[number];

export const TRENDS = ["new", "escalating", "de-escalating", "steady"] as const;
export type Trend = (typeof TRENDS)[number];

export const CHANGE_KINDS = ["status", "likelihood", "evidence", "created", "deleted", "other"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

const isoDateTime = z.iso.datetime({ offset: true });
// A document's publication date is often known to the day only.
const isoDateOrDateTime = z.union([isoDateTime, z.iso.date()]);

export const briefingEvidenceSchema = z.object({
  id: z.string().min(1),
  documentTitle: z.string(),
  // Not restricted to http(s) here (stored documents may hold any URL); renderers only link http(s).
  url: z.string().min(1).nullable(),
  sourceName: z.string(),
  sourceReliability: z.enum(reliabilities),
  publishedAt: isoDateOrDateTime.nullable(),
  credibility: z.number().int().min(1).max(6),
  stance: z.enum(stances),
  quote: z.string(),
  note: z.string(),
});
export type BriefingEvidence = z.infer<typeof briefingEvidenceSchema>;

/** An actor of the issue whose designation an analyst confirmed (issue 13): on which list, under which programs, since when. */
export const briefingDesignationSchema = z.object({
  entity: z.string().min(1),
  /** The list's name, e.g. "OFAC Specially Designated Nationals (SDN)". */
  list: z.string(),
  /** The list's own id for the entry (OFAC ent_num, UN DATAID…). */
  sourceId: z.string(),
  listedName: z.string(),
  programs: z.array(z.string()),
  /** The listing date the list states, or else the publication of the first release that had the entry. */
  since: isoDateOrDateTime.nullable(),
});
export type BriefingDesignation = z.infer<typeof briefingDesignationSchema>;

export const briefingIssueSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  summary: z.string(),
  category: z.string(),
  status: z.enum(issueStatuses),
  likelihood: z.enum(likelihoods),
  impact: z.number().int().min(1).max(5),
  riskScore: z.number().finite(),
  jurisdictions: z.array(z.string()),
  actors: z.array(z.string()),
  // Snapshots taken before designations were tracked have none.
  designations: z.array(briefingDesignationSchema).default([]),
  hsCodes: z.array(z.string()),
  // The member who owned the issue when the briefing was made; snapshots taken before owners have none.
  owner: z.object({ name: z.string(), email: z.string() }).nullable().default(null),
  trend: z.enum(TRENDS),
  evidence: z.array(briefingEvidenceSchema),
});
export type BriefingIssue = z.infer<typeof briefingIssueSchema>;

export const briefingChangeSchema = z.object({
  at: isoDateTime,
  actor: z.string(),
  issueId: z.string().min(1),
  issueTitle: z.string(),
  kind: z.enum(CHANGE_KINDS),
  // Raw values (e.g. "warning_issued"); renderers turn known status/likelihood values into labels.
  from: z.string().nullable(),
  to: z.string().nullable(),
  summary: z.string(),
});
export type BriefingChange = z.infer<typeof briefingChangeSchema>;

export const previousBriefingSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: isoDateTime,
});
export type PreviousBriefing = z.infer<typeof previousBriefingSchema>;

export const briefingSnapshotSchema = z.object({
  formatVersion: z.literal(1),
  id: z.string().min(1),
  title: z.string().min(1),
  marking: z.enum(BRIEFING_MARKINGS),
  teamName: z.string(),
  createdAt: isoDateTime,
  createdBy: z.string(),
  keyJudgments: z.string(),
  filter: z.record(z.string(), z.unknown()),
  previousBriefing: previousBriefingSchema.nullable(),
  issues: z.array(briefingIssueSchema),
  changes: z.array(briefingChangeSchema),
});
export type BriefingSnapshot = z.infer<typeof briefingSnapshotSchema>;

/** Validates stored JSON (e.g. Briefing.snapshot read back from the database) as a snapshot. */
export function parseBriefingSnapshot(value: unknown): BriefingSnapshot {
  return briefingSnapshotSchema.parse(value);
}
