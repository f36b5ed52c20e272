import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EntitySummary, HitView } from "@/lib/validation/entities";

// Entities and hits as the API shows them: one select and one mapping each, shared by the services.

export const hitSelect = {
  id: true,
  entityId: true,
  sourceId: true,
  entryId: true,
  score: true,
  level: true,
  matchedName: true,
  explanation: true,
  decision: true,
  decisionNote: true,
  decidedBy: true,
  decidedAt: true,
  goneAt: true,
  list: { select: { slug: true, name: true } },
  entry: { select: { name: true, programs: true } },
  firstRelease: { select: { id: true, publishedAt: true } },
} satisfies Prisma.HitSelect;

type HitRow = Prisma.HitGetPayload<{ select: typeof hitSelect }>;

export function toHit(hit: HitRow): HitView {
  return {
    id: hit.id,
    entityId: hit.entityId,
    list: hit.list.slug,
    listName: hit.list.name,
    sourceId: hit.sourceId,
    entryId: hit.entryId,
    name: hit.entry.name,
    programs: hit.entry.programs,
    score: hit.score,
    level: hit.level,
    matchedName: hit.matchedName,
    explanation: hit.explanation as HitView["explanation"],
    firstSeen: { releaseId: hit.firstRelease.id, publishedAt: hit.firstRelease.publishedAt.toISOString() },
    decision: hit.decision,
    note: hit.decisionNote,
    decidedBy: hit.decidedBy,
    decidedAt: hit.decidedAt?.toISOString() ?? null,
    goneAt: hit.goneAt?.toISOString() ?? null,
  };
}

/** Hits waiting for an analyst: undecided and still found. */
export const waitingForReview = { decision: null, goneAt: null } satisfies Prisma.HitWhereInput;
/** Designations: confirmed hits still on their lists. */
export const designated = { decision: "confirmed", goneAt: null } satisfies Prisma.HitWhereInput;

export const entitySummarySelect = {
  id: true,
  type: true,
  name: true,
  aliases: true,
  country: true,
  identifiers: true,
  notes: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  issues: { where: { issue: { deletedAt: null } }, orderBy: { createdAt: "asc" }, select: { issue: { select: { id: true, title: true } } } },
  hits: {
    where: designated,
    orderBy: { score: "desc" },
    select: { id: true, sourceId: true, list: { select: { slug: true } }, entry: { select: { name: true, programs: true } }, firstRelease: { select: { publishedAt: true } } },
  },
  _count: { select: { hits: { where: waitingForReview } } },
} satisfies Prisma.EntitySelect;

type EntitySummaryRow = Prisma.EntityGetPayload<{ select: typeof entitySummarySelect }>;

export function toEntitySummary(row: EntitySummaryRow): EntitySummary {
  return {
    id: row.id,
    type: row.type,
    name: row.name,
    aliases: row.aliases,
    country: row.country,
    identifiers: row.identifiers as EntitySummary["identifiers"],
    notes: row.notes,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    issues: row.issues.map(({ issue }) => issue),
    reviewCount: row._count.hits,
    designations: row.hits.map((hit) => ({
      hitId: hit.id,
      list: hit.list.slug,
      sourceId: hit.sourceId,
      name: hit.entry.name,
      programs: hit.entry.programs,
      since: hit.firstRelease.publishedAt.toISOString(),
    })),
  };
}
