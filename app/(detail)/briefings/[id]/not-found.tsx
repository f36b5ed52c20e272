import Link from "next/link";

// Absent or another team's briefing: both look the same, so nothing leaks about other teams.
export default function BriefingNotFound() {
  return (
    <div className="empty-state stack">
      <h1>Briefing not found</h1>
      <p>This briefing does not exist or belongs to another team.</p>
      <p>
        <Link href="/briefings">Back to the briefings</Link>
      </p>
    </div>
  );
}
