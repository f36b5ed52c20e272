"use client";

import { apiFetch } from "@/lib/query/api";
import { useAction } from "../team/use-action";

/** Runs a failed job again; the page refreshes to show it waiting. */
export function RetryButton({ jobId, jobName }: { jobId: string; jobName: string }) {
  const { run, pending, error } = useAction();
  return (
    <>
      <button type="button" className="button" disabled={pending} aria-label={`Retry ${jobName}`} onClick={() => run(() => apiFetch(`/api/admin/jobs/${jobId}/retry`, { method: "POST" }))}>
        {pending ? "Retrying…" : "Retry"}
      </button>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
    </>
  );
}
