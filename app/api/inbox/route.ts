// GET /api/inbox – the team's inbox, newest or most relevant first, filtered, a page at a time
import { json, route } from "@/lib/api/route";
import { listInbox } from "@/lib/services/inbox";
import { inboxQuerySchema } from "@/lib/validation/inbox";

export const GET = route({ role: "viewer", query: inboxQuerySchema }, async ({ actor, query }) => json(await listInbox(actor, query)));
