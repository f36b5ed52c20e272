import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { db, type Tx } from "@/lib/db/client";
import type { FollowKind } from "@/lib/generated/prisma/enums";
import type { FollowView, SetFollowInput } from "@/lib/validation/notifications";

// Follows (issue 15): a person follows issues, entities and categories and is notified of what happens to them
// (lib/notifications/recipients.ts). Unfollowing deletes the follow, so nothing of that subject reaches them again.

/** Follows belong to a person: a token acts for the member who made it. */
function personOf(actor: Actor): string {
  if (!actor.userId) throw new AppError("forbidden", "Follows and notifications belong to a person; this token's creator has left");
  return actor.userId;
}

/**
 * Makes people follow a subject unless they already do, inside the caller's transaction: an issue's creator and
 * its owner follow it from the start.
 */
export async function followByDefault(tx: Tx, teamId: string, kind: FollowKind, targetId: string, userIds: (string | null | undefined)[]) {
  const people = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (people.length === 0) return;
  await tx.follow.createMany({ data: people.map((userId) => ({ teamId, userId, kind, targetId })), skipDuplicates: true });
}

/** The subject of the actor's team, or "not found" (another team's id too). */
async function assertSubject(actor: Actor, kind: FollowKind, targetId: string) {
  const where = { id: targetId, teamId: actor.teamId };
  const found =
    kind === "issue"
      ? await db.issue.findFirst({ where: { ...where, deletedAt: null }, select: { id: true } })
      : kind === "entity"
        ? await db.entity.findFirst({ where, select: { id: true } })
        : kind === "briefing_schedule"
          ? await db.briefingSchedule.findFirst({ where, select: { id: true } })
          : await db.category.findFirst({ where, select: { id: true } });
  if (!found) throw notFound(({ issue: "Issue", entity: "Entity", category: "Category", briefing_schedule: "Briefing schedule" } as const)[kind]);
}

/** Follows or unfollows; doing it twice changes nothing more. */
export async function setFollow(actor: Actor, input: SetFollowInput) {
  const userId = personOf(actor);
  await assertSubject(actor, input.kind, input.targetId);
  const key = { teamId: actor.teamId, kind: input.kind, targetId: input.targetId, userId };
  if (input.following) await db.follow.createMany({ data: [key], skipDuplicates: true });
  else await db.follow.deleteMany({ where: key });
  return { kind: input.kind, targetId: input.targetId, following: input.following };
}

export async function isFollowing(actor: Actor, kind: FollowKind, targetId: string): Promise<boolean> {
  if (!actor.userId) return false;
  return (await db.follow.count({ where: { teamId: actor.teamId, kind, targetId, userId: actor.userId } })) > 0;
}

/** The actor's follows, newest first, named; a follow of something since deleted is left out. */
export async function listFollows(actor: Actor): Promise<FollowView[]> {
  const userId = personOf(actor);
  const follows = await db.follow.findMany({ where: { teamId: actor.teamId, userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const idsOf = (kind: FollowKind) => follows.filter((f) => f.kind === kind).map((f) => f.targetId);
  const [issues, entities, categories, schedules] = await Promise.all([
    db.issue.findMany({ where: { teamId: actor.teamId, deletedAt: null, id: { in: idsOf("issue") } }, select: { id: true, title: true } }),
    db.entity.findMany({ where: { teamId: actor.teamId, id: { in: idsOf("entity") } }, select: { id: true, name: true } }),
    db.category.findMany({ where: { teamId: actor.teamId, id: { in: idsOf("category") } }, select: { id: true, name: true, slug: true } }),
    db.briefingSchedule.findMany({ where: { teamId: actor.teamId, id: { in: idsOf("briefing_schedule") } }, select: { id: true, title: true } }),
  ]);
  const names = new Map<string, { name: string; link: string | null }>([
    ...issues.map((i) => [`issue ${i.id}`, { name: i.title, link: `/issues/${i.id}` }] as const),
    ...entities.map((e) => [`entity ${e.id}`, { name: e.name, link: `/entities/${e.id}` }] as const),
    ...categories.map((c) => [`category ${c.id}`, { name: c.name, link: `/watchlist?category=${c.slug}` }] as const),
    ...schedules.map((s) => [`briefing_schedule ${s.id}`, { name: s.title, link: "/briefings#schedules" }] as const),
  ]);
  return follows.flatMap((f) => {
    const named = names.get(`${f.kind} ${f.targetId}`);
    return named ? [{ kind: f.kind, targetId: f.targetId, ...named, createdAt: f.createdAt.toISOString() }] : [];
  });
}
