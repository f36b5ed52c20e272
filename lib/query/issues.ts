import { infiniteQueryOptions, queryOptions } from "@tanstack/react-query";
import { riskScore } from "@/lib/domain/risk";
import { summaryOf, TIMELINE_PAGE_SIZE, type CreateIssueInput, type HistoryEvent, type IssueDetail, type IssueHistoryPage, type IssueSummary, type UpdateIssueInput } from "@/lib/validation/issues";
import type { Person } from "@/lib/validation/team";
import { apiFetch } from "./api";

// Issues in the browser's query cache: one key factory, so a mutation can invalidate by prefix
// (the history sits under its issue's key and is refreshed with it).
export const issueKeys = {
  all: ["issues"] as const,
  detail: (id: string) => [...issueKeys.all, "detail", id] as const,
  history: (id: string) => [...issueKeys.detail(id), "history"] as const,
};

const issuePath = (id: string) => `/api/issues/${encodeURIComponent(id)}`;

/** The issue's fields, without its evidence: the page renders the evidence on the server, a page at a time. */
export const issueQueryOptions = (id: string) =>
  queryOptions({
    queryKey: issueKeys.detail(id),
    queryFn: async ({ signal }): Promise<IssueSummary> => summaryOf(await apiFetch<IssueDetail>(issuePath(id), { signal })),
  });

export const issueHistoryQueryOptions = (id: string) =>
  queryOptions({
    queryKey: issueKeys.history(id),
    queryFn: async ({ signal }) => (await apiFetch<{ items: HistoryEvent[] }>(`${issuePath(id)}/history`, { signal })).items,
  });

/** The timeline's older events, a page at a time, before the oldest event the page was rendered with. */
export const olderHistoryQueryOptions = (id: string, oldestShown: string) =>
  infiniteQueryOptions({
    queryKey: [...issueKeys.history(id), "before", oldestShown],
    queryFn: ({ pageParam, signal }) =>
      apiFetch<IssueHistoryPage>(`${issuePath(id)}/history?${new URLSearchParams({ limit: String(TIMELINE_PAGE_SIZE), before: pageParam })}`, { signal }),
    initialPageParam: oldestShown,
    getNextPageParam: (page) => (page.more ? page.items[0]?.id : undefined),
  });

/** The writes, each against the version the user saw (If-Match), so no one's edit is lost silently. */
export const issueRequests = {
  create: (input: CreateIssueInput) => apiFetch<IssueDetail>("/api/issues", { method: "POST", body: input }),
  update: (id: string, version: number, changes: UpdateIssueInput) =>
    apiFetch<IssueDetail>(issuePath(id), { method: "PATCH", body: changes, ifMatch: version }),
  remove: (id: string, version: number) => apiFetch<void>(issuePath(id), { method: "DELETE", ifMatch: version }),
};

/**
 * What the issue will look like once the server accepts the changes: shown at once (optimistic
 * update) and replaced by the server's answer, or rolled back on error. The version stays the one
 * the user saw until the server confirms.
 */
export function issueWithChanges(issue: IssueSummary, changes: UpdateIssueInput, categories: { slug: string; name: string }[], members: Person[]): IssueSummary {
  const { category, nextReviewAt, ...fields } = changes;
  delete fields.rationale; // not part of the issue: it shows in the timeline once the server has recorded it
  const next: IssueSummary = { ...issue, ...fields };
  if (category) next.category = categories.find((c) => c.slug === category) ?? { slug: category, name: category };
  if (fields.ownerId !== undefined) next.owner = members.find((m) => m.id === fields.ownerId) ?? null;
  if (nextReviewAt !== undefined) next.nextReviewAt = nextReviewAt ? nextReviewAt.toISOString() : null;
  next.riskScore = riskScore(next.likelihood, next.impact);
  return next;
}
