// DELETE /api/team/tokens/{id} – revoke a token; it stops working at once (admins)
import { route } from "@/lib/api/route";
import { revokeApiToken } from "@/lib/services/api-tokens";

export const DELETE = route({ role: "admin" }, async ({ actor, params }) => {
  await revokeApiToken(actor, params.id!);
  return new Response(null, { status: 204 });
});
