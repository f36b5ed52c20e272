import "server-only";
import type { listDeliveries, listDeliveryAttempts, listWebhooks } from "@/lib/services/webhooks";
import { webhookAttemptSchema, webhookDeliverySchema, webhookSchema } from "@/lib/validation/webhooks";
import { z } from "zod";
import { component, itemsOf, type Fits, type OpenApiKit, type Result } from "../kit";
import * as attemptsRoute from "@/app/api/team/webhook-deliveries/[id]/attempts/route";
import * as deliveriesRoute from "@/app/api/team/webhooks/[id]/deliveries/route";
import * as redeliverRoute from "@/app/api/team/webhook-deliveries/[id]/redeliver/route";
import * as rotateRoute from "@/app/api/team/webhooks/[id]/rotate/route";
import * as testRoute from "@/app/api/team/webhooks/[id]/test/route";
import * as webhooksByIdRoute from "@/app/api/team/webhooks/[id]/route";
import * as webhooksRoute from "@/app/api/team/webhooks/route";

// Team webhooks (issue 15): admins' settings and delivery log. Payload and signature: docs/webhooks.md.

void (true satisfies Fits<{ items: Result<typeof listWebhooks> }, z.infer<ReturnType<typeof itemsOf<typeof webhookSchema>>>>);
void (true satisfies Fits<{ items: Result<typeof listDeliveries> }, z.infer<ReturnType<typeof itemsOf<typeof webhookDeliverySchema>>>>);
void (true satisfies Fits<{ items: Result<typeof listDeliveryAttempts> }, z.infer<ReturnType<typeof itemsOf<typeof webhookAttemptSchema>>>>);

const SIGNING =
  "Each delivery is a POST with the header `X-SW-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">` keyed with the webhook's secret, " +
  "and a JSON body whose `id` stays the same on every retry and redelivery (deduplicate on it). See docs/webhooks.md.";

export function registerWebhooks(kit: OpenApiKit) {
  const { operation, ok, created, noContent } = kit;
  const Webhook = component("Webhook", webhookSchema);
  const WebhookList = component("WebhookList", itemsOf(webhookSchema));
  const WebhookDelivery = component("WebhookDelivery", webhookDeliverySchema);
  const WebhookDeliveryList = component("WebhookDeliveryList", itemsOf(webhookDeliverySchema));
  const WebhookAttemptList = component("WebhookAttemptList", itemsOf(webhookAttemptSchema));
  operation({
    method: "get",
    path: "/api/team/webhooks",
    operationId: "listWebhooks",
    tag: "Team",
    summary: "The team's webhooks (never their secrets)",
    route: webhooksRoute.GET,
    responses: { 200: ok("The webhooks", WebhookList) },
  });
  operation({
    method: "post",
    path: "/api/team/webhooks",
    operationId: "createWebhook",
    tag: "Team",
    summary: "Add a webhook: a URL, the kinds of event it wants, and a body format",
    description: `The signing secret (\`secret\`) is in this response only. ${SIGNING} A private or internal address is refused unless the server's fetch settings allow it.`,
    route: webhooksRoute.POST,
    body: { id: "CreateWebhook", description: "The URL, event kinds and format (json, slack or teams)" },
    responses: { 201: created("The webhook, with its secret", Webhook) },
  });
  operation({
    method: "patch",
    path: "/api/team/webhooks/{id}",
    operationId: "updateWebhook",
    tag: "Team",
    summary: "Change a webhook's URL, kinds or format, or enable or disable it",
    description: "A webhook disabled after 20 failed deliveries in a row is enabled again with `enabled: true`.",
    route: webhooksByIdRoute.PATCH,
    id: "webhook",
    body: { id: "UpdateWebhook", description: "The fields to change" },
    responses: { 200: ok("The webhook", Webhook) },
  });
  operation({
    method: "delete",
    path: "/api/team/webhooks/{id}",
    operationId: "deleteWebhook",
    tag: "Team",
    summary: "Remove a webhook and its delivery log",
    route: webhooksByIdRoute.DELETE,
    id: "webhook",
    responses: { 204: noContent },
  });
  operation({
    method: "post",
    path: "/api/team/webhooks/{id}/rotate",
    operationId: "rotateWebhookSecret",
    tag: "Team",
    summary: "Give a webhook a new signing secret, shown once; the old one stops signing at once",
    route: rotateRoute.POST,
    id: "webhook",
    responses: { 200: ok("The webhook, with its new secret", Webhook) },
  });
  operation({
    method: "post",
    path: "/api/team/webhooks/{id}/test",
    operationId: "sendTestDelivery",
    tag: "Team",
    summary: "Queue a test delivery (type `test`) to the webhook",
    route: testRoute.POST,
    id: "webhook",
    responses: { 202: ok("The delivery, queued", WebhookDelivery) },
  });
  operation({
    method: "get",
    path: "/api/team/webhooks/{id}/deliveries",
    operationId: "listWebhookDeliveries",
    tag: "Team",
    summary: "The webhook's last 50 deliveries, newest first: status, attempts, response code, time, duration and an excerpt of the answer",
    route: deliveriesRoute.GET,
    id: "webhook",
    responses: { 200: ok("The deliveries", WebhookDeliveryList) },
  });
  operation({
    method: "get",
    path: "/api/team/webhook-deliveries/{id}/attempts",
    operationId: "listWebhookDeliveryAttempts",
    tag: "Team",
    summary: "Every attempt of a delivery, newest first (the last 100): number, time, response code (null when there was no answer), duration, an excerpt of the answer or why there was none, and the outcome",
    description: "The delivery's own `responseStatus`, `durationMs` and `responseExcerpt` are those of its latest attempt. Deliveries attempted before the attempt log existed list no attempts.",
    route: attemptsRoute.GET,
    id: "webhook delivery",
    responses: { 200: ok("The attempts", WebhookAttemptList) },
  });
  operation({
    method: "post",
    path: "/api/team/webhook-deliveries/{id}/redeliver",
    operationId: "redeliverWebhook",
    tag: "Team",
    summary: "Send a delivery again, with the same id and body",
    route: redeliverRoute.POST,
    id: "webhook delivery",
    responses: { 202: ok("The delivery, queued", WebhookDelivery) },
  });
}
