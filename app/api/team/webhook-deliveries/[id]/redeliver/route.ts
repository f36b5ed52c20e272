// POST /api/team/webhook-deliveries/{id}/redeliver – send a delivery again, same id and body (admins)
import { json, route } from "@/lib/api/route";
import { redeliver } from "@/lib/services/webhooks";

export const POST = route({ role: "admin" }, async ({ actor, params }) => json(await redeliver(actor, params.id!), { status: 202 }));
