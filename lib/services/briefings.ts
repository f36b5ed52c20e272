import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import {
  BRIEFING_FORMAT_NAMES,
  briefingFileName,
  briefingFormatInfo,
  type BriefingFormatName,
} from "@/lib/briefings/export/formats";
import type { RenderedBriefing } from "@/lib/briefings/export/index";
import { runOffThread, warmWorkers } from "@/lib/workers/pool";
import {
  briefingSnapshotSchema,
  parseBriefingSnapshot,
  type BriefingChange,
  type BriefingSnapshot,
  type Trend,
} from "@/lib/briefings/snapshot";
import { db, type Tx } from "@/lib/db/client";
import { designationsByIssue, type IssueDesignation } from "@/lib/services/entities/hits";
import { uuidv7 } from "@/lib/db/uuid";
import { admiraltyGrade } from "@/lib/domain/grading";
import { likelihoodLabels } from "@/lib/domain/likelihood";
import { stanceLabels } from "@/lib/domain/stance";
import { issueStatuses, statusDirection, statusLabels } from "@/lib/domain/status";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { IssueStatus, Reliability, Stance } from "@/lib/generated/prisma/enums";
import {
  MAX_BRIEFING_ISSUES,
  type BriefingDetail,
  type BriefingExportLink,
  type BriefingFilter,
  type BriefingPage,
  type BriefingSummary,
  type CreateBriefingInput,
  type ListBriefingsQuery,
} from "@/lib/validation/briefings";
import { recordEvent } from "./events";
import { listIssues } from "./watchlist";

// Briefings: immutable snapshots of the watchlist (issue 5). A briefing is written once, with its
// `briefing created` event, and never changed; every export renders from the stored snapshot, so the same
// briefing downloads as the same bytes forever.
//
// "Changes since the previous briefing" are read from the event table: the events after the team's previous
// briefing about the issues in this briefing or in the previous one (so an issue that was resolved or
// deleted since is still accounted for). The team's first briefing is the baseline: it lists no changes
// (a team's whole history is not "what changed"), and every issue in it is "new".

// ---------------------------------------------------------------- reads

function exportLinks(id: string, snapshot: Pick<BriefingSnapshot, "title" | "createdAt">): BriefingExportLink[] {
  return BRIEFING_FORMAT_NAMES.map((format) => ({
    format,
    label: briefingFormatInfo[format].label,
    mediaType: briefingFormatInfo[format].mediaType,
    fileName: briefingFileName(snapshot, format),
    href: `/api/briefings/${encodeURIComponent(id)}/export?format=${format}`,
  }));
}

function toDetail(snapshot: BriefingSnapshot): BriefingDetail {
  return {
    id: snapshot.id,
    title: snapshot.title,
    marking: snapshot.marking,
    createdAt: snapshot.createdAt,
    createdBy: snapshot.createdBy,
    issueCount: snapshot.issues.length,
    changeCount: snapshot.changes.length,
    previousBriefingId: snapshot.previousBriefing?.id ?? null,
    exports: exportLinks(snapshot.id, snapshot),
    snapshot,
  };
}

type SummaryRow = Omit<BriefingSummary, "createdAt" | "exports" | "marking"> & { createdAt: Date; marking: string };

