import Link from "next/link";

// Absent, deleted, or another team's issue: all look the same, so nothing leaks about other teams.
export default function IssueNotFound() {
  return (
    <div className="empty-state stack">
      <h1>Issue not found</h1>
      <p>This issue does not exist, was deleted, or belongs to another team.</p>
      <p>
        <Link href="/watchlist">Back to the watchlist</Link>
      </p>
    </div>
  );
}
