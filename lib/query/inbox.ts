import type { BulkDismissInput, InboxItemView } from "@/lib/validation/inbox";
import { apiFetch } from "./api";

// The inbox's triage from the /inbox page, and the unread count in the navigation.
export const inboxKeys = {
  all: ["inbox"] as const,
  unread: () => [...inboxKeys.all, "unread"] as const,
};

export const inboxRequests = {
  unread: async (signal?: AbortSignal) => (await apiFetch<{ unread: number }>("/api/inbox/unread", { signal })).unread,
  dismiss: (id: string, reason?: string) => apiFetch<InboxItemView>(`/api/inbox/${id}/dismiss`, { method: "POST", body: reason ? { reason } : {} }),
  dismissMany: (input: BulkDismissInput) => apiFetch<{ dismissed: number }>("/api/inbox/dismiss", { method: "POST", body: input }),
  snooze: (id: string, until: string) => apiFetch<InboxItemView>(`/api/inbox/${id}/snooze`, { method: "POST", body: { until } }),
};
