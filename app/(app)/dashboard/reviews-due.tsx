import Link from "next/link";
import { riskLevel } from "@/lib/domain/risk";
import { statusLabels } from "@/lib/domain/status";
import { formatDate } from "@/lib/ui/format";
import type { Stats } from "@/lib/validation/stats";

export function ReviewsDue({ reviews }: { reviews: Stats["reviewsDue"] }) {
  return (
    <section className="card dash-card" aria-labelledby="due-title" data-chart="due">
      <h2 id="due-title">
        Reviews due <span className="dash-heading-count">({reviews.total})</span>
      </h2>
      {reviews.total === 0 ? (
        <p className="muted">Nothing is due. Every open issue has a review date still to come.</p>
      ) : (
        <>
          <p className="muted small dash-summary">Open issues whose review date has passed or was never set, the longest waiting first.</p>
          <ul className="dash-due">
            {reviews.items.map((issue) => (
              <li key={issue.id}>
                <Link href={`/issues/${issue.id}`} className="issue-link">
                  {issue.title}
                </Link>
                <div className="dash-due-meta small">
                  <span className={`badge status-${issue.status}`}>{statusLabels[issue.status]}</span>
                  <span className={`risk risk-${riskLevel(issue.riskScore)}`} title="Risk score">
                    <span className="visually-hidden">risk </span>
                    {issue.riskScore}
                  </span>
                  <span className="muted">{issue.nextReviewAt ? `due since ${formatDate(issue.nextReviewAt)}` : "never reviewed"}</span>
                </div>
              </li>
            ))}
          </ul>
          <p className="small">
            <Link href="/watchlist?reviewDue=true&sort=review">
              {reviews.total > reviews.items.length ? `All ${reviews.total} due issues in the watchlist` : "Open them in the watchlist"}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
