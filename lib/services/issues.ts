import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { isReviewDue, nextReviewDate } from "@/lib/domain/review";
import { riskScore } from "@/lib/domain/risk";

import { Prisma } from "@/lib/generated/prisma/client";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";
import {
  type CreateIssueInput,
  type IssueDetail,
  type IssueSummary,
  type UpdateIssueInput,
} from "@/lib/validation/issues";
import { changedFields, recordEvent } from "./events";
import { followByDefault } from "./follows";
import { evidenceTotals, newestEvidence, totalsOf } from "./issue-evidence";

/**
 * An issue's summary as the API shows it, read by hand in one statement (Prisma's nested select took three: the
 * issue, its category, its owner): these columns, from `summaryTables`. The watchlist reads the same.
 */
export const summaryColumns = Prisma.sql`
  i."id", i."title", i."summary", c."slug" AS "categorySlug", c."name" AS "categoryName",
  i."status"::text AS "status", i."likelihood"::text AS "likelihood", i."impact", i."riskScore",
  i."jurisdictions", i."actors", i."hsCodes", i."tags", i."ownerId", u."name" AS "ownerName", u."email" AS "ownerEmail",
  i."nextReviewAt", i."version", i."createdAt", i."updatedAt", i."deletedAt"`;
export const summaryTables = Prisma.sql`"issue" i JOIN "category" c ON c."id" = i."categoryId" LEFT JOIN "user" u ON u."id" = i."ownerId"`;

/** A row of `summaryColumns`. */
export type SummaryRow = {
  id: string;
  title: string;
  summary: string;
  categorySlug: string;
  categoryName: string;
  status: IssueStatus;
  likelihood: Likelihood;
  impact: number;
  riskScore: number;
  jurisdictions: string[];
  actors: string[];
  hsCodes: string[];
  tags: string[];
  ownerId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  nextReviewAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
};

const iso = (date: Date | null) => (date ? date.toISOString() : null);

type EvidenceTally = { count: number; latest: Date | null };

/** An issue as the API shows it (shared with the watchlist page, lib/services/watchlist.ts). */
export function toSummary(row: SummaryRow, evidence: EvidenceTally, now: Date): IssueSummary {
  const { categorySlug, categoryName, ownerName, ownerEmail, ...issue } = row;
  const owner = issue.ownerId && ownerName !== null && ownerEmail !== null ? { id: issue.ownerId, name: ownerName, email: ownerEmail } : null;
  return {
    ...issue,
    category: { slug: categorySlug, name: categoryName },
    owner,
    nextReviewAt: iso(issue.nextReviewAt),
    reviewDue: isReviewDue(issue, now),
    evidenceCount: evidence.count,
    lastEvidenceAt: iso(evidence.latest),
    createdAt: issue.createdAt.toISOString(),
    updatedAt: issue.updatedAt.toISOString(),
    deletedAt: iso(issue.deletedAt),
  };
}

/**
 * One issue with its newest evidence (a page of EVIDENCE_PAGE_SIZE) and the totals of all of it; the rest
 * pages through listIssueEvidence. Another team's id is "not found", like an absent one.
 */
export async function getIssue(actor: Actor, id: string, options: { includeDeleted?: boolean } = {}): Promise<IssueDetail> {
  const summary = await readSummary(actor, id, options);
  // The newest page on its own: as a nested select, Prisma read all of a busy issue's evidence (no LIMIT)
  // and kept the first page in memory.
  const [evidence, totals] = await Promise.all([newestEvidence(id), evidenceTotals(id)]);
  return {
    ...toSummary(summary, { count: totals.total, latest: evidence[0] ? new Date(evidence[0].createdAt) : null }, new Date()),
    evidence,
    evidenceTotals: totals,
  };
}

