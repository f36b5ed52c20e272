import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { admiraltyGrade } from "@/lib/domain/grading";
import { stances } from "@/lib/domain/stance";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Reliability, Stance } from "@/lib/generated/prisma/enums";
import type { EvidenceTotals, IssueEvidence, IssueEvidencePage, IssueEvidenceQuery } from "@/lib/validation/issues";

// An issue's evidence a page at a time (issue 17: the busiest issue has over a thousand items), newest
// first, with the totals by stance and grade of all of it, and the search of its quotes.

export const issueEvidenceSelect = {
  id: true,
  quote: true,
  quoteStart: true,
  quoteEnd: true,
  credibility: true,
  stance: true,
  note: true,
  createdAt: true,
  document: {
    select: {
      id: true,
      title: true,
      url: true,
      publishedAt: true,
      source: { select: { id: true, name: true, reliability: true } },
    },
  },
} satisfies Prisma.EvidenceSelect;

/** Newest first; the id breaks ties, so pages never overlap. */
export const newestFirst = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.EvidenceOrderByWithRelationInput[];

type Row = Prisma.EvidenceGetPayload<{ select: typeof issueEvidenceSelect }>;

export function toIssueEvidence(row: Row): IssueEvidence {
  return {
    ...row,
    grade: admiraltyGrade(row.document.source?.reliability, row.credibility),
    createdAt: row.createdAt.toISOString(),
    document: { ...row.document, publishedAt: row.document.publishedAt?.toISOString() ?? null },
  };
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
function gradeFilter(grade: string): Prisma.EvidenceWhereInput {
  const reliability = grade[0] as Reliability;
  const credibility = Number(grade.slice(1));
  const graded: Prisma.EvidenceWhereInput = { document: { is: { source: { is: { reliability } } } } };
  if (reliability !== "F") return { credibility, ...graded };
  return { credibility, OR: [graded, { document: { is: { sourceId: null } } }] };
}

/** A page of the issue's evidence, filtered by quote words, stance and grade; another team's issue is "not found". */
export async function listIssueEvidence(actor: Actor, issueId: string, query: IssueEvidenceQuery): Promise<IssueEvidencePage> {
  const issue = await db.issue.findFirst({ where: { id: issueId, teamId: actor.teamId, deletedAt: null }, select: { id: true } });
  if (!issue) throw notFound("Issue");
  const where: Prisma.EvidenceWhereInput = {
    issueId,
    ...(query.q ? { quote: { contains: query.q, mode: "insensitive" } } : {}),
    ...(query.stance?.length ? { stance: { in: query.stance } } : {}),
    ...(query.grade?.length ? { AND: [{ OR: query.grade.map(gradeFilter) }] } : {}),
  };
  const [rows, total, totals] = await Promise.all([
    db.evidence.findMany({ where, select: issueEvidenceSelect, orderBy: newestFirst, skip: (query.page - 1) * query.pageSize, take: query.pageSize }),
    db.evidence.count({ where }),
    evidenceTotals(issueId),
  ]);
  return { items: rows.map(toIssueEvidence), total, page: query.page, pageSize: query.pageSize, totals };
}
