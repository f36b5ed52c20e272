// GET /api/briefings/{id} – one briefing with its immutable snapshot
import { json, route } from "@/lib/api/route";
import { getBriefing } from "@/lib/services/briefings";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => json(await getBriefing(actor, params.id!)));
