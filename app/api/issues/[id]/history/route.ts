// GET /api/issues/{id}/history – the issue's timeline, oldest first; a page of it with `limit` and `before`
import { json, route } from "@/lib/api/route";
import { issueHistory } from "@/lib/services/issue-history";
import { issueHistoryQuerySchema } from "@/lib/validation/issues";

export const GET = route({ role: "viewer", query: issueHistoryQuerySchema }, async ({ actor, params, query }) => json(await issueHistory(actor, params.id!, query)));
