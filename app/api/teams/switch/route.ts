// POST /api/teams/switch – work in another of your teams (sets the team cookie)
import { TEAM_COOKIE } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { json, route } from "@/lib/api/route";
import { assertMemberOf } from "@/lib/services/teams";
import { switchTeamSchema } from "@/lib/validation/team";

export const POST = route({ role: "viewer", body: switchTeamSchema }, async ({ actor, body }) => {
  await assertMemberOf(actor, body.teamId);
  const secure = env().appUrl.startsWith("https://") ? "; Secure" : "";
  return json({ teamId: body.teamId }, { headers: { "Set-Cookie": `${TEAM_COOKIE}=${encodeURIComponent(body.teamId)}; Path=/; HttpOnly; SameSite=Lax${secure}; Max-Age=31536000` } });
});