/** The team's briefings, newest first. Counts come from the stored snapshots without reading them whole. */
export async function listBriefings(actor: Actor, query: ListBriefingsQuery): Promise<BriefingPage> {
  const [rows, total] = await Promise.all([
    db.$queryRaw<SummaryRow[]>`
      SELECT id, title, marking, "createdAt",
             snapshot->>'createdBy' AS "createdBy",
             jsonb_array_length(snapshot->'issues')::int AS "issueCount",
             jsonb_array_length(snapshot->'changes')::int AS "changeCount",
             snapshot->'previousBriefing'->>'id' AS "previousBriefingId"
      FROM briefing
      WHERE "teamId" = ${actor.teamId}
      ORDER BY "createdAt" DESC, id DESC
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    db.briefing.count({ where: { teamId: actor.teamId } }),
  ]);
  return {
    items: rows.map((row) => {
      const createdAt = row.createdAt.toISOString();
      return {
        ...row,
        marking: row.marking as BriefingSummary["marking"],
        createdAt,
        exports: exportLinks(row.id, { title: row.title, createdAt }),
      };
    }),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One briefing with its snapshot; another team's id is "not found", like an absent one. */
export async function getBriefing(actor: Actor, id: string): Promise<BriefingDetail> {
  const row = await db.briefing.findFirst({ where: { id, teamId: actor.teamId }, select: { snapshot: true } });
  if (!row) throw notFound("Briefing");
  warmWorkers(); // a download is likely next
  return toDetail(parseBriefingSnapshot(row.snapshot));
}

/** A render still running after this is stuck: its worker is replaced. */
const EXPORT_TIMEOUT_MS = 60_000;

/**
 * The briefing as a file. Rendered on a worker thread (lib/workers/pool.ts): DOCX and PDF are seconds
 * of CPU for a large briefing, and the server keeps answering other requests meanwhile.
 */
export async function exportBriefing(actor: Actor, id: string, format: BriefingFormatName): Promise<RenderedBriefing> {
  // As JSON text: parsing a large snapshot (and validating it) happens in the worker too.
  const [row] = await db.$queryRaw<{ snapshot: string }[]>`
    SELECT snapshot::text AS snapshot FROM briefing WHERE id = ${id} AND "teamId" = ${actor.teamId}`;
  if (!row) throw notFound("Briefing");
  return runOffThread("renderBriefing", [row.snapshot, format], { timeoutMs: EXPORT_TIMEOUT_MS });
}

// ---------------------------------------------------------------- create

/** An issue as a snapshot shows it, with its evidence from the team's own documents only (defence in depth). */
const snapshotIssueSelect = (teamId: string) =>
  ({
    id: true,
    title: true,
    summary: true,
    category: { select: { name: true } },
    status: true,
    likelihood: true,
    impact: true,
    riskScore: true,
    jurisdictions: true,
    actors: true,
    hsCodes: true,
    owner: { select: { name: true, email: true } },
    // Key evidence first: the most credible information, then the most recent.
    evidence: {
      where: { teamId, document: { teamId } },
      orderBy: [{ credibility: "asc" }, { createdAt: "desc" }, { id: "asc" }],
      select: {
        id: true,
        quote: true,
        credibility: true,
        stance: true,
        note: true,
        document: { select: { title: true, url: true, publishedAt: true, source: { select: { name: true, reliability: true } } } },
      },
    },
  }) satisfies Prisma.IssueSelect;

type SnapshotIssueRow = Prisma.IssueGetPayload<{ select: ReturnType<typeof snapshotIssueSelect> }>;
type PreviousIssue = { id: string; status: string; riskScore: number };

const tooMany = (count: number) =>
  new AppError("validation_failed", "The request is not valid", {
    fields: { filter: [`${count} issues match this filter; a briefing holds at most ${MAX_BRIEFING_ISSUES}. Narrow the filter.`] },
  });

/** The ids the watchlist shows for these filters, in its order: the same query as GET /api/issues. */
async function issueIdsMatching(actor: Actor, filter: BriefingFilter): Promise<string[]> {
  const ids: string[] = [];
  const pageSize = 100;
  for (let page = 1; ; page++) {
    const result = await listIssues(actor, { ...filter, page, pageSize });
    if (result.total > MAX_BRIEFING_ISSUES) throw tooMany(result.total);
    ids.push(...result.items.map((issue) => issue.id));
    if (result.items.length < pageSize || ids.length >= result.total) return ids;
  }
}

/** Since the previous briefing: a status move decides the direction, else the risk score does. */
function trendOf(issue: SnapshotIssueRow, before: PreviousIssue | undefined): Trend {
  if (!before) return "new";
  if ((issueStatuses as readonly string[]).includes(before.status)) {
    const direction = statusDirection(before.status as IssueStatus, issue.status);
    if (direction !== "none") return direction;
  }
  if (issue.riskScore > before.riskScore) return "escalating";
  if (issue.riskScore < before.riskScore) return "de-escalating";
  return "steady";
}

function toSnapshotIssue(issue: SnapshotIssueRow, trend: Trend, designations: IssueDesignation[]): BriefingSnapshot["issues"][number] {
  return {
    id: issue.id,
    title: issue.title,
    summary: issue.summary,
    category: issue.category.name,
    status: issue.status,
    likelihood: issue.likelihood,
    impact: issue.impact,
    riskScore: issue.riskScore,
    jurisdictions: issue.jurisdictions,
    actors: issue.actors,
    designations: designations.map(({ entityName, listName, sourceId, name, programs, since }) => ({ entity: entityName, list: listName, sourceId, listedName: name, programs, since })),
    hsCodes: issue.hsCodes,
    owner: issue.owner,
    trend,
    evidence: issue.evidence.map((evidence) => ({
      id: evidence.id,
      documentTitle: evidence.document.title,
      url: evidence.document.url || null,
      sourceName: evidence.document.source?.name ?? "Unknown source",
      sourceReliability: evidence.document.source?.reliability ?? "F",
      publishedAt: evidence.document.publishedAt?.toISOString() ?? null,
      credibility: evidence.credibility,
      stance: evidence.stance,
      quote: evidence.quote,
      note: evidence.note,
    })),
  };
}

/** The fields of the previous briefing's issues that the trend compares, read inside the stored JSON. */
async function previousIssues(tx: Tx, briefingId: string): Promise<PreviousIssue[]> {
  return tx.$queryRaw<PreviousIssue[]>`
    SELECT i->>'id' AS id, i->>'status' AS status, (i->>'riskScore')::float8 AS "riskScore"
    FROM briefing b CROSS JOIN LATERAL jsonb_array_elements(b.snapshot->'issues') AS i
    WHERE b.id = ${briefingId}`;
}

// ---------------------------------------------------------------- changes since the previous briefing

type EventRow = { at: Date; actorLabel: string; entityType: string; entityId: string; action: string; before: unknown; after: unknown };

const field = (json: unknown, key: string): unknown =>
  json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>)[key] : undefined;
const text = (value: unknown): string | null => (typeof value === "string" ? value : null);
const has = (json: unknown, key: string) => field(json, key) !== undefined;

/** The issue an event is about: the issue itself, or the one its evidence is linked to. */
function issueIdOf(event: EventRow): string | null {
  if (event.entityType === "issue") return event.entityId;
  return text(field(event.after, "issueId")) ?? text(field(event.before, "issueId"));
}

// The evidence service's actions (lib/services/evidence.ts); regrading and re-quoting are not listed.
const EVIDENCE_ADDED = new Set(["evidence_added"]);
const EVIDENCE_REMOVED = new Set(["evidence_removed"]);

function labelled<T extends string>(labels: Record<T, string>, value: unknown): string | null {
  return typeof value === "string" && Object.hasOwn(labels, value) ? labels[value as T] : null;
}

type Documents = Map<string, { title: string; reliability: Reliability | null }>;

function describeEvent(event: EventRow, issueTitle: string, documents: Documents): BriefingChange[] {
  const base = { at: event.at.toISOString(), actor: event.actorLabel, issueId: issueIdOf(event)!, issueTitle };
  const { before, after } = event;
  if (event.entityType === "evidence") {
    const added = EVIDENCE_ADDED.has(event.action);
    if (!added && !EVIDENCE_REMOVED.has(event.action)) return [];
    const documentId = text(field(after, "documentId")) ?? text(field(before, "documentId"));
    const document = documentId ? documents.get(documentId) : undefined;
    const title = document?.title ?? "A document no longer in the library";
    if (!added) return [{ ...base, kind: "evidence", from: title, to: null, summary: "No longer cited as evidence." }];
    const credibility = field(after, "credibility");
    const stance = labelled<Stance>(stanceLabels, field(after, "stance"));
    const grade = typeof credibility === "number" ? `Graded ${admiraltyGrade(document?.reliability, credibility)}` : "Added";
    return [{ ...base, kind: "evidence", from: null, to: title, summary: `${grade}${stance ? `, ${stance.toLowerCase()}` : ""}.` }];
  }

  switch (event.action) {
    case "created": {
      const status = labelled(statusLabels, field(after, "status"));
      const likelihood = labelled(likelihoodLabels, field(after, "likelihood"));
      const state = [status, likelihood?.toLowerCase()].filter(Boolean).join(", ");
      return [{ ...base, kind: "created", from: null, to: null, summary: state ? `Added to the watchlist: ${state}.` : "Added to the watchlist." }];
    }
    case "deleted":
      return [{ ...base, kind: "deleted", from: null, to: null, summary: "Taken off the watchlist." }];
    case "restored":
      return [{ ...base, kind: "other", from: null, to: null, summary: "Put back on the watchlist." }];
  }
  // An edit (status_changed, likelihood_changed, updated): one line per judgment it moved, with its rationale.
  const rationale = text(field(after, "rationale")) ?? "";
  const changes: BriefingChange[] = [];
  if (has(after, "status")) {
    changes.push({ ...base, kind: "status", from: text(field(before, "status")), to: text(field(after, "status")), summary: rationale });
  }
  if (has(after, "likelihood")) {
    changes.push({ ...base, kind: "likelihood", from: text(field(before, "likelihood")), to: text(field(after, "likelihood")), summary: rationale });
  }
  if (has(after, "impact")) {
    const impact = `Impact ${String(field(before, "impact"))} → ${String(field(after, "impact"))} of 5.`;
    changes.push({ ...base, kind: "other", from: null, to: null, summary: rationale ? `${impact} ${rationale}` : impact });
  }
  return changes;
}

/** What happened to these issues after `since` (exclusive) up to `until`, oldest first. */
async function changesBetween(tx: Tx, actor: Actor, since: Date, until: Date, issueIds: Set<string>): Promise<BriefingChange[]> {
  const events = await tx.event.findMany({
    where: { teamId: actor.teamId, entityType: { in: ["issue", "evidence"] }, at: { gt: since, lte: until } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { at: true, actorLabel: true, entityType: true, entityId: true, action: true, before: true, after: true },
  });
  const relevant = events.filter((event) => {
    const issueId = issueIdOf(event);
    return issueId !== null && issueIds.has(issueId);
  });
  if (relevant.length === 0) return [];
  const documentIds = relevant.flatMap((e) => [text(field(e.after, "documentId")), text(field(e.before, "documentId"))]).filter((id) => id !== null);
  const [issues, documents] = await Promise.all([
    // Deleted issues too: their removal is one of the changes.
    tx.issue.findMany({ where: { teamId: actor.teamId, id: { in: [...new Set(relevant.map((e) => issueIdOf(e)!))] } }, select: { id: true, title: true } }),
    tx.document.findMany({
      where: { teamId: actor.teamId, id: { in: [...new Set(documentIds)] } },
      select: { id: true, title: true, source: { select: { reliability: true } } },
    }),
  ]);
  const titles = new Map(issues.map((issue) => [issue.id, issue.title]));
  const documentMap: Documents = new Map(documents.map((d) => [d.id, { title: d.title, reliability: d.source?.reliability ?? null }]));
  return relevant.flatMap((event) => describeEvent(event, titles.get(issueIdOf(event)!) ?? "Unknown issue", documentMap));
}

/**
 * Stores an immutable snapshot of the chosen issues as they are now, with their evidence and sources, the
 * trend and the changes since the team's previous briefing, in one transaction with its history event.
 */
/** What a caller adds to a briefing's transaction: a scheduled run's bookkeeping, and fields of its event. */
export type BriefingHook = {
  /** Runs first inside the briefing's transaction; throwing (e.g. a unique key already taken) writes nothing. */
  within?: (tx: Tx, briefingId: string) => Promise<void>;
  /** More fields for the `briefing created` event (a schedule's id: lib/notifications/recipients.ts). */
  event?: Record<string, unknown>;
};

export async function createBriefing(actor: Actor, input: CreateBriefingInput, hook: BriefingHook = {}): Promise<BriefingDetail> {
  const filterIds = input.filter ? await issueIdsMatching(actor, input.filter) : null;
  const wanted = filterIds ?? input.issueIds ?? [];
  // Read before the transaction: on PGlite a query outside an open transaction would wait for it to end.
  const designations = await designationsByIssue(actor.teamId, wanted);
  const snapshot = await db.$transaction(async (tx) => {
    const now = new Date();
    const id = uuidv7(now);
    await hook.within?.(tx, id);
    const rows = await tx.issue.findMany({
      where: { teamId: actor.teamId, deletedAt: null, id: { in: wanted } },
      select: snapshotIssueSelect(actor.teamId),
    });
    const byId = new Map(rows.map((row) => [row.id, row]));
    if (input.issueIds) {
      const unknown = Object.fromEntries(
        input.issueIds.flatMap((issueId, index) => (byId.has(issueId) ? [] : [[`issueIds.${index}`, ["No such issue on your team's watchlist"]]])),
      );
      if (Object.keys(unknown).length > 0) throw new AppError("validation_failed", "The request is not valid", { fields: unknown });
    }

    const previous = await tx.briefing.findFirst({
      where: { teamId: actor.teamId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true, title: true, createdAt: true },
    });
    const before = new Map((previous ? await previousIssues(tx, previous.id) : []).map((issue) => [issue.id, issue]));
    // An issue deleted between the two lookups simply drops out (filter order is kept for the rest).
    const issues = wanted.flatMap((issueId) => {
      const row = byId.get(issueId);
      return row ? [toSnapshotIssue(row, trendOf(row, before.get(issueId)), designations.get(issueId) ?? [])] : [];
    });
    const changes = previous
      ? await changesBetween(tx, actor, previous.createdAt, now, new Set([...issues.map((i) => i.id), ...before.keys()]))
      : [];
    const filter: Record<string, unknown> = input.filter ? { ...input.filter } : { issueIds: input.issueIds };

    const snapshot = briefingSnapshotSchema.parse({
      formatVersion: 1,
      id,
      title: input.title,
      marking: input.marking,
      teamName: actor.teamName,
      createdAt: now.toISOString(),
      createdBy: actor.label,
      keyJudgments: input.keyJudgments,
      filter,
      previousBriefing: previous ? { id: previous.id, title: previous.title, createdAt: previous.createdAt.toISOString() } : null,
      issues,
      changes,
    } satisfies BriefingSnapshot);

    await tx.briefing.create({
      data: {
        id,
        teamId: actor.teamId,
        title: snapshot.title,
        marking: snapshot.marking,
        keyJudgments: snapshot.keyJudgments,
        filter: filter as Prisma.InputJsonObject,
        snapshot: snapshot as unknown as Prisma.InputJsonObject,
        createdById: actor.userId,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordEvent(tx, actor, {
      entityType: "briefing",
      entityId: id,
      action: "created",
      after: { title: snapshot.title, marking: snapshot.marking, filter, issueCount: issues.length, changeCount: changes.length, previousBriefingId: previous?.id ?? null, ...hook.event },
    });
    return snapshot;
  });
  warmWorkers(); // a download is likely next
  return toDetail(snapshot);
}
