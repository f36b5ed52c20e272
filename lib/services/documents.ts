import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { db } from "@/lib/db/client";
import type { DocumentAnalysis } from "@/lib/analysis/analyze";
import { guessTitle } from "@/lib/analysis/metadata";
import { cleanDocumentText, contentHash } from "@/lib/analysis/text";
import { admiraltyGrade } from "@/lib/domain/grading";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Reliability } from "@/lib/generated/prisma/enums";
import { RANKED_MATCHES, type AnalyzeDocumentInput, type CreateDocumentInput, type DocumentDetail, type DocumentPage, type SearchDocumentsQuery } from "@/lib/validation/documents";
import { runOffThread } from "@/lib/workers/pool";
import { recordEvent } from "./events";
import { linkEvidenceIn } from "./evidence";
import { acceptInboxItemIn } from "./inbox";
import { teamIssues } from "./issues-to-match";
import { relevanceModelFor } from "./relevance-model";

/** Marks around each match in a search snippet; control characters that stored text never contains. */
export const SNIPPET_START = "\u0002";
export const SNIPPET_END = "\u0003";


/**
 * How long one analysis may take. Every step is linear, and the longest document allowed (2 million
 * characters) takes a few seconds; a document that still runs past this is stopped (issue 18).
 */
export const ANALYSIS_TIMEOUT_MS = 20_000;

/**
 * Suggestions for a document before it is saved: writes nothing. Returns the text as it will be
 * stored (offsets refer to it) and the id of the same document if the library has it already.
 */
export async function analyzeForTeam(actor: Actor, input: AnalyzeDocumentInput): Promise<DocumentAnalysis & { text: string; duplicateOf: string | null }> {
  // The team's learned model moves the relevance when it has one (lib/services/relevance-model.ts).
  const [{ shared }, learned] = await Promise.all([teamIssues(actor.teamId), relevanceModelFor(actor.teamId)]);
  // Cleaning and hashing the text are on the worker too: for 2 MB of text they take about a second.
  const { text, hash, analysis } = await runOffThread("analyzeDocument", [{ text: input.text, title: input.title, url: input.url }, shared, learned], {
    timeoutMs: ANALYSIS_TIMEOUT_MS,
    overBudget: () =>
      new AppError("validation_failed", "The document is too complex to analyse", {
        fields: { text: [`Analysing it took longer than ${ANALYSIS_TIMEOUT_MS / 1000} s: shorten it or split it into several documents`] },
      }),
  });
  const duplicate = await db.document.findUnique({ where: { teamId_contentHash: { teamId: actor.teamId, contentHash: hash } }, select: { id: true } });
  return { ...analysis, text, duplicateOf: duplicate?.id ?? null };
}

/** A link's field errors named by its place in the request (`evidence.2.quote`), so the client can tell which failed. */
function inEvidenceItem(error: unknown, index: number): unknown {
  if (!(error instanceof AppError)) return error;
  const fields = (error.details as { fields?: Record<string, string[]> } | undefined)?.fields;
  if (!fields) return error;
  const named = Object.fromEntries(Object.entries(fields).map(([key, messages]) => [`evidence.${index}.${key}`, messages]));
  return new AppError(error.code, error.message, { fields: named });
}

function duplicateError(documentId: string) {
  return new AppError("conflict", "This document is already in the library", { documentId, location: `/api/documents/${documentId}` });
}

