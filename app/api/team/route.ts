// GET /api/team – your team's settings
// PATCH /api/team – change them (admins): the time zone of email digests
import { json, route } from "@/lib/api/route";
import { getTeamSettings, updateTeamSettings } from "@/lib/services/team-settings";
import { updateTeamSchema } from "@/lib/validation/email";

export const GET = route({ role: "viewer" }, async ({ actor }) => json(await getTeamSettings(actor)));

export const PATCH = route({ role: "admin", body: updateTeamSchema }, async ({ actor, body }) => json(await updateTeamSettings(actor, body)));
