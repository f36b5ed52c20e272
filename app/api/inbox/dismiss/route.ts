// POST /api/inbox/dismiss – dismiss several items at once, all or none
import { json, route } from "@/lib/api/route";
import { bulkDismissInbox } from "@/lib/services/inbox";
import { bulkDismissSchema } from "@/lib/validation/inbox";

export const POST = route({ role: "analyst", body: bulkDismissSchema }, async ({ actor, body }) => json(await bulkDismissInbox(actor, body)));
