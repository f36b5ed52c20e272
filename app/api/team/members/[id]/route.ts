// PATCH /api/team/members/{id} – change a member's role (admins; the team keeps at least one admin)
// DELETE /api/team/members/{id} – remove a member; their sessions end at once (admins)
import { json, route } from "@/lib/api/route";
import { changeRole, removeMember } from "@/lib/services/members";
import { changeRoleSchema } from "@/lib/validation/team";

export const PATCH = route({ role: "admin", body: changeRoleSchema }, async ({ actor, params, body }) => json(await changeRole(actor, params.id!, body.role)));

export const DELETE = route({ role: "admin" }, async ({ actor, params }) => {
  await removeMember(actor, params.id!);
  return new Response(null, { status: 204 });
});
