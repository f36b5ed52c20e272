import Link from "next/link";
import { formatDate } from "@/lib/ui/format";
import type { Stats } from "@/lib/validation/stats";

/** The designation watch at a glance: hits waiting for an analyst, and the designations the team confirmed lately. */
export function Designations({ designations }: { designations: Stats["designations"] }) {
  const { toReview, waiting, recent } = designations;
  return (
    <section className="card dash-card" aria-labelledby="designations-title" data-chart="designations">
      <h2 id="designations-title">
        Designations <span className="dash-heading-count">({toReview} to review)</span>
      </h2>
      {toReview === 0 && recent.length === 0 ? (
        <p className="muted">No hits on your tracked entities. They are screened against every sanctions list when added and after each release.</p>
      ) : (
        <>
          <h3>Hits waiting for review</h3>
          {waiting.length === 0 ? (
            <p className="muted small">None: every hit has a decision.</p>
          ) : (
            <ul className="dash-due">
              {waiting.map((hit) => (
                <li key={hit.hitId}>
                  <Link href={`/entities/${hit.entity.id}`} className="issue-link">
                    {hit.entity.name}
                  </Link>
                  <div className="dash-due-meta small">
                    <span className={`badge level-${hit.level}`}>{hit.level === "match" ? "Match" : "To check"}</span>
                    <span className="muted">
                      {hit.name} on {hit.listName}, found {formatDate(hit.foundAt)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {toReview > waiting.length && (
            <p className="small">
              <Link href="/entities?hasHits=true">All {toReview} hits to review</Link>
            </p>
          )}
          <h3>Recently confirmed</h3>
          {recent.length === 0 ? (
            <p className="muted small">No designation confirmed yet.</p>
          ) : (
            <ul className="dash-due">
              {recent.map((hit) => (
                <li key={hit.hitId}>
                  <Link href={`/entities/${hit.entity.id}`} className="issue-link">
                    {hit.entity.name}
                  </Link>
                  <div className="dash-due-meta small">
                    <span className="badge designated">Designated</span>
                    <span className="muted">
                      {hit.listName}
                      {hit.programs.length > 0 && ` (${hit.programs.join(", ")})`}, confirmed {formatDate(hit.confirmedAt)}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
