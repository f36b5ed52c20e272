import Link from "next/link";
import { Pager } from "@/app/components/pager";
import { credibilityLabels, reliabilityLabels } from "@/lib/domain/grading";
import { stanceLabels, stances } from "@/lib/domain/stance";
import { formatDate, formatDateTime } from "@/lib/ui/format";
import { firstParam, safeUrl, viewHref, type RawParams } from "@/lib/ui/url";
import type { IssueEvidence, IssueEvidencePage } from "@/lib/validation/issues";

/** Where paging and filtering land: the evidence, not the top of the page. */
const ANCHOR = "#evidence-heading";

/**
 * The issue's evidence a page at a time, newest first (issue 17: a busy issue has over a thousand items),
 * with its totals by stance and grade and a search of the quotes. The view lives in the URL (`q`, `stance`,
 * `grade`, `page`) and the form is a plain GET form, like the library's: bookmarkable, and usable from the
 * keyboard without JavaScript.
 */
export function EvidenceList({ issueId, evidence, raw, valid }: { issueId: string; evidence: IssueEvidencePage; raw: RawParams; valid: boolean }) {
  const { totals } = evidence;
  const path = `/issues/${issueId}`;
  const filtered = valid && ["q", "stance", "grade"].some((key) => key in raw);
  const first = (key: string) => firstParam(raw, key);
  const from = (evidence.page - 1) * evidence.pageSize + 1;
  const to = from + evidence.items.length - 1;
  return (
    <section aria-labelledby="evidence-heading" className="stack">
      <h2 id="evidence-heading">Evidence ({totals.total.toLocaleString("en-GB")})</h2>
      {totals.total === 0 ? (
        <div className="empty-state">
          <p>
            <strong>No evidence yet</strong>
          </p>
          <p className="muted">Quoted passages from articles and official statements will be listed here, each with its grade, once they are linked to this issue.</p>
        </div>
      ) : (
        <>
          <dl className="evidence-totals small">
            <dt>By stance</dt>
            <dd>{stances.map((stance) => `${stanceLabels[stance]} ${totals.byStance[stance].toLocaleString("en-GB")}`).join(" · ")}</dd>
            <dt>By grade</dt>
            <dd>{totals.byGrade.map(({ grade, count }) => `${grade} ${count.toLocaleString("en-GB")}`).join(" · ")}</dd>
          </dl>

          <form method="get" action={`${path}${ANCHOR}`} className="filters" role="search" aria-label="Search this issue's evidence">
            <div className="field">
              <label htmlFor="evidence-q">Search the quotes</label>
              <input id="evidence-q" type="search" name="q" defaultValue={first("q")} maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="evidence-stance">Stance</label>
              <select id="evidence-stance" name="stance" defaultValue={first("stance")}>
                <option value="">Any stance</option>
                {stances.map((stance) => (
                  <option key={stance} value={stance}>
                    {stanceLabels[stance]} ({totals.byStance[stance]})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="evidence-grade">Grade</label>
              <select id="evidence-grade" name="grade" defaultValue={first("grade")}>
                <option value="">Any grade</option>
                {totals.byGrade.map(({ grade, count }) => (
                  <option key={grade} value={grade}>
                    {grade} ({count})
                  </option>
                ))}
              </select>
            </div>
            <div className="filter-actions">
              <button type="submit" className="button primary">
                Apply
              </button>
              {Object.keys(raw).length > 0 && (
                <Link href={`${path}${ANCHOR}`} className="button">
                  Clear filters
                </Link>
              )}
            </div>
          </form>

          {!valid && (
            <p role="alert" className="error-message">
              Some filters in the address were not understood, so the newest evidence is shown.
            </p>
          )}

          <p className="muted" aria-live="polite">
            {evidence.items.length === 0
              ? ""
              : `Showing ${from.toLocaleString("en-GB")}–${to.toLocaleString("en-GB")} of ${evidence.total.toLocaleString("en-GB")}${filtered ? " matching" : ""}, newest first`}
          </p>

          {evidence.items.length === 0 ? (
            <div className="empty-state">
              <h3>{filtered ? "No evidence matches these filters" : "No evidence on this page"}</h3>
              <p>
                <Link href={`${path}${ANCHOR}`}>{filtered ? "Clear the filters" : "Go to the newest evidence"}</Link>.
              </p>
            </div>
          ) : (
            <ul className="evidence-list">
              {evidence.items.map((item) => (
                <EvidenceItem key={item.id} evidence={item} />
              ))}
            </ul>
          )}
          <Pager
            page={evidence.page}
            pageSize={evidence.pageSize}
            total={evidence.total}
            href={(page) => `${viewHref(path, raw, { page: page === 1 ? undefined : page })}${ANCHOR}`}
            previous="← Newer"
            next="Older →"
          />
        </>
      )}
    </section>
  );
}

function EvidenceItem({ evidence }: { evidence: IssueEvidence }) {
  const { document } = evidence;
  const reliability = document.source?.reliability as keyof typeof reliabilityLabels | undefined;
  const url = safeUrl(document.url);
  return (
    <li className="card stack evidence">
      {/* The exact passage, as text: documents come from outside and are never rendered as HTML. */}
      <blockquote className="quote">{evidence.quote}</blockquote>
      <p className="evidence-grade">
        <span className="badge grade">
          <span className="visually-hidden">Grade </span>
          {evidence.grade}
        </span>{" "}
        {reliability ? `${reliabilityLabels[reliability]} source` : "Source reliability not graded"} ·{" "}
        {credibilityLabels[evidence.credibility] ?? `Credibility ${evidence.credibility}`} ·{" "}
        <span className={`badge stance-${evidence.stance}`}>{stanceLabels[evidence.stance]}</span>
      </p>
      <p className="small">
        From <cite>{url ? <a href={url}>{document.title}</a> : document.title}</cite>
        {document.source ? `, ${document.source.name}` : ""}
        {document.publishedAt ? `, ${formatDate(document.publishedAt)}` : ""}
      </p>
      {evidence.note && (
        <p>
          <strong>Note:</strong> {evidence.note}
        </p>
      )}
      <p className="muted small">Added {formatDateTime(evidence.createdAt)}</p>
    </li>
  );
}
