// GET /api/team/members – the current team's members and their roles
import { json, route } from "@/lib/api/route";
import { listMembers } from "@/lib/services/members";

export const GET = route({ role: "viewer" }, async ({ actor }) => json({ items: await listMembers(actor) }));