async function readSummary(actor: Actor, id: string, options: { includeDeleted?: boolean } = {}) {
  const [summary] = await db.$queryRaw<SummaryRow[]>`
    SELECT ${summaryColumns} FROM ${summaryTables}
    WHERE i."id" = ${id} AND i."teamId" = ${actor.teamId} ${options.includeDeleted ? Prisma.empty : Prisma.sql`AND i."deletedAt" IS NULL`}`;
  if (!summary) throw notFound("Issue");
  return summary;
}

/** A new issue's detail: it has no evidence yet, so none is read (four statements on every create). */
async function newIssue(actor: Actor, id: string): Promise<IssueDetail> {
  const summary = await readSummary(actor, id);
  return { ...toSummary(summary, { count: 0, latest: null }, new Date()), evidence: [], evidenceTotals: totalsOf([]) };
}

async function categoryOf(actor: Actor, slug: string, tx: Prisma.TransactionClient): Promise<{ id: string; name: string }> {
  const category = await tx.category.findUnique({ where: { teamId_slug: { teamId: actor.teamId, slug } }, select: { id: true, name: true } });
  if (!category) {
    throw new AppError("validation_failed", "The request is not valid", { fields: { category: [`Unknown category "${slug}"`] } });
  }
  return category;
}

/** An issue's owner is a member of its team: any other id would name someone who cannot even see the issue. */
async function assertOwnerIsMember(actor: Actor, ownerId: string | null | undefined, tx: Prisma.TransactionClient) {
  if (!ownerId) return;
  const member = await tx.membership.findUnique({ where: { teamId_userId: { teamId: actor.teamId, userId: ownerId } }, select: { id: true } });
  if (!member) throw new AppError("validation_failed", "The request is not valid", { fields: { ownerId: ["Not a member of your team"] } });
}

/** The fields of an issue that its history records. */
function recorded(issue: { [key: string]: unknown }) {
  const { title, summary, category, status, likelihood, impact, jurisdictions, actors, hsCodes, tags, ownerId, nextReviewAt } = issue;
  return { title, summary, category, status, likelihood, impact, jurisdictions, actors, hsCodes, tags, ownerId, nextReviewAt };
}

export async function createIssue(actor: Actor, input: CreateIssueInput): Promise<IssueDetail> {
  const id = await db.$transaction(async (tx) => {
    const now = new Date();
    await assertOwnerIsMember(actor, input.ownerId, tx);
    const category = { slug: input.category, ...(await categoryOf(actor, input.category, tx)) };
    const issue = await tx.issue.create({
      data: {
        teamId: actor.teamId,
        title: input.title,
        summary: input.summary,
        categoryId: category.id,
        status: input.status,
        likelihood: input.likelihood,
        impact: input.impact,
        riskScore: riskScore(input.likelihood, input.impact),
        jurisdictions: input.jurisdictions,
        actors: input.actors,
        hsCodes: input.hsCodes,
        tags: input.tags,
        ownerId: input.ownerId,
        nextReviewAt: input.nextReviewAt === undefined ? nextReviewDate(input.status, now) : input.nextReviewAt,
      },
      select: { id: true },
    });
    // Its creator and its owner follow a new issue (issue 15); anyone may unfollow.
    await followByDefault(tx, actor.teamId, "issue", issue.id, [actor.userId, input.ownerId]);
    await recordEvent(tx, actor, { entityType: "issue", entityId: issue.id, action: "created", after: recorded({ ...input }) }, { category, names: { subject: input.title, category: category.name } });
    return issue.id;
  });
  return newIssue(actor, id);
}

function staleVersion(current: number) {
  return new AppError(
    "precondition_failed",
    `The issue was changed by someone else (now at version ${current}); reload it and apply your change again`,
    { currentVersion: current },
    { ETag: `"${current}"` },
  );
}

/**
 * Applies a change if the caller saw the current version (optimistic concurrency: no edit is lost
 * silently). A status move or likelihood change must say why.
 */
