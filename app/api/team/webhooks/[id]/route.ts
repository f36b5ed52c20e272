// PATCH /api/team/webhooks/{id} – change the URL, kinds or format; enable or disable (admins)
// DELETE /api/team/webhooks/{id} – remove a webhook and its delivery log (admins)
import { json, route } from "@/lib/api/route";
import { deleteWebhook, updateWebhook } from "@/lib/services/webhooks";
import { updateWebhookSchema } from "@/lib/validation/webhooks";

export const PATCH = route({ role: "admin", body: updateWebhookSchema }, async ({ actor, params, body }) => json(await updateWebhook(actor, params.id!, body)));

export const DELETE = route({ role: "admin" }, async ({ actor, params }) => {
  await deleteWebhook(actor, params.id!);
  return new Response(null, { status: 204 });
});
