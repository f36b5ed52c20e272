"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { isApiError } from "@/lib/query/api";
import { issueKeys, issueRequests } from "@/lib/query/issues";

/** Soft delete with a confirm step: the issue leaves the watchlist, its history stays, an admin can restore it. */
export function DeleteIssue({ id, version, title }: { id: string; version: number; title: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const keep = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);

  const remove = useMutation({
    mutationFn: () => issueRequests.remove(id, version),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: issueKeys.detail(id) });
      router.push("/watchlist");
    },
    onError: (error) => {
      // Someone changed it meanwhile: show them the current version before anything is deleted.
      if (isApiError(error, "precondition_failed")) void queryClient.invalidateQueries({ queryKey: issueKeys.detail(id) });
    },
  });

  if (!confirming) {
    return (
      <button
        type="button"
        ref={start}
        className="button danger"
        onClick={() => {
          flushSync(() => setConfirming(true));
          keep.current?.focus();
        }}
      >
        Delete
      </button>
    );
  }
  return (
    <div role="group" aria-labelledby="delete-question" className="notice stack delete-confirm">
      <p id="delete-question">
        Delete “{title}”? It leaves the watchlist but keeps its history, and an admin can restore it.
      </p>
      {remove.error && (
        <p role="alert" className="error-message">
          {isApiError(remove.error, "precondition_failed")
            ? "Someone changed this issue since you opened it. Check the current version, then delete again if you still mean to."
            : remove.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button danger" onClick={() => remove.mutate()} disabled={remove.isPending || remove.isSuccess}>
          {remove.isPending || remove.isSuccess ? "Deleting…" : "Yes, delete it"}
        </button>
        <button
          type="button"
          ref={keep}
          className="button"
          onClick={() => {
            remove.reset();
            flushSync(() => setConfirming(false));
            start.current?.focus();
          }}
        >
          Keep it
        </button>
      </div>
    </div>
  );
}
