// GET /api/team/webhooks – the team's webhooks (never their secrets) (admins)
// POST /api/team/webhooks – add a webhook; its signing secret is shown once (admins)
import { json, route } from "@/lib/api/route";
import { createWebhook, listWebhooks } from "@/lib/services/webhooks";
import { createWebhookSchema } from "@/lib/validation/webhooks";

export const GET = route({ role: "admin" }, async ({ actor }) => json({ items: await listWebhooks(actor) }));

export const POST = route({ role: "admin", body: createWebhookSchema }, async ({ actor, body }) => json(await createWebhook(actor, body), { status: 201 }));
