// GET /api/team/invitations – invitations sent by the team's admins, with their status
// POST /api/team/invitations – invite someone by email; the response holds the link, shown once (admins)
import { json, route } from "@/lib/api/route";
import { createInvitation, listInvitations } from "@/lib/services/invitations";
import { createInvitationSchema } from "@/lib/validation/team";

export const GET = route({ role: "admin" }, async ({ actor }) => json({ items: await listInvitations(actor) }));

export const POST = route({ role: "admin", body: createInvitationSchema }, async ({ actor, body }) => json(await createInvitation(actor, body), { status: 201 }));
