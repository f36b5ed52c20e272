import Link from "next/link";

// Absent or another team's document: both look the same, so nothing leaks about other teams.
export default function DocumentNotFound() {
  return (
    <div className="empty-state stack">
      <h1>Document not found</h1>
      <p>This document is not in your team&apos;s library.</p>
      <p>
        <Link href="/library">Back to the evidence library</Link>
      </p>
    </div>
  );
}
