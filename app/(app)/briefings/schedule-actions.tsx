"use client";

import { apiFetch } from "@/lib/query/api";
import { useAction } from "../team/use-action";

/** A schedule's buttons: pause or resume, follow or unfollow, delete (with a confirmation). */
export function ScheduleActions({ id, title, paused, following, canEdit }: { id: string; title: string; paused: boolean; following: boolean; canEdit: boolean }) {
  const { run, pending, error } = useAction();
  const patch = (body: object) => run(() => apiFetch(`/api/briefings/schedules/${id}`, { method: "PATCH", body }));
  return (
    <div className="notification-actions">
      <button
        type="button"
        className="button small-button"
        disabled={pending}
        aria-label={`${following ? "Unfollow" : "Follow"} the schedule ${title}`}
        onClick={() => void run(() => apiFetch("/api/follows", { method: "PUT", body: { kind: "briefing_schedule", targetId: id, following: !following } }))}
      >
        {following ? "Unfollow" : "Follow"}
      </button>
      {canEdit && (
        <>
          <button type="button" className="button small-button" disabled={pending} aria-label={`${paused ? "Resume" : "Pause"} the schedule ${title}`} onClick={() => void patch({ paused: !paused })}>
            {paused ? "Resume" : "Pause"}
          </button>
          <button
            type="button"
            className="button small-button"
            disabled={pending}
            aria-label={`Delete the schedule ${title}`}
            onClick={() => {
              if (window.confirm(`Delete the schedule “${title}”? The briefings it made stay.`)) void run(() => apiFetch(`/api/briefings/schedules/${id}`, { method: "DELETE" }));
            }}
          >
            Delete
          </button>
        </>
      )}
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
    </div>
  );
}
