import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type { CreateWebhookInput, UpdateWebhookInput, WebhookAttemptView, WebhookDeliveryView, WebhookView } from "@/lib/validation/webhooks";
import { apiFetch } from "./api";

// Team webhooks and their delivery logs in the browser's query cache (the admins' Webhooks page).

export const webhookKeys = {
  all: ["webhooks"] as const,
  deliveries: (webhookId: string) => [...webhookKeys.all, webhookId, "deliveries"] as const,
  /** Under the webhook's deliveries: what refreshes the log (a redelivery) refreshes the attempts too. */
  attempts: (webhookId: string, deliveryId: string) => [...webhookKeys.deliveries(webhookId), deliveryId, "attempts"] as const,
};

const webhookPath = (id: string) => `/api/team/webhooks/${encodeURIComponent(id)}`;

export const deliveriesQueryOptions = (webhookId: string) =>
  queryOptions({
    queryKey: webhookKeys.deliveries(webhookId),
    queryFn: async ({ signal }) => (await apiFetch<{ items: WebhookDeliveryView[] }>(`${webhookPath(webhookId)}/deliveries`, { signal })).items,
    // While a delivery waits for its next attempt, look again every few seconds.
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === "pending") ? 3_000 : false),
  });

/**
 * A delivery's attempts, newest first. Keyed by the delivery's count of attempts too: when the log (which polls
 * while a delivery waits) shows a new attempt, the open attempt list fetches again, the old one shown meanwhile.
 */
export const attemptsQueryOptions = (webhookId: string, deliveryId: string, attempts: number) =>
  queryOptions({
    queryKey: [...webhookKeys.attempts(webhookId, deliveryId), attempts],
    queryFn: async ({ signal }) =>
      (await apiFetch<{ items: WebhookAttemptView[] }>(`/api/team/webhook-deliveries/${encodeURIComponent(deliveryId)}/attempts`, { signal })).items,
    placeholderData: keepPreviousData,
  });

export const webhookRequests = {
  create: (input: Partial<CreateWebhookInput>) => apiFetch<WebhookView>("/api/team/webhooks", { method: "POST", body: input }),
  update: (id: string, changes: UpdateWebhookInput) => apiFetch<WebhookView>(webhookPath(id), { method: "PATCH", body: changes }),
  remove: (id: string) => apiFetch<void>(webhookPath(id), { method: "DELETE" }),
  rotate: (id: string) => apiFetch<WebhookView>(`${webhookPath(id)}/rotate`, { method: "POST" }),
  test: (id: string) => apiFetch<WebhookDeliveryView>(`${webhookPath(id)}/test`, { method: "POST" }),
  redeliver: (deliveryId: string) => apiFetch<WebhookDeliveryView>(`/api/team/webhook-deliveries/${encodeURIComponent(deliveryId)}/redeliver`, { method: "POST" }),
};
