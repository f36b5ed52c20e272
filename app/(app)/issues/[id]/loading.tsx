// Shown while the issue, its evidence and its timeline load on the server.
export default function LoadingIssue() {
  return (
    <div className="stack" role="status" aria-live="polite">
      <p className="visually-hidden">Loading the issue…</p>
      <div className="skeleton skeleton-title" aria-hidden="true" />
      <div className="card skeleton-block" aria-hidden="true" />
      <div className="card skeleton-block" aria-hidden="true" />
    </div>
  );
}
