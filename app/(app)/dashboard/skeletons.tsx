// Placeholders in the shape of what is coming, so the page does not jump when it arrives. They are
// hidden from assistive technology; the one live "Loading…" message is in DashboardSkeleton.

export function ChartSkeleton() {
  return <div className="dash-skeleton dash-skeleton-chart" aria-hidden="true" />;
}

export function DashboardSkeleton() {
  return (
    <div className="dash-grid" aria-busy="true">
      <p role="status" className="visually-hidden">
        Loading the dashboard…
      </p>
      <div className="dash-skeleton dash-skeleton-tiles dash-span-all" aria-hidden="true" />
      {["matrix", "due", "status", "category", "evidence", "moves", "changes"].map((part) => (
        <div key={part} className={`card dash-card${part === "changes" ? " dash-span-all" : ""}`} aria-hidden="true">
          <div className="dash-skeleton dash-skeleton-heading" />
          <div className={`dash-skeleton ${part === "matrix" ? "dash-skeleton-matrix" : "dash-skeleton-chart"}`} />
        </div>
      ))}
    </div>
  );
}