/** Stores a document (and, optionally, its evidence links) in one transaction; the same content twice is a 409. */
export async function createDocument(actor: Actor, input: CreateDocumentInput): Promise<DocumentDetail> {
  const text = cleanDocumentText(input.text);
  const hash = contentHash(text);
  const existing = await db.document.findUnique({ where: { teamId_contentHash: { teamId: actor.teamId, contentHash: hash } }, select: { id: true } });
  if (existing) throw duplicateError(existing.id);
  let id: string;
  try {
    id = await db.$transaction(async (tx) => {
      if (input.sourceId) {
        const source = await tx.source.findFirst({ where: { id: input.sourceId, teamId: actor.teamId }, select: { id: true } });
        if (!source) throw notFound("Source");
      }
      if (input.captureId) {
        const capture = await tx.capture.findFirst({ where: { id: input.captureId, teamId: actor.teamId }, select: { id: true } });
        if (!capture) throw notFound("Capture");
      }
      const document = await tx.document.create({
        data: {
          teamId: actor.teamId,
          sourceId: input.sourceId ?? null,
          captureId: input.captureId ?? null,
          title: input.title ?? guessTitle(text),
          url: input.url ?? null,
          publishedAt: input.publishedAt ?? null,
          text,
          contentHash: hash,
          createdById: actor.userId,
        },
        select: { id: true, title: true },
      });
      await recordEvent(tx, actor, { entityType: "document", entityId: document.id, action: "created", after: { title: document.title, url: input.url ?? null, sourceId: input.sourceId ?? null } });
      for (const [index, { issueId, ...link }] of input.evidence.entries()) {
        await linkEvidenceIn(tx, actor, issueId, { ...link, documentId: document.id }).catch((error: unknown) => {
          throw inEvidenceItem(error, index);
        });
      }
      if (input.inboxItemId) await acceptInboxItemIn(tx, actor, input.inboxItemId, document.id);
      return document.id;
    });
  } catch (error) {
    // Two uploads of the same text at once: the unique index decides, the loser gets the same 409.
    if ((error as { code?: string }).code === "P2002") {
      const winner = await db.document.findUnique({ where: { teamId_contentHash: { teamId: actor.teamId, contentHash: hash } }, select: { id: true } });
      if (winner) throw duplicateError(winner.id);
    }
    throw error;
  }
  return getDocument(actor, id);
}

export async function getDocument(actor: Actor, id: string): Promise<DocumentDetail> {
  const row = await db.document.findFirst({
    where: { id, teamId: actor.teamId },
    select: {
      id: true,
      title: true,
      url: true,
      publishedAt: true,
      retrievedAt: true,
      text: true,
      attribution: true,
      captureId: true,
      source: { select: { id: true, name: true, reliability: true } },
      evidence: {
        where: { issue: { deletedAt: null } },
        orderBy: { quoteStart: "asc" },
        select: { id: true, quote: true, quoteStart: true, quoteEnd: true, credibility: true, stance: true, issue: { select: { id: true, title: true } } },
      },
    },
  });
  if (!row) throw notFound("Document");
  return {
    ...row,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    retrievedAt: row.retrievedAt.toISOString(),
    evidenceCount: row.evidence.length,
    evidence: row.evidence.map((e) => ({ ...e, grade: admiraltyGrade(row.source?.reliability, e.credibility) })),
  };
}

type SearchRow = {
  id: string;
  title: string;
  url: string | null;
  publishedAt: Date | null;
  retrievedAt: Date;
  sourceId: string | null;
  sourceName: string | null;
  reliability: Reliability | null;
  evidenceCount: number;
  rank: number | null;
  snippet: string | null;
};

/**
 * The evidence library: PostgreSQL full-text search (websearch syntax: words, "phrases", -not, or),
 * ranked, with a highlighted snippet; or the newest documents when there is no query.
 */
