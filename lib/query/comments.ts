import { queryOptions } from "@tanstack/react-query";
import type { CommentInput, CommentView } from "@/lib/validation/comments";
import { apiFetch } from "./api";

// Comments in the browser's query cache, by what they are on (an issue or a tracked entity).

export type CommentTarget = { kind: "issues" | "entities"; id: string };

export const commentKeys = {
  all: ["comments"] as const,
  on: (target: CommentTarget) => [...commentKeys.all, target.kind, target.id] as const,
};

const listPath = (target: CommentTarget) => `/api/${target.kind}/${encodeURIComponent(target.id)}/comments`;
const commentPath = (id: string) => `/api/comments/${encodeURIComponent(id)}`;

export const commentsQueryOptions = (target: CommentTarget) =>
  queryOptions({
    queryKey: commentKeys.on(target),
    queryFn: async ({ signal }) => (await apiFetch<{ items: CommentView[] }>(listPath(target), { signal })).items,
  });

export const commentRequests = {
  add: (target: CommentTarget, input: CommentInput) => apiFetch<CommentView>(listPath(target), { method: "POST", body: input }),
  edit: (comment: CommentView, input: CommentInput) => apiFetch<CommentView>(commentPath(comment.id), { method: "PATCH", body: input, ifMatch: comment.version }),
  remove: (comment: CommentView) => apiFetch<void>(commentPath(comment.id), { method: "DELETE", ifMatch: comment.version }),
};
