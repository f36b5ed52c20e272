// POST /api/team/webhooks/{id}/test – queue a test delivery (admins)
import { json, route } from "@/lib/api/route";
import { sendTestDelivery } from "@/lib/services/webhooks";

export const POST = route({ role: "admin" }, async ({ actor, params }) => json(await sendTestDelivery(actor, params.id!), { status: 202 }));
