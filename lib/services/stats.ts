import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { likelihoods } from "@/lib/domain/likelihood";
import { IMPACT_MAX, IMPACT_MIN, riskLevel, riskScore } from "@/lib/domain/risk";
import { isClosed, issueStatuses } from "@/lib/domain/status";
import { Prisma } from "@/lib/generated/prisma/client";
import { designationsPanel } from "@/lib/services/entities/dashboard";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";
import {
  MATRIX_IDS_PER_CELL,
  RECENT_CHANGES,
  REVIEWS_DUE_LISTED,
  STATS_WEEKS,
  type MatrixCell,
  type RecentChange,
  type Stats,
  type WeekCount,
} from "@/lib/validation/stats";

// The dashboard's numbers. Everything is counted in the database (GROUP BY, LIMIT): a team with
// 10,000 issues and 100,000 pieces of evidence must not be loaded into the app to be counted.
// Deleted issues, their evidence and their history are left out everywhere.

const DAY_MS = 24 * 60 * 60 * 1000;

/** Monday 00:00 UTC of the ISO week that contains `date`. */
export function weekStart(date: Date): Date {
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - sinceMonday));
}

/** The ISO 8601 week of a Monday, e.g. "2024-W15" (the week belongs to the year of its Thursday). */
export function isoWeek(monday: Date): string {
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

const ymd = (date: Date) => date.toISOString().slice(0, 10);

/** The last `weeks` ISO weeks up to the one containing `now`, oldest first, each with a zero count. */
export function recentWeeks(now: Date, weeks = STATS_WEEKS): WeekCount[] {
  const current = weekStart(now).getTime();
  return Array.from({ length: weeks }, (_, i) => {
    const monday = new Date(current - (weeks - 1 - i) * 7 * DAY_MS);
    return { week: isoWeek(monday), start: ymd(monday), count: 0 };
  });
}

function fillWeeks(weeks: WeekCount[], rows: { start: string; count: number }[]): WeekCount[] {
  const counts = new Map(rows.map((r) => [r.start, r.count]));
  return weeks.map((w) => ({ ...w, count: counts.get(w.start) ?? 0 }));
}

/** The team's risk picture: counts by status and category, the risk matrix, weekly activity, recent changes, reviews due. */
export async function getStats(actor: Actor, now = new Date()): Promise<Stats> {
  const teamId = actor.teamId;
  const weeks = recentWeeks(now);
  // Stored times are UTC wall-clock values (timestamp without time zone): compare with a plain date.
  const from = weeks[0]!.start;

  // An open issue is due when its review date has come or was never set (lib/domain/review.ts).
  const closed = issueStatuses.filter(isClosed);
  // Two reads, each in the order of the (teamId, nextReviewAt) index: never reviewed (riskiest
  // first), then the oldest review dates. Closed issues have no review date and are left out.
  const open = { teamId, deletedAt: null, status: { notIn: closed } } satisfies Prisma.IssueWhereInput;
  const dueSelect = { id: true, title: true, status: true, riskScore: true, nextReviewAt: true } satisfies Prisma.IssueSelect;
  const dueReads = Promise.all([
    db.issue.findMany({ where: { ...open, nextReviewAt: null }, select: dueSelect, orderBy: [{ riskScore: "desc" }, { id: "asc" }], take: REVIEWS_DUE_LISTED }),
    db.issue.findMany({ where: { ...open, nextReviewAt: { lte: now } }, select: dueSelect, orderBy: [{ nextReviewAt: "asc" }, { riskScore: "desc" }, { id: "asc" }], take: REVIEWS_DUE_LISTED }),
  ]).then(([never, past]) => [...never, ...past].slice(0, REVIEWS_DUE_LISTED));

  const [issueGroups, categories, evidenceRows, moveRows, changeRows, dueRows, designations] = await Promise.all([
    // One pass over the team's issues for three groupings (GROUPING SETS): by status and category,
    // by matrix cell (with the cell's ids), and due or not. A column a row is not grouped by is null.
    // The ids are kept in no particular order: sorting 10,000 of them would cost more than the rest.
    db.$queryRaw<IssueGroup[]>`
      SELECT status, "categoryId", likelihood, impact, due, count(*)::int AS count,
             CASE WHEN GROUPING(likelihood, impact) = 0 THEN (array_agg(id))[1:${MATRIX_IDS_PER_CELL}::int] END AS ids
      FROM (
        SELECT id, status::text AS status, "categoryId", likelihood::text AS likelihood, impact,
               status::text NOT IN (${Prisma.join(closed)}) AND ("nextReviewAt" IS NULL OR "nextReviewAt" <= ${now.toISOString()}::timestamp) AS due
        FROM issue
        WHERE "teamId" = ${teamId} AND "deletedAt" IS NULL
      ) issues
      GROUP BY GROUPING SETS ((status, "categoryId"), (likelihood, impact), (due))`,
    db.category.findMany({ where: { teamId }, select: { id: true, slug: true, name: true } }),
    // Evidence per week from the tally the evidence triggers keep (evidence_week: a row per team and
    // week), minus that of deleted issues (few, reached through the (issueId, createdAt) index).
    db.$queryRaw<{ start: string; count: number }[]>`
      SELECT to_char(week, 'YYYY-MM-DD') AS start, sum(n)::int AS count FROM (
        SELECT week, count AS n FROM evidence_week WHERE "teamId" = ${teamId} AND week >= ${from}::timestamp
        UNION ALL
        SELECT date_trunc('week', e."createdAt"), -count(*)
        FROM issue i JOIN evidence e ON e."issueId" = i.id
        WHERE i."teamId" = ${teamId} AND i."deletedAt" IS NOT NULL AND e."createdAt" >= ${from}::timestamp
        GROUP BY 1
      ) parts
      GROUP BY week`,
    // Status moves: deleted issues are few, so their ids are left out with a hashed NOT IN.
    db.$queryRaw<{ start: string; count: number }[]>`
      SELECT to_char(week, 'YYYY-MM-DD') AS start, count::int AS count FROM (
        SELECT date_trunc('week', at) AS week, count(*) AS count
        FROM event
        WHERE "teamId" = ${teamId} AND at >= ${from}::timestamp AND "entityType" = 'issue' AND action = 'status_changed'
          AND "entityId" NOT IN (SELECT id FROM issue WHERE "teamId" = ${teamId} AND "deletedAt" IS NOT NULL)
        GROUP BY 1
      ) weeks`,
    recentChanges(teamId),
    dueReads,
    designationsPanel(teamId),
  ]);

  // Sort the grouping sets apart: each row has the columns of its own grouping and nulls elsewhere.
  const byStatusMap = new Map<IssueStatus, number>();
  const byCategoryMap = new Map<string, number>();
  const cells = new Map<string, IssueGroup>();
  let dueTotal = 0;
  for (const group of issueGroups) {
    if (group.status !== null && group.categoryId !== null) {
      byStatusMap.set(group.status, (byStatusMap.get(group.status) ?? 0) + group.count);
      byCategoryMap.set(group.categoryId, (byCategoryMap.get(group.categoryId) ?? 0) + group.count);
    } else if (group.likelihood !== null) {
      cells.set(`${group.likelihood}:${group.impact}`, group);
    } else if (group.due) {
      dueTotal = group.count;
    }
  }
  const byStatus = issueStatuses.map((status) => ({ status, count: byStatusMap.get(status) ?? 0 }));
  const byCategory = categories
    .map((c) => ({ slug: c.slug, name: c.name, count: byCategoryMap.get(c.id) ?? 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));

  const matrix: MatrixCell[] = likelihoods.flatMap((likelihood) =>
    Array.from({ length: IMPACT_MAX - IMPACT_MIN + 1 }, (_, i) => {
      const impact = IMPACT_MIN + i;
      const cell = cells.get(`${likelihood}:${impact}`);
      const score = riskScore(likelihood, impact);
      return { likelihood, impact, riskScore: score, level: riskLevel(score), count: cell?.count ?? 0, issueIds: cell?.ids ?? [] };
    }),
  );

  const evidencePerWeek = fillWeeks(weeks, evidenceRows);
  const statusMovesPerWeek = fillWeeks(weeks, moveRows);
  const sum = (series: WeekCount[]) => series.reduce((total, w) => total + w.count, 0);

  return {
    generatedAt: now.toISOString(),
    totals: {
      issues: byStatus.reduce((total, s) => total + s.count, 0),
      open: byStatus.filter((s) => !isClosed(s.status)).reduce((total, s) => total + s.count, 0),
      evidence: sum(evidencePerWeek),
      statusMoves: sum(statusMovesPerWeek),
    },
    byStatus,
    byCategory,
    matrix,
    evidencePerWeek,
    statusMovesPerWeek,
    recentChanges: changeRows,
    reviewsDue: {
      total: dueTotal,
      items: dueRows.map((issue) => ({ ...issue, nextReviewAt: issue.nextReviewAt?.toISOString() ?? null })),
    },
    designations,
  };
}

/** A row of the issue aggregate: the columns of its grouping set, null elsewhere. */
type IssueGroup = {
  status: IssueStatus | null;
  categoryId: string | null;
  likelihood: Likelihood | null;
  impact: number | null;
  due: boolean | null;
  count: number;
  ids: string[] | null;
};

type ChangeRow = {
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  issueId: string | null;
  issueTitle: string | null;
  from: string | null;
  to: string | null;
};

/**
 * What the feed shows: changes to the team's watchlist and its sources. Membership, tokens, denied
 * requests and failed sign-ins are also in the history, but they belong to the admins' audit page,
 * not to a feed every viewer reads.
 */
const FEED_ENTITIES = ["issue", "evidence", "document", "source", "briefing", "category"];

/**
 * The team's latest changes, newest first. An evidence event names its issue in before/after; events
 * about a deleted issue (or its evidence) are left out, like the issue itself.
 */
async function recentChanges(teamId: string): Promise<RecentChange[]> {
  const rows = await db.$queryRaw<ChangeRow[]>`
    SELECT ev.id, to_char(ev.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, ev."actorLabel" AS actor, ev.action,
           ev."entityType", ev."entityId", i.id AS "issueId", i.title AS "issueTitle",
           CASE ev.action WHEN 'status_changed' THEN ev.before->>'status' WHEN 'likelihood_changed' THEN ev.before->>'likelihood' END AS "from",
           CASE ev.action WHEN 'status_changed' THEN ev.after->>'status' WHEN 'likelihood_changed' THEN ev.after->>'likelihood' END AS "to"
    FROM event ev
    LEFT JOIN issue i ON i."teamId" = ev."teamId" AND i.id = CASE ev."entityType"
      WHEN 'issue' THEN ev."entityId"
      WHEN 'evidence' THEN COALESCE(ev.after->>'issueId', ev.before->>'issueId')
    END
    WHERE ev."teamId" = ${teamId} AND ev."entityType" IN (${Prisma.join(FEED_ENTITIES)}) AND i."deletedAt" IS NULL
    ORDER BY ev.at DESC, ev.id DESC
    LIMIT ${RECENT_CHANGES}`;
  return rows.map(({ issueId, issueTitle, ...change }) => ({
    ...change,
    issue: issueId && issueTitle !== null ? { id: issueId, title: issueTitle } : null,
  }));
}
