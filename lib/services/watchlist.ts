import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { issueStatuses, isClosed } from "@/lib/domain/status";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";
import type { IssuePage, ListIssuesQuery } from "@/lib/validation/issues";
import { summaryColumns, summaryTables, toSummary, type SummaryRow } from "./issues";

/*
 * The watchlist page in one SQL statement: the page's issues, their evidence counts and latest
 * evidence, and the total. It is the most requested query of the app; written with Prisma's query
 * builder it took three statements, and on PGlite every statement costs about 0.4 ms of fixed
 * overhead before any work (bench/README.md), so the page is hand-written here, with every value
 * passed as a parameter.
 */

const sorts: Record<ListIssuesQuery["sort"], Prisma.Sql> = {
  risk: Prisma.sql`i."riskScore" ASC, i."title" ASC`,
  "-risk": Prisma.sql`i."riskScore" DESC, i."updatedAt" DESC`,
  updated: Prisma.sql`i."updatedAt" ASC`,
  "-updated": Prisma.sql`i."updatedAt" DESC`,
  title: Prisma.sql`i."title" ASC`,
  "-title": Prisma.sql`i."title" DESC`,
  review: Prisma.sql`i."nextReviewAt" ASC NULLS FIRST`,
  "-review": Prisma.sql`i."nextReviewAt" DESC NULLS LAST`,
};

const list = (values: Prisma.Sql[]) => Prisma.join(values, ", ");
const statuses = (values: readonly IssueStatus[]) => list(values.map((s) => Prisma.sql`${s}::"IssueStatus"`));
const likelihoods = (values: readonly Likelihood[]) => list(values.map((l) => Prisma.sql`${l}::"Likelihood"`));
/**
 * Free text as a full-text query over the issue's search vector (migration issue_search): every word
 * must match the start of a word of the title, summary, actors or tags, stemmed as they are ("chips"
 * finds "chip", "Kazakh" finds "Kazakhstan"). The user's text is only ever data: its words are quoted
 * lexemes. Text with no searchable word (punctuation, stop words) matches nothing.
 */
const prefixQuery = (text: string) =>
  Prisma.sql`(SELECT to_tsquery('simple', string_agg(quote_literal(lexeme) || ':*', ' & ')) FROM unnest(to_tsvector('english', ${text})))`;
const openStatuses = issueStatuses.filter((s) => !isClosed(s));

/**
 * The filters of the watchlist as a WHERE clause over `issue i` alone, so that counting the matches
 * can be answered from an index without reading the table.
 */
function watchlistWhere(actor: Actor, query: ListIssuesQuery, now: Date): Prisma.Sql {
  const and: Prisma.Sql[] = [Prisma.sql`i."teamId" = ${actor.teamId}`, Prisma.sql`i."deletedAt" IS NULL`];
  if (query.status?.length) and.push(Prisma.sql`i."status" IN (${statuses(query.status)})`);
  if (query.category?.length) {
    const slugs = list(query.category.map((slug) => Prisma.sql`${slug}`));
    and.push(Prisma.sql`i."categoryId" IN (SELECT "id" FROM "category" WHERE "teamId" = ${actor.teamId} AND "slug" IN (${slugs}))`);
  }
  if (query.jurisdiction?.length) and.push(Prisma.sql`i."jurisdictions" && ${query.jurisdiction}::text[]`);
  if (query.likelihood?.length) and.push(Prisma.sql`i."likelihood" IN (${likelihoods(query.likelihood)})`);
  if (query.impact?.length) and.push(Prisma.sql`i."impact" IN (${list(query.impact.map((n) => Prisma.sql`${n}::int`))})`);
  // "me" for a token nobody signed in with matches nothing (`= NULL` is never true).
  if (query.owner) and.push(Prisma.sql`i."ownerId" = ${query.owner === "me" ? actor.userId : query.owner}`);
  if (query.q) and.push(Prisma.sql`i."search" @@ ${prefixQuery(query.q)}`);
  if (query.reviewDue !== undefined) {
    // The rule of lib/domain/review.ts isReviewDue, in SQL.
    const due = Prisma.sql`(i."status" IN (${statuses(openStatuses)}) AND (i."nextReviewAt" IS NULL OR i."nextReviewAt" <= ${now}))`;
    and.push(query.reviewDue ? due : Prisma.sql`NOT ${due}`);
  }
  return Prisma.join(and, " AND ");
}

type WatchlistRow = {
  total: number;
  position: bigint;
  evidenceCount: number;
  lastEvidenceAt: Date | null;
  /** The page's columns are null on the row that only carries the total (a page past the end). */
} & (SummaryRow | { [K in keyof SummaryRow]: null });

/** The team's watchlist page: filtered, sorted, with evidence counts and the date of the latest evidence. */
export async function listIssues(actor: Actor, query: ListIssuesQuery): Promise<IssuePage> {
  const now = new Date();
  const where = watchlistWhere(actor, query, now);
  const order = Prisma.sql`${sorts[query.sort]}, i."id" ASC`;
  // The total's row is joined to the page, so a page past the end still says how many there are;
  // evidence is tallied for the page's rows only, after the LIMIT.
  const rows = await db.$queryRaw<WatchlistRow[]>`
    SELECT counted.total, page.*, ev."count" AS "evidenceCount", ev."latest" AS "lastEvidenceAt"
    FROM (SELECT count(*)::int AS total FROM "issue" i WHERE ${where}) counted
    LEFT JOIN LATERAL (
      SELECT ${summaryColumns}, row_number() OVER (ORDER BY ${order}) AS position
      FROM ${summaryTables}
      WHERE ${where}
      ORDER BY ${order}
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}
    ) page ON true
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS "count", max(e."createdAt") AS "latest" FROM "evidence" e WHERE e."issueId" = page."id"
    ) ev ON true
    ORDER BY page.position`;
  const items = rows.flatMap(({ total: _total, position: _position, evidenceCount, lastEvidenceAt, ...row }) =>
    row.id === null ? [] : [toSummary(row, { count: evidenceCount, latest: lastEvidenceAt }, now)],
  );
  return { items, total: rows[0]?.total ?? 0, page: query.page, pageSize: query.pageSize };
}
