import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { nameKey } from "@/lib/domain/entities";
import type { EntitySummary } from "@/lib/validation/entities";
import { findIssueRef, trackedEntityIds } from "../issue-ref";
import { actorsDesignatedSince } from "./hits";
import { entitySummarySelect, toEntitySummary } from "./views";

// What the issue page shows of the designation watch (issue 13): the issue's tracked entities, the actors not
// tracked yet, and how many were designated since the team last reviewed the issue.

export type IssueWatch = {
  entities: EntitySummary[];
  /** The issue's actors no linked entity names (by name or alias): "Track actors as entities" tracks them. */
  untrackedActors: string[];
  /** When a person last changed the issue (or when it was made): hits found after it are news. */
  lastReviewAt: string;
  /** Entities with a hit found since the last review, not dismissed as a false positive. */
  designatedSinceReview: number;
  /** Whether an entity has a confirmed designation still on its list. */
  designated: boolean;
};

/**
 * "Last review" is the issue's last change made by a person (an edit or a status move; adding evidence does not count):
 * the moment someone last looked at the issue and recorded a judgment. Screening's own events have no person.
 */
async function lastReview(teamId: string, issueId: string, createdAt: Date): Promise<Date> {
  const event = await db.event.findFirst({
    where: { teamId, entityType: "issue", entityId: issueId, actorId: { not: null } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { at: true },
  });
  return event?.at ?? createdAt;
}

/** The issue's tracked entities, by name: an issue without any (most of them) costs one small query. */
async function trackedEntities(teamId: string, issueId: string): Promise<EntitySummary[]> {
  // From the issue's links, not from all the team's entities; the summaries' nested reads (hits, lists, issues) only when there are some.
  const ids = await trackedEntityIds(teamId, issueId);
  if (ids.length === 0) return [];
  const rows = await db.entity.findMany({
    where: { id: { in: ids } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: entitySummarySelect,
  });
  return rows.map(toEntitySummary);
}

export async function issueWatch(actor: Actor, issueId: string): Promise<IssueWatch> {
  const issue = await findIssueRef(actor.teamId, issueId);
  if (!issue) throw notFound("Issue");
  const [entities, since] = await Promise.all([trackedEntities(actor.teamId, issueId), lastReview(actor.teamId, issueId, issue.createdAt)]);
  const tracked = new Set(entities.flatMap((entity) => [entity.name, ...entity.aliases].map(nameKey)));
  return {
    entities,
    untrackedActors: issue.actors.filter((name) => !tracked.has(nameKey(name))),
    lastReviewAt: since.toISOString(),
    designatedSinceReview: entities.length ? await actorsDesignatedSince(actor.teamId, issueId, since) : 0,
    designated: entities.some((entity) => entity.designations.length > 0),
  };
}
