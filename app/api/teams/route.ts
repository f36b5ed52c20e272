// GET /api/teams – the teams you belong to, the current one marked
import { json, route } from "@/lib/api/route";
import { listMyTeams } from "@/lib/services/teams";

export const GET = route({ role: "viewer" }, async ({ actor }) => json({ items: await listMyTeams(actor) }));
