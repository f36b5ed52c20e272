// GET /api/team/webhooks/{id}/deliveries – the webhook's last 50 deliveries, newest first (admins)
import { json, route } from "@/lib/api/route";
import { listDeliveries } from "@/lib/services/webhooks";

export const GET = route({ role: "admin" }, async ({ actor, params }) => json({ items: await listDeliveries(actor, params.id!) }));
