// GET /api/team/webhook-deliveries/{id}/attempts – every attempt of a delivery, newest first (admins)
import { json, route } from "@/lib/api/route";
import { listDeliveryAttempts } from "@/lib/services/webhooks";

export const GET = route({ role: "admin" }, async ({ actor, params }) => json({ items: await listDeliveryAttempts(actor, params.id!) }));
