// Shown while any signed-in page loads on navigation: a neutral outline of a page (a title and a
// few blocks), since it stands in for the dashboard, the watchlist and the rest alike.
export default function Loading() {
  return (
    <div className="dash-loading" aria-busy="true">
      <p role="status" className="visually-hidden">
        Loading…
      </p>
      <div className="dash-skeleton dash-skeleton-title" aria-hidden="true" />
      <div className="dash-skeleton dash-skeleton-tiles" aria-hidden="true" />
      <div className="dash-skeleton dash-skeleton-chart" aria-hidden="true" />
      <div className="dash-skeleton dash-skeleton-chart" aria-hidden="true" />
    </div>
  );
}
