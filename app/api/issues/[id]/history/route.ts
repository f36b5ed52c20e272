// GET /api/issues/{id}/history – the issue's timeline, oldest first
import { json, route } from "@/lib/api/route";
import { issueHistory } from "@/lib/services/issues";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => json({ items: await issueHistory(actor, params.id!) }));
