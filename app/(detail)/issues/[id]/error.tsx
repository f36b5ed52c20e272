"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";

// An unexpected failure while loading the issue (an absent issue is not-found.tsx, not this).
export default function IssueError({ error, retry }: { error: unknown; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    console.error(error);
    heading.current?.focus();
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div className="card stack" role="alert">
      <h1 ref={heading} tabIndex={-1}>
        This issue could not be loaded
      </h1>
      <p>Something went wrong on our side while loading this issue. Try again in a moment.</p>
      {digest && <p className="muted small">Reference for the administrator: {digest}</p>}
      <div className="form-actions">
        <button type="button" className="button primary" onClick={() => retry()}>
          Try again
        </button>
        <Link href="/watchlist" className="button">
          Back to the watchlist
        </Link>
      </div>
    </div>
  );
}
