// GET /api/entities/{id}/history – the entity's timeline: its changes, hits found and decisions, comments
import { json, route } from "@/lib/api/route";
import { entityHistory } from "@/lib/services/entities/entities";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => json(await entityHistory(actor, params.id!)));
