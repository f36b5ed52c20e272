"use client";

import { useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/query/api";
import { useAction } from "../team/use-action";
import { unreadQueryKey } from "../notification-bell";

/** Marks notifications read (some by id, or all) and refreshes the list and the bell. */
function useMarkRead() {
  const { run, pending, error } = useAction();
  const queryClient = useQueryClient();
  const mark = (body: { ids: string[] } | { all: true }) =>
    run(async () => {
      const result = await apiFetch<{ unread: number }>("/api/notifications/read", { method: "POST", body });
      queryClient.setQueryData(unreadQueryKey, result.unread);
      return result;
    });
  return { mark, pending, error };
}

function Failure({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error-message">
      {error}
    </p>
  ) : null;
}

export function MarkAllRead({ disabled }: { disabled: boolean }) {
  const { mark, pending, error } = useMarkRead();
  return (
    <>
      <button type="button" className="button" disabled={disabled || pending} onClick={() => void mark({ all: true })}>
        Mark all read
      </button>
      <Failure error={error} />
    </>
  );
}

/** One notification's actions: mark it read, and stop following what it is about (nothing to unfollow for an admins' notice). */
export function NotificationActions({ id, title, read, subject }: { id: string; title: string; read: boolean; subject: { type: "issue" | "entity" | "briefing_schedule" | "category"; id: string } | null }) {
  const { mark, pending, error } = useMarkRead();
  const what = subject?.type === "briefing_schedule" ? "schedule" : subject?.type;
  const unfollow = useAction();
  return (
    <div className="notification-actions">
      {!read && (
        <button type="button" className="button small-button" disabled={pending} aria-label={`Mark read: ${title}`} onClick={() => void mark({ ids: [id] })}>
          Mark read
        </button>
      )}
      {subject && <button
        type="button"
        className="button small-button"
        disabled={unfollow.pending}
        aria-label={`Unfollow this ${what}: ${title}`}
        onClick={() => void unfollow.run(() => apiFetch("/api/follows", { method: "PUT", body: { kind: subject.type, targetId: subject.id, following: false } }))}
      >
        Unfollow {what}
      </button>}
      <Failure error={error ?? unfollow.error} />
    </div>
  );
}
