"use client";

import { useState } from "react";
import { apiFetch } from "@/lib/query/api";
import { formatDateTime } from "@/lib/ui/format";
import type { EmailPreferencesView, FeedTokenView } from "@/lib/validation/email";
import { useAction } from "../../team/use-action";

/** Make (or remake) and revoke the personal feed's secret link; the link is shown once. */
export function FeedPanel({ feed }: { feed: EmailPreferencesView["feed"] }) {
  const { run, pending, error } = useAction();
  const [made, setMade] = useState<FeedTokenView | null>(null);

  async function make() {
    const result = await run(() => apiFetch<FeedTokenView>("/api/notifications/feed-token", { method: "POST", body: {} }));
    if (result) setMade(result);
  }
  async function revoke() {
    setMade(null);
    await run(() => apiFetch<void>("/api/notifications/feed-token", { method: "DELETE" }));
  }

  return (
    <div className="stack">
      {feed ? (
        <p>
          You have a feed link, made {formatDateTime(feed.createdAt)}; last read {feed.lastUsedAt ? formatDateTime(feed.lastUsedAt) : "never"}.
        </p>
      ) : (
        <p className="muted">You have no feed link.</p>
      )}
      <div className="filter-actions">
        <button type="button" className="button primary" disabled={pending} onClick={() => void make()}>
          {feed ? "Make a new link (the old one stops working)" : "Make a feed link"}
        </button>
        {feed && (
          <button type="button" className="button" disabled={pending} onClick={() => void revoke()}>
            Revoke the link
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
      {made && (
        <div className="notice" role="status">
          <p>Copy your feed link now: it is stored hashed and cannot be shown again.</p>
          <label className="field">
            <span>Feed link</span>
            <input readOnly value={made.url} onFocus={(event) => event.currentTarget.select()} />
          </label>
        </div>
      )}
    </div>
  );
}
