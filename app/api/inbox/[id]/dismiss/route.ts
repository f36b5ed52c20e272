// POST /api/inbox/{id}/dismiss – dismiss an item, with an optional reason
import { json, route } from "@/lib/api/route";
import { dismissInboxItem } from "@/lib/services/inbox";
import { dismissInboxItemSchema } from "@/lib/validation/inbox";

export const POST = route({ role: "analyst", body: dismissInboxItemSchema }, async ({ actor, params, body }) => json(await dismissInboxItem(actor, params.id!, body)));
