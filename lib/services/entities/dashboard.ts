import "server-only";
import { db } from "@/lib/db/client";
import { DESIGNATIONS_LISTED, type DesignationsPanel } from "@/lib/validation/stats";
import { designated, waitingForReview } from "./views";

// The dashboard's "Designations" panel (issue 13): what the screening found that waits for an analyst, and what
// the team confirmed lately. Both reads use the (teamId, decision, goneAt) index.

const hitFields = { id: true, entity: { select: { id: true, name: true } }, list: { select: { slug: true, name: true } }, entry: { select: { name: true, programs: true } } } as const;

export async function designationsPanel(teamId: string): Promise<DesignationsPanel> {
  const [toReview, waiting, recent] = await Promise.all([
    db.hit.count({ where: { teamId, ...waitingForReview } }),
    db.hit.findMany({
      where: { teamId, ...waitingForReview },
      orderBy: [{ createdAt: "desc" }, { score: "desc" }, { id: "asc" }],
      take: DESIGNATIONS_LISTED,
      select: { ...hitFields, score: true, level: true, createdAt: true },
    }),
    db.hit.findMany({ where: { teamId, ...designated }, orderBy: [{ decidedAt: "desc" }, { id: "asc" }], take: DESIGNATIONS_LISTED, select: { ...hitFields, decidedAt: true } }),
  ]);
  return {
    toReview,
    waiting: waiting.map((hit) => ({
      hitId: hit.id,
      entity: hit.entity,
      list: hit.list.slug,
      listName: hit.list.name,
      name: hit.entry.name,
      score: hit.score,
      level: hit.level,
      foundAt: hit.createdAt.toISOString(),
    })),
    recent: recent.map((hit) => ({
      hitId: hit.id,
      entity: hit.entity,
      list: hit.list.slug,
      listName: hit.list.name,
      name: hit.entry.name,
      programs: hit.entry.programs,
      confirmedAt: hit.decidedAt!.toISOString(),
    })),
  };
}
