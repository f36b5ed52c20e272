import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { db, type Tx } from "@/lib/db/client";
import type { CreateSourceInput, SourceView, UpdateSourceInput } from "@/lib/validation/sources";
import { changedFields, recordEvent } from "./events";

const sourceSelect = { id: true, name: true, kind: true, url: true, reliability: true, _count: { select: { documents: true } } } as const;

function toView({ _count, ...source }: { _count: { documents: number } } & Omit<SourceView, "documentCount">): SourceView {
  return { ...source, documentCount: _count.documents };
}

export async function listSources(actor: Actor): Promise<SourceView[]> {
  const rows = await db.source.findMany({ where: { teamId: actor.teamId }, orderBy: { name: "asc" }, select: sourceSelect });
  return rows.map(toView);
}

async function assertNameFree(actor: Actor, name: string, tx: Tx) {
  const existing = await tx.source.findUnique({ where: { teamId_name: { teamId: actor.teamId, name } }, select: { id: true } });
  if (existing) throw new AppError("conflict", `A source named "${name}" exists`, { sourceId: existing.id });
}

export async function createSource(actor: Actor, input: CreateSourceInput): Promise<SourceView> {
  return db.$transaction(async (tx) => {
    await assertNameFree(actor, input.name, tx);
    const source = await tx.source.create({ data: { ...input, teamId: actor.teamId }, select: sourceSelect });
    await recordEvent(tx, actor, { entityType: "source", entityId: source.id, action: "created", after: input });
    return toView(source);
  });
}

/** Edits a source; a change of reliability grade is kept in the history like any other. */
export async function updateSource(actor: Actor, id: string, input: UpdateSourceInput): Promise<SourceView> {
  return db.$transaction(async (tx) => {
    const current = await tx.source.findFirst({ where: { id, teamId: actor.teamId } });
    if (!current) throw notFound("Source");
    if (input.name && input.name !== current.name) await assertNameFree(actor, input.name, tx);
    const diff = changedFields({ name: current.name, kind: current.kind, url: current.url, reliability: current.reliability }, input);
    const source = await tx.source.update({ where: { id }, data: input, select: sourceSelect });
    if (diff.changed.length) {
      await recordEvent(tx, actor, {
        entityType: "source",
        entityId: id,
        action: diff.changed.includes("reliability") ? "reliability_changed" : "updated",
        before: diff.before,
        after: diff.after,
      });
    }
    return toView(source);
  });
}
