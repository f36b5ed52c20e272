"use client";

import { useState } from "react";
import { apiFetch } from "@/lib/query/api";
import { useAction } from "@/app/(app)/team/use-action";

/** Follows or unfollows an issue or an entity: its followers are notified of what happens to it. */
export function FollowButton({ kind, targetId, what, initial }: { kind: "issue" | "entity"; targetId: string; what: string; initial: boolean }) {
  const [following, setFollowing] = useState(initial);
  const { run, pending, error } = useAction();
  async function toggle() {
    const result = await run(() => apiFetch<{ following: boolean }>("/api/follows", { method: "PUT", body: { kind, targetId, following: !following } }));
    if (result) setFollowing(result.following);
  }
  return (
    <div className="follow">
      <button type="button" className="button small-button" disabled={pending} onClick={() => void toggle()}>
        {following ? "Unfollow" : "Follow"}
      </button>{" "}
      <span className="muted small" role="status">
        {following ? `You follow this ${what} and are notified of its changes.` : `Follow this ${what} to be notified of its changes.`}
      </span>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
    </div>
  );
}