export async function updateIssue(actor: Actor, id: string, expectedVersion: number, input: UpdateIssueInput): Promise<IssueDetail> {
  await db.$transaction(async (tx) => {
    const current = await tx.issue.findFirst({
      where: { id, teamId: actor.teamId, deletedAt: null },
      include: { category: { select: { slug: true } } },
    });
    if (!current) throw notFound("Issue");
    if (current.version !== expectedVersion) throw staleVersion(current.version);

    const { rationale, category, ...fields } = input;
    const before = recorded({ ...current, category: current.category.slug });
    const diff = changedFields(before, recorded({ ...before, ...fields, ...(category ? { category } : {}) }));
    if (diff.changed.length === 0) return;
    const judgmentMoved = diff.changed.includes("status") || diff.changed.includes("likelihood");
    if (judgmentMoved && !rationale) {
      throw new AppError("validation_failed", "Say why the status or likelihood changed", {
        fields: { rationale: ["A rationale is required when the status or likelihood changes"] },
      });
    }
    if (diff.changed.includes("ownerId")) await assertOwnerIsMember(actor, fields.ownerId, tx);
    const status = fields.status ?? current.status;
    const likelihood = fields.likelihood ?? current.likelihood;
    const impact = fields.impact ?? current.impact;
    const now = new Date();
    // Compare-and-set on the version: of two concurrent writers with the same If-Match, one wins.
    const written = await tx.issue.updateMany({
      where: { id, teamId: actor.teamId, version: expectedVersion },
      data: {
        ...fields,
        ...(category ? { categoryId: (await categoryOf(actor, category, tx)).id } : {}),
        riskScore: riskScore(likelihood, impact),
        // A new status restarts the review clock unless the caller set a date.
        ...(diff.changed.includes("status") && fields.nextReviewAt === undefined ? { nextReviewAt: nextReviewDate(status, now) } : {}),
        version: { increment: 1 },
      },
    });
    if (written.count !== 1) {
      const latest = await tx.issue.findUnique({ where: { id }, select: { version: true } });
      throw staleVersion(latest?.version ?? expectedVersion + 1);
    }
    // A new owner follows the issue, before the event, so they hear of a move made in the same change.
    if (diff.changed.includes("ownerId")) await followByDefault(tx, actor.teamId, "issue", id, [fields.ownerId]);
    const action = diff.changed.includes("status") ? "status_changed" : diff.changed.includes("likelihood") ? "likelihood_changed" : "updated";
    await recordEvent(tx, actor, {
      entityType: "issue",
      entityId: id,
      action,
      before: diff.before,
      after: { ...diff.after, ...(rationale ? { rationale } : {}), version: expectedVersion + 1 },
    });
  });
  return getIssue(actor, id);
}

/** Soft delete: the issue leaves the watchlist but keeps its history; an admin can restore it. */
export async function deleteIssue(actor: Actor, id: string, expectedVersion: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.issue.findFirst({ where: { id, teamId: actor.teamId, deletedAt: null }, select: { version: true, title: true } });
    if (!current) throw notFound("Issue");
    // Checked before the write, as in updateIssue: an If-Match past the INT4 range ("2147483648") made the query fail (500).
    if (current.version !== expectedVersion) throw staleVersion(current.version);
    const written = await tx.issue.updateMany({
      where: { id, teamId: actor.teamId, version: expectedVersion, deletedAt: null },
      data: { deletedAt: new Date(), version: { increment: 1 } },
    });
    if (written.count !== 1) throw staleVersion(current.version);
    await recordEvent(tx, actor, { entityType: "issue", entityId: id, action: "deleted", before: { title: current.title } });
  });
}

export async function restoreIssue(actor: Actor, id: string): Promise<IssueDetail> {
  await db.$transaction(async (tx) => {
    const current = await tx.issue.findFirst({ where: { id, teamId: actor.teamId, deletedAt: { not: null } }, select: { title: true } });
    if (!current) throw notFound("Deleted issue");
    await tx.issue.update({ where: { id }, data: { deletedAt: null, version: { increment: 1 } } });
    await recordEvent(tx, actor, { entityType: "issue", entityId: id, action: "restored", after: { title: current.title } });
  });
  return getIssue(actor, id);
}
