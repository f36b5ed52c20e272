import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { createEntitySchema, DecideHitInput, EntityDetail, HitView, TrackDocumentNamesInput, TrackedEntities, UpdateEntityInput } from "@/lib/validation/entities";
import { apiFetch } from "./api";

// Tracked entities and their hits in the browser's query cache.
export const entityKeys = {
  all: ["entities"] as const,
  detail: (id: string) => [...entityKeys.all, "detail", id] as const,
};

export const entityQueryOptions = (id: string) =>
  queryOptions({ queryKey: entityKeys.detail(id), queryFn: ({ signal }) => apiFetch<EntityDetail>(`/api/entities/${id}`, { signal }) });

export type CreateEntityRequest = z.input<typeof createEntitySchema>;

export const entityRequests = {
  create: (input: CreateEntityRequest) => apiFetch<EntityDetail>("/api/entities", { method: "POST", body: input }),
  update: (id: string, version: number, changes: UpdateEntityInput) => apiFetch<EntityDetail>(`/api/entities/${id}`, { method: "PATCH", body: changes, ifMatch: version }),
  remove: (id: string, version: number) => apiFetch<void>(`/api/entities/${id}`, { method: "DELETE", ifMatch: version }),
  merge: (id: string, version: number, from: string) => apiFetch<EntityDetail>(`/api/entities/${id}/merge`, { method: "POST", body: { from }, ifMatch: version }),
  trackIssueActors: (issueId: string, actors: string[]) => apiFetch<TrackedEntities>(`/api/issues/${issueId}/entities`, { method: "POST", body: { actors } }),
  trackDocumentNames: (documentId: string, names: NonNullable<TrackDocumentNamesInput["names"]>) =>
    apiFetch<TrackedEntities>(`/api/documents/${documentId}/entities`, { method: "POST", body: { names } }),
  decide: (hitId: string, input: DecideHitInput) => apiFetch<HitView>(`/api/hits/${hitId}`, { method: "PATCH", body: input }),
};