export async function searchDocuments(actor: Actor, query: SearchDocumentsQuery): Promise<DocumentPage> {
  const tsquery = Prisma.sql`websearch_to_tsquery('english', ${query.q ?? ""})`;
  const conditions: Prisma.Sql[] = [Prisma.sql`d."teamId" = ${actor.teamId}`];
  if (query.q) conditions.push(Prisma.sql`d."search" @@ ${tsquery}`);
  if (query.source?.length) conditions.push(Prisma.sql`d."sourceId" IN (${Prisma.join(query.source)})`);
  if (query.reliability?.length) conditions.push(Prisma.sql`s."reliability"::text IN (${Prisma.join(query.reliability)})`);
  if (query.issue) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "evidence" e WHERE e."documentId" = d."id" AND e."issueId" = ${query.issue})`);
  if (query.from) conditions.push(Prisma.sql`d."publishedAt" >= ${query.from}`);
  // A date-only `to` means "up to the end of that day".
  if (query.to) conditions.push(Prisma.sql`d."publishedAt" < ${new Date(query.to.getTime() + (query.to.getUTCHours() + query.to.getUTCMinutes() + query.to.getUTCSeconds() === 0 ? 86_400_000 : 1))}`);
  const matching = Prisma.sql`FROM "document" d LEFT JOIN "source" s ON s."id" = d."sourceId" WHERE ${Prisma.join(conditions, " AND ")}`;
  const newest = Prisma.sql`d."publishedAt" DESC NULLS LAST, d."createdAt" DESC, d."id"`;
  const offset = (query.page - 1) * query.pageSize;
  // The page's ids: with a query, the newest RANKED_MATCHES matches ranked by relevance; without,
  // the newest documents. Snippets (costly) and evidence counts are made for the page's rows only.
  // The newest matches are read as dated ones, then undated ones, each in the order of the
  // (teamId, publishedAt DESC, createdAt DESC, id) index, which a broad search can then walk
  // instead of visiting every match (a DESC index puts nulls first, where the library puts them last).
  const pageIds = query.q
    ? Prisma.sql`
        SELECT id, ts_rank_cd(search, ${tsquery}) AS rank FROM (
          SELECT d."id", d."search" FROM (
            (SELECT d."id", d."search", d."publishedAt", d."createdAt" ${matching} AND d."publishedAt" IS NOT NULL
             ORDER BY d."publishedAt" DESC, d."createdAt" DESC, d."id" LIMIT ${RANKED_MATCHES})
            UNION ALL
            (SELECT d."id", d."search", d."publishedAt", d."createdAt" ${matching} AND d."publishedAt" IS NULL
             ORDER BY d."createdAt" DESC, d."id" LIMIT ${RANKED_MATCHES})
          ) d
          ORDER BY ${newest} LIMIT ${RANKED_MATCHES}
        ) candidates
        ORDER BY rank DESC, id LIMIT ${query.pageSize} OFFSET ${offset}`
    : Prisma.sql`SELECT d."id", NULL::real AS rank ${matching} ORDER BY ${newest} LIMIT ${query.pageSize} OFFSET ${offset}`;
  const snippet = query.q
    ? Prisma.sql`ts_headline('english', d."text", ${tsquery}, ${`StartSel=${SNIPPET_START}, StopSel=${SNIPPET_END}, MaxWords=40, MinWords=15, MaxFragments=1`})`
    : Prisma.sql`NULL::text`;
  // Counting every match of a broad search costs as much as ranking them: a search counts up to one
  // past what it ranks.
  const counted = query.q
    ? Prisma.sql`SELECT count(*)::int AS total FROM (SELECT 1 ${matching} LIMIT ${RANKED_MATCHES + 1}) matches`
    : Prisma.sql`SELECT count(*)::int AS total ${matching}`;
  const [rows, [{ total }]] = await Promise.all([
    db.$queryRaw<SearchRow[]>`
      SELECT d."id", d."title", d."url", d."publishedAt", d."retrievedAt", d."sourceId",
             s."name" AS "sourceName", s."reliability"::text AS "reliability", page.rank::float8 AS rank,
             (SELECT count(*) FROM "evidence" e WHERE e."documentId" = d."id")::int AS "evidenceCount",
             ${snippet} AS snippet
      FROM (${pageIds}) page
      JOIN "document" d ON d."id" = page."id"
      LEFT JOIN "source" s ON s."id" = d."sourceId"
      ORDER BY ${query.q ? Prisma.sql`page.rank DESC, page."id"` : newest}`,
    db.$queryRaw<[{ total: number }]>(counted),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      url: r.url,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      retrievedAt: r.retrievedAt.toISOString(),
      source: r.sourceId && r.sourceName && r.reliability ? { id: r.sourceId, name: r.sourceName, reliability: r.reliability } : null,
      evidenceCount: r.evidenceCount,
      rank: r.rank,
      snippet: r.snippet,
    })),
    ...(query.q ? { total: Math.min(total, RANKED_MATCHES), capped: total > RANKED_MATCHES } : { total, capped: false }),
    page: query.page,
    pageSize: query.pageSize,
  };
}
