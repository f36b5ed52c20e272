// POST /api/team/webhooks/{id}/rotate – a new signing secret, shown once; the old one stops at once (admins)
import { json, route } from "@/lib/api/route";
import { rotateWebhookSecret } from "@/lib/services/webhooks";

export const POST = route({ role: "admin" }, async ({ actor, params }) => json(await rotateWebhookSecret(actor, params.id!)));
