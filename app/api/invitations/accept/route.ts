// POST /api/invitations/accept – join a team with an invitation link's token (new account, or the signed-in one)
import { resolveActor } from "@/lib/auth/actor";
import { json, route } from "@/lib/api/route";
import { acceptInvitation } from "@/lib/services/invitations";
import { acceptInvitationSchema } from "@/lib/validation/team";

export const POST = route({ role: "public", body: acceptInvitationSchema }, async ({ body, request }) => {
  const signedIn = await resolveActor(request.headers);
  return json(await acceptInvitation(body, signedIn?.kind === "user" ? signedIn.userId : null), { status: 201 });
});
