import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { mentionedIds } from "@/lib/comments/text";
import { db, type Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CommentInput, CommentView } from "@/lib/validation/comments";
import type { Person } from "@/lib/validation/team";
import { recordEvent } from "./events";
import { findIssueRef } from "./issue-ref";
import { listPeople } from "./members";

// Comments on an issue or a tracked entity. Every write and its history event commit together, so an
// edited or deleted comment's earlier text stays in the history (the event table is append-only).

export type CommentTarget = { issueId: string } | { entityId: string };

const commentSelect = {
  id: true,
  issueId: true,
  entityId: true,
  authorId: true,
  body: true,
  mentions: true,
  version: true,
  createdAt: true,
  editedAt: true,
  author: { select: { id: true, name: true, email: true } },
} satisfies Prisma.CommentSelect;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

function toView(row: CommentRow, people: Person[]): CommentView {
  const { authorId: _authorId, mentions, createdAt, editedAt, ...rest } = row;
  return {
    ...rest,
    // Named while they are members; someone who left the team is no longer shown as mentioned.
    mentions: mentions.flatMap((id) => people.filter((p) => p.id === id)),
    createdAt: createdAt.toISOString(),
    editedAt: editedAt ? editedAt.toISOString() : null,
  };
}

/** The issue (live) or entity of the actor's team that a comment is on; another team's id is "not found". */
async function assertTarget(actor: Actor, target: CommentTarget, tx: Tx = db) {
  if ("issueId" in target) {
    const issue = await tx.issue.findFirst({ where: { id: target.issueId, teamId: actor.teamId, deletedAt: null }, select: { id: true } });
    if (!issue) throw notFound("Issue");
  } else {
    const entity = await tx.entity.findFirst({ where: { id: target.entityId, teamId: actor.teamId }, select: { id: true } });
    if (!entity) throw notFound("Entity");
  }
}

/** What the history records of a comment, so the issue's (or entity's) timeline can find it. */
const targetOf = (row: { issueId: string | null; entityId: string | null }) => (row.issueId ? { issueId: row.issueId } : { entityId: row.entityId });

function staleVersion(current: number) {
  return new AppError("precondition_failed", `The comment was changed by someone else (now at version ${current}); reload it and try again`, { currentVersion: current }, { ETag: `"${current}"` });
}

/** Oldest first, as a conversation reads. */
export async function listComments(actor: Actor, target: CommentTarget): Promise<CommentView[]> {
  if ("issueId" in target) {
    // The issue page has read the issue already: the request's read, not another.
    const issue = await findIssueRef(actor.teamId, target.issueId);
    if (!issue || issue.deletedAt) throw notFound("Issue");
  } else await assertTarget(actor, target);
  const [rows, people] = await Promise.all([
    db.comment.findMany({ where: { teamId: actor.teamId, ...target }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: commentSelect }),
    listPeople(actor),
  ]);
  return rows.map((row) => toView(row, people));
}

export async function addComment(actor: Actor, target: CommentTarget, input: CommentInput): Promise<CommentView> {
  const people = await listPeople(actor);
  const mentions = mentionedIds(input.body, people);
  const row = await db.$transaction(async (tx) => {
    await assertTarget(actor, target, tx);
    const created = await tx.comment.create({ data: { teamId: actor.teamId, ...target, authorId: actor.userId, body: input.body, mentions }, select: commentSelect });
    await recordEvent(tx, actor, { entityType: "comment", entityId: created.id, action: "commented", after: { ...target, body: input.body, mentions } });
    return created;
  });
  return toView(row, people);
}

/** Only its author edits a comment; the text it replaces stays in the history. */
export async function editComment(actor: Actor, id: string, expectedVersion: number, input: CommentInput): Promise<CommentView> {
  const people = await listPeople(actor);
  const mentions = mentionedIds(input.body, people);
  const row = await db.$transaction(async (tx) => {
    const current = await tx.comment.findFirst({ where: { id, teamId: actor.teamId }, select: commentSelect });
    if (!current) throw notFound("Comment");
    if (!actor.userId || current.authorId !== actor.userId) throw new AppError("forbidden", "Only its author can edit a comment");
    if (current.version !== expectedVersion) throw staleVersion(current.version);
    const written = await tx.comment.updateMany({
      where: { id, version: expectedVersion },
      data: { body: input.body, mentions, editedAt: new Date(), version: { increment: 1 } },
    });
    if (written.count !== 1) throw staleVersion(current.version + 1);
    await recordEvent(tx, actor, { entityType: "comment", entityId: id, action: "comment_edited", before: { body: current.body, mentions: current.mentions }, after: { ...targetOf(current), body: input.body, mentions } });
    return tx.comment.findUniqueOrThrow({ where: { id }, select: commentSelect });
  });
  return toView(row, people);
}

/** Its author, or an admin, deletes a comment; its text stays in the history. */
export async function deleteComment(actor: Actor, id: string, expectedVersion: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.comment.findFirst({ where: { id, teamId: actor.teamId }, select: commentSelect });
    if (!current) throw notFound("Comment");
    const own = actor.userId !== null && current.authorId === actor.userId;
    if (!own && actor.role !== "admin") throw new AppError("forbidden", "Only its author or an admin can delete a comment");
    if (current.version !== expectedVersion) throw staleVersion(current.version);
    const deleted = await tx.comment.deleteMany({ where: { id, version: expectedVersion } });
    if (deleted.count !== 1) throw staleVersion(current.version + 1);
    await recordEvent(tx, actor, { entityType: "comment", entityId: id, action: "comment_deleted", before: { body: current.body, author: current.author?.name ?? null }, after: targetOf(current) });
  });
}
