import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { TeamSettingsView, updateTeamSchema } from "@/lib/validation/email";
import { recordEvent } from "./events";

// The team's own settings (issue 15): its time zone, in which email digests cover a day or a week.

const select = { id: true, name: true, slug: true, timeZone: true } as const;

export async function getTeamSettings(actor: Actor): Promise<TeamSettingsView> {
  return db.team.findUniqueOrThrow({ where: { id: actor.teamId }, select });
}

export async function updateTeamSettings(actor: Actor, input: z.infer<typeof updateTeamSchema>): Promise<TeamSettingsView> {
  return db.$transaction(async (tx) => {
    const before = await tx.team.findUniqueOrThrow({ where: { id: actor.teamId }, select: { timeZone: true } });
    const team = await tx.team.update({ where: { id: actor.teamId }, data: { timeZone: input.timeZone }, select });
    if (before.timeZone !== team.timeZone) {
      await recordEvent(tx, actor, { entityType: "team", entityId: team.id, action: "team_updated", before: { timeZone: before.timeZone }, after: { timeZone: team.timeZone } });
    }
    return team;
  });
}
