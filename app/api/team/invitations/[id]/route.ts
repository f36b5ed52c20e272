// DELETE /api/team/invitations/{id} – revoke a pending invitation (admins)
import { route } from "@/lib/api/route";
import { revokeInvitation } from "@/lib/services/invitations";

export const DELETE = route({ role: "admin" }, async ({ actor, params }) => {
  await revokeInvitation(actor, params.id!);
  return new Response(null, { status: 204 });
});
