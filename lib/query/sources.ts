import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { createSourceSchema, SourceView } from "@/lib/validation/sources";
import { apiFetch } from "./api";

// The team's sources (publishers with an Admiralty reliability) in the browser's query cache.
export const sourceKeys = {
  all: ["sources"] as const,
  list: () => [...sourceKeys.all, "list"] as const,
};

export const sourcesQueryOptions = () =>
  queryOptions({
    queryKey: sourceKeys.list(),
    queryFn: async ({ signal }) => (await apiFetch<{ items: SourceView[] }>("/api/sources", { signal })).items,
  });

export type CreateSourceRequest = z.input<typeof createSourceSchema>;

export const sourceRequests = {
  create: (input: CreateSourceRequest) => apiFetch<SourceView>("/api/sources", { method: "POST", body: input }),
};
