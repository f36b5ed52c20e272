import "server-only";
import { myTeamsOf, onlyTeamOf, type Actor, type MyTeam } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { db } from "@/lib/db/client";

/** The teams the signed-in person belongs to, the current one marked (pages have them from the session read: `myTeams`). */
export async function listMyTeams(actor: Actor): Promise<MyTeam[]> {
  if (!actor.userId || actor.kind === "token") return onlyTeamOf(actor);
  return myTeamsOf(actor.userId, actor.teamId);
}

/** Checks that the person may switch to the team; the route then sets the team cookie. */
export async function assertMemberOf(actor: Actor, teamId: string) {
  const member = actor.userId ? await db.membership.findUnique({ where: { teamId_userId: { teamId, userId: actor.userId } }, select: { id: true } }) : null;
  if (!member || actor.kind === "token") throw notFound("Team");
}
