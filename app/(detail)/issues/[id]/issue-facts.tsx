import { hsHeadingByCode, JURISDICTIONS } from "@/lib/analysis/taxonomy";
import { likelihoodLabels, likelihoodRanges } from "@/lib/domain/likelihood";
import { impactLabels, riskLevel, RISK_MAX } from "@/lib/domain/risk";
import { statusLabels } from "@/lib/domain/status";
import { formatDate, formatDateTime } from "@/lib/ui/format";
import type { IssueSummary } from "@/lib/validation/issues";
import type { Person } from "@/lib/validation/team";

const riskLevelLabels = { low: "Low", medium: "Medium", high: "High", critical: "Critical" } as const;

export function StatusBadge({ status }: { status: IssueSummary["status"] }) {
  return <span className={`badge status-${status}`}>{statusLabels[status]}</span>;
}

function List({ items, describe }: { items: string[]; describe?: (item: string) => string | undefined }) {
  if (items.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="inline-list">
      {items.map((item) => {
        const description = describe?.(item);
        return <li key={item}>{description ? `${item} (${description})` : item}</li>;
      })}
    </ul>
  );
}

/** "Dana Analyst", with the email for who is who when names repeat. */
export function OwnerName({ owner }: { owner: Person }) {
  return (
    <>
      {owner.name} <span className="muted small">({owner.email})</span>
    </>
  );
}

/** The issue's judgment and scope, read-only: what the edit form changes. */
export function IssueFacts({ issue }: { issue: IssueSummary }) {
  const level = riskLevel(issue.riskScore);
  return (
    <>
      <section aria-labelledby="summary-heading" className="card">
        <h2 id="summary-heading">Summary</h2>
        {issue.summary ? <p className="issue-summary">{issue.summary}</p> : <p className="muted">No summary yet.</p>}
      </section>
      <section aria-labelledby="assessment-heading" className="card">
        <h2 id="assessment-heading">Assessment</h2>
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <StatusBadge status={issue.status} />
            </dd>
          </div>
          <div>
            <dt>Likelihood</dt>
            <dd>
              {likelihoodLabels[issue.likelihood]} <span className="muted">({likelihoodRanges[issue.likelihood]})</span>
            </dd>
          </div>
          <div>
            <dt>Impact</dt>
            <dd>
              {issue.impact} · {impactLabels[issue.impact]}
            </dd>
          </div>
          <div>
            <dt>Risk</dt>
            <dd>
              <span className={`risk risk-${level}`}>{issue.riskScore}</span> {riskLevelLabels[level]}{" "}
              <span className="muted">(likelihood × impact, of {RISK_MAX})</span>
            </dd>
          </div>
          <div>
            <dt>Category</dt>
            <dd>{issue.category.name}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{issue.owner ? <OwnerName owner={issue.owner} /> : <span className="muted">Unassigned</span>}</dd>
          </div>
          <div>
            <dt>Next review</dt>
            <dd>
              {issue.nextReviewAt ? formatDate(issue.nextReviewAt) : "Not scheduled"}
              {issue.reviewDue && <span className="badge due">Review due</span>}
            </dd>
          </div>
          <div>
            <dt>Jurisdictions</dt>
            <dd>
              <List items={issue.jurisdictions} describe={(code) => JURISDICTIONS.find((j) => j.code === code)?.name} />
            </dd>
          </div>
          <div>
            <dt>HS codes</dt>
            <dd>
              <List items={issue.hsCodes} describe={(code) => hsHeadingByCode(code)?.description} />
            </dd>
          </div>
          <div>
            <dt>Actors</dt>
            <dd>
              <List items={issue.actors} />
            </dd>
          </div>
          <div>
            <dt>Tags</dt>
            <dd>
              <List items={issue.tags} />
            </dd>
          </div>
          <div>
            <dt>Last changed</dt>
            <dd>
              {formatDateTime(issue.updatedAt)} <span className="muted">(version {issue.version})</span>
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}
