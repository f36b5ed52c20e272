// POST /api/inbox/{id}/snooze – put an item aside until a date, when it comes back as new
import { json, route } from "@/lib/api/route";
import { snoozeInboxItem } from "@/lib/services/inbox";
import { snoozeInboxItemSchema } from "@/lib/validation/inbox";

export const POST = route({ role: "analyst", body: snoozeInboxItemSchema }, async ({ actor, params, body }) => json(await snoozeInboxItem(actor, params.id!, body)));
