import type { z } from "zod";
import type { createFeedSchema, FeedPoll, FeedView, ImportOpmlInput, OpmlImport, UpdateFeedInput } from "@/lib/validation/feeds";
import { apiFetch } from "./api";

// The sources' feeds, from the Sources page.
export type CreateFeedRequest = z.input<typeof createFeedSchema>;

export const feedRequests = {
  create: (input: CreateFeedRequest) => apiFetch<FeedView>("/api/feeds", { method: "POST", body: input }),
  update: (id: string, changes: UpdateFeedInput) => apiFetch<FeedView>(`/api/feeds/${id}`, { method: "PATCH", body: changes }),
  remove: (id: string) => apiFetch<void>(`/api/feeds/${id}`, { method: "DELETE" }),
  poll: (id: string) => apiFetch<FeedPoll>(`/api/feeds/${id}/poll`, { method: "POST" }),
  importOpml: (input: ImportOpmlInput) => apiFetch<OpmlImport>("/api/feeds/opml", { method: "POST", body: input }),
};
