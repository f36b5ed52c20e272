"use client";

import { useState, type FormEvent } from "react";
import { MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from "@/lib/feeds/schedule";
import { feedRequests } from "@/lib/query/feeds";
import type { FeedView } from "@/lib/validation/feeds";
import { useAction } from "../team/use-action";

const POLL_RESULTS = { polled: "Polled", not_modified: "Polled: not modified", failed: "The poll failed" } as const;

/** A feed's controls for analysts: poll now, its interval, on or off, delete. */
export function FeedActions({ feed }: { feed: Pick<FeedView, "id" | "title" | "intervalMinutes" | "enabled"> }) {
  const { run, pending, error } = useAction();
  const [result, setResult] = useState<string | null>(null);

  async function pollNow() {
    const poll = await run(() => feedRequests.poll(feed.id));
    if (poll) setResult(`${POLL_RESULTS[poll.status]}${poll.status === "polled" ? `: ${poll.newItems} new item${poll.newItems === 1 ? "" : "s"}` : ""}.`);
  }

  function saveInterval(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const minutes = Number(new FormData(event.currentTarget).get("intervalMinutes"));
    void run(() => feedRequests.update(feed.id, { intervalMinutes: minutes }));
  }

  function remove() {
    if (window.confirm(`Stop following “${feed.title}”? Its items stay in the inbox.`)) void run(() => feedRequests.remove(feed.id));
  }

  return (
    <div className="stack tight">
      <div className="form-actions">
        <button type="button" className="button" disabled={pending} onClick={pollNow} aria-label={`Poll ${feed.title} now`}>
          Poll now
        </button>
        <button type="button" className="button" disabled={pending} onClick={() => run(() => feedRequests.update(feed.id, { enabled: !feed.enabled }))} aria-label={`${feed.enabled ? "Disable" : "Enable"} ${feed.title}`}>
          {feed.enabled ? "Disable" : "Enable"}
        </button>
        <button type="button" className="button danger" disabled={pending} onClick={remove} aria-label={`Delete ${feed.title}`}>
          Delete
        </button>
      </div>
      <form className="form-actions" onSubmit={saveInterval} aria-label={`Interval of ${feed.title}`}>
        <label className="field narrow">
          Every (minutes)
          <input name="intervalMinutes" type="number" min={MIN_INTERVAL_MINUTES} max={MAX_INTERVAL_MINUTES} step={1} defaultValue={feed.intervalMinutes} />
        </label>
        <button type="submit" className="button" disabled={pending}>
          Save interval
        </button>
      </form>
      <p aria-live="polite" className="muted small">
        {result}
      </p>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
    </div>
  );
}
