import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { containsPattern } from "@/lib/db/like";
import { admiraltyGrade } from "@/lib/domain/grading";
import { stances } from "@/lib/domain/stance";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Reliability, Stance } from "@/lib/generated/prisma/enums";
import { EVIDENCE_PAGE_SIZE, type EvidenceTotals, type IssueEvidence, type IssueEvidencePage, type IssueEvidenceQuery } from "@/lib/validation/issues";

// An issue's evidence a page at a time (issue 17: the busiest issue has over a thousand items), newest
// first, with the totals by stance and grade of all of it, and the search of its quotes.

type EvidenceRow = {
  id: string;
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  credibility: number;
  stance: Stance;
  note: string;
  createdAt: Date;
  documentId: string;
  documentTitle: string;
  documentUrl: string | null;
  documentPublishedAt: Date | null;
  sourceId: string | null;
  sourceName: string | null;
  sourceReliability: Reliability | null;
};

function toIssueEvidence(row: EvidenceRow): IssueEvidence {
  const { documentId, documentTitle, documentUrl, documentPublishedAt, sourceId, sourceName, sourceReliability, ...evidence } = row;
  const source = sourceId !== null && sourceName !== null && sourceReliability !== null ? { id: sourceId, name: sourceName, reliability: sourceReliability } : null;
  return {
    ...evidence,
    grade: admiraltyGrade(source?.reliability, row.credibility),
    createdAt: row.createdAt.toISOString(),
    document: { id: documentId, title: documentTitle, url: documentUrl, publishedAt: documentPublishedAt?.toISOString() ?? null, source },
  };
}

/** Evidence with its document and source: what a page's `where` and a filtered count read. */
const evidenceTables = Prisma.sql`"evidence" e JOIN "document" d ON d."id" = e."documentId" LEFT JOIN "source" s ON s."id" = d."sourceId"`;

/**
 * A page of evidence matching `where` (over `evidenceTables`), newest first (the id breaks
 * ties, so pages never overlap), with its document and source: one statement, where Prisma's nested select made
 * three (bench/README.md, "What made the routes fast").
 */
async function evidencePage(where: Prisma.Sql, page: { offset: number; limit: number }): Promise<IssueEvidence[]> {
  const rows = await db.$queryRaw<EvidenceRow[]>`
    SELECT e."id", e."quote", e."quoteStart", e."quoteEnd", e."credibility", e."stance"::text AS "stance", e."note", e."createdAt",
           d."id" AS "documentId", d."title" AS "documentTitle", d."url" AS "documentUrl", d."publishedAt" AS "documentPublishedAt",
           s."id" AS "sourceId", s."name" AS "sourceName", s."reliability"::text AS "sourceReliability"
    FROM ${evidenceTables}
    WHERE ${where}
    ORDER BY e."createdAt" DESC, e."id" DESC
    LIMIT ${page.limit} OFFSET ${page.offset}`;
  return rows.map(toIssueEvidence);
}

/** The issue's newest evidence, the page GET /api/issues/{id} carries. */
export function newestEvidence(issueId: string): Promise<IssueEvidence[]> {
  return evidencePage(Prisma.sql`e."issueId" = ${issueId}`, { offset: 0, limit: EVIDENCE_PAGE_SIZE });
}

/**
 * Every evidence item of the issue counted by stance and grade, from the tally the database keeps
 * (evidence_tally, migration evidence_tally): a few dozen rows, however much evidence the issue has.
 */
export async function evidenceTotals(issueId: string): Promise<EvidenceTotals> {
  return totalsOf(await db.evidenceTally.findMany({ where: { issueId }, select: { stance: true, reliability: true, credibility: true, count: true } }));
}

/** Totals by stance and by grade from the tally's groups (none: a new issue's zeros). */
export function totalsOf(groups: { stance: Stance; reliability: Reliability; credibility: number; count: number }[]): EvidenceTotals {
  const byStance = Object.fromEntries(stances.map((stance) => [stance, 0])) as EvidenceTotals["byStance"];
  const byGrade = new Map<string, number>();
  for (const group of groups) {
    byStance[group.stance] += group.count;
    const grade = admiraltyGrade(group.reliability, group.credibility);
    byGrade.set(grade, (byGrade.get(grade) ?? 0) + group.count);
  }
  return {
    total: groups.reduce((total, group) => total + group.count, 0),
    byStance,
    byGrade: [...byGrade].sort(([a], [b]) => a.localeCompare(b)).map(([grade, count]) => ({ grade, count })),
  };
}

/** `B2` → reliability B and credibility 2; F (cannot be judged) is also how admiraltyGrade grades a document without a source. */
function gradeFilter(grade: string): Prisma.Sql {
  const reliability = grade[0] as Reliability;
  const credibility = Number(grade.slice(1));
  const graded = reliability === "F" ? Prisma.sql`(s."reliability" = 'F' OR s."id" IS NULL)` : Prisma.sql`s."reliability"::text = ${reliability}`;
  return Prisma.sql`(e."credibility" = ${credibility} AND ${graded})`;
}

/** A page of the issue's evidence, filtered by quote words, stance and grade; another team's issue is "not found". */
export async function listIssueEvidence(actor: Actor, issueId: string, query: IssueEvidenceQuery): Promise<IssueEvidencePage> {
  const issue = await db.issue.findFirst({ where: { id: issueId, teamId: actor.teamId, deletedAt: null }, select: { id: true } });
  if (!issue) throw notFound("Issue");
  const filters: Prisma.Sql[] = [];
  if (query.q) filters.push(Prisma.sql`e."quote" ILIKE ${containsPattern(query.q)}`);
  if (query.stance?.length) filters.push(Prisma.sql`e."stance"::text IN (${Prisma.join(query.stance)})`);
  if (query.grade?.length) filters.push(Prisma.sql`(${Prisma.join(query.grade.map(gradeFilter), " OR ")})`);
  const where = Prisma.join([Prisma.sql`e."issueId" = ${issueId}`, ...filters], " AND ");
  const [items, totals, filtered] = await Promise.all([
    evidencePage(where, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
    evidenceTotals(issueId),
    // Unfiltered, the tally's total is the count.
    filters.length
      ? db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS "count" FROM ${evidenceTables} WHERE ${where}`
      : null,
  ]);
  return { items, total: filtered ? (filtered[0]?.count ?? 0) : totals.total, page: query.page, pageSize: query.pageSize, totals };
}
