import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { likelihoodLabels } from "@/lib/domain/likelihood";
import { riskLevel } from "@/lib/domain/risk";
import { statusLabels } from "@/lib/domain/status";
import { listCategories } from "@/lib/services/categories";
import { listIssues } from "@/lib/services/watchlist";
import { Pager } from "@/app/components/pager";
import { formatDate } from "@/lib/ui/format";
import { presentParams, viewHref } from "@/lib/ui/url";
import { listIssuesQuerySchema, type ListIssuesQuery } from "@/lib/validation/issues";
import { FilterSelect } from "@/app/components/filter-select";
import { CategoryOptions, StatusOptions } from "@/app/components/issue-options";

export const metadata: Metadata = { title: "Watchlist" };

type SearchParams = Record<string, string | string[] | undefined>;

// The view lives in the URL (filters, sort, page) so it can be bookmarked and shared; the filter
// form is a plain GET form, so it works from the keyboard and without JavaScript.
export default async function WatchlistPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const raw = presentParams(await searchParams);
  const parsed = listIssuesQuerySchema.safeParse(raw);
  const query: ListIssuesQuery = parsed.success ? parsed.data : listIssuesQuerySchema.parse({});
  const [page, categories] = await Promise.all([listIssues(actor, query), listCategories(actor)]);
  const filtered = Object.keys(raw).some((k) => !["sort", "page", "pageSize"].includes(k));
  const href = (change: Record<string, string | number | undefined>) => viewHref("/watchlist", raw, change);
  const sortLink = (field: "title" | "risk" | "updated" | "review", label: string) => {
    const active = query.sort.replace("-", "") === field;
    const descending = query.sort.startsWith("-");
    const next = active && descending ? field : `-${field}`;
    return (
      <th scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : "none"}>
        <Link href={href({ sort: next, page: undefined })}>
          {label}
          {active ? (descending ? " ▼" : " ▲") : ""}
        </Link>
      </th>
    );
  };

  return (
    <>
      <div className="page-title">
        <h1>Watchlist</h1>
        {actor.role !== "viewer" && (
          <Link href="/issues/new" className="button primary">
            New issue
          </Link>
        )}
      </div>

      <form method="get" action="/watchlist" className="filters" role="search" aria-label="Filter the watchlist">
        <label className="field">
          <span>Search</span>
          <input type="search" name="q" defaultValue={query.q ?? ""} placeholder="Title, summary, actor or tag" />
        </label>
        <FilterSelect label="Status" name="status" value={query.status?.[0]} any="Any status">
          <StatusOptions />
        </FilterSelect>
        <FilterSelect label="Category" name="category" value={query.category?.[0]} any="Any category">
          <CategoryOptions categories={categories} />
        </FilterSelect>
        <label className="field narrow">
          <span>Jurisdiction</span>
          <input name="jurisdiction" defaultValue={query.jurisdiction?.join(",") ?? ""} placeholder="e.g. CN" maxLength={40} />
        </label>
        <label className="checkbox">
          <input type="checkbox" name="reviewDue" value="true" defaultChecked={query.reviewDue === true} />
          <span>Review due</span>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="owner" value="me" defaultChecked={query.owner === "me"} />
          <span>My issues</span>
        </label>
        {/* Another member's issues (a shared link) stay applied when the other filters change. */}
        {query.owner && query.owner !== "me" && <input type="hidden" name="owner" value={query.owner} />}
        <input type="hidden" name="sort" value={query.sort} />
        {/* A risk-matrix cell (from the dashboard) stays applied when the other filters change. */}
        {query.likelihood?.map((l) => <input key={l} type="hidden" name="likelihood" value={l} />)}
        {query.impact?.map((i) => <input key={i} type="hidden" name="impact" value={i} />)}
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Apply
          </button>
          {filtered && (
            <Link href="/watchlist" className="button">
              Clear filters
            </Link>
          )}
        </div>
      </form>

      {query.likelihood?.length || query.impact?.length ? (
        <p className="notice">
          Showing the risk-matrix cell{" "}
          <strong>
            {query.likelihood?.map((l) => likelihoodLabels[l]).join(" or ") ?? "any likelihood"} × impact {query.impact?.join(" or ") ?? "any"}
          </strong>
          . <Link href={href({ likelihood: undefined, impact: undefined, page: undefined })}>Show every cell</Link>
        </p>
      ) : null}

      {!parsed.success && (
        <p role="alert" className="error-message">
          Some filters in the address were not understood and were ignored.
        </p>
      )}

      <p className="muted" aria-live="polite">
        {page.total === 1 ? "1 issue" : `${page.total} issues`}
        {filtered ? " match these filters" : ""}
      </p>

      {page.items.length === 0 ? (
        <div className="empty-state">
          {filtered ? (
            <>
              <h2>No issues match these filters</h2>
              <p>
                <Link href="/watchlist">Clear the filters</Link> to see the whole watchlist.
              </p>
            </>
          ) : (
            <>
              <h2>The watchlist is empty</h2>
              <p>Add the first risk issue your team wants to follow.</p>
            </>
          )}
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Risk issues, sorted by {query.sort.replace("-", "")}</caption>
            <thead>
              <tr>
                {sortLink("title", "Issue")}
                <th scope="col">Status</th>
                <th scope="col">Likelihood</th>
                <th scope="col">Impact</th>
                {sortLink("risk", "Risk")}
                <th scope="col">Owner</th>
                <th scope="col">Evidence</th>
                {sortLink("review", "Next review")}
                {sortLink("updated", "Updated")}
              </tr>
            </thead>
            <tbody>
              {page.items.map((issue) => (
                <tr key={issue.id}>
                  <td>
                    <Link href={`/issues/${issue.id}`} className="issue-link">
                      {issue.title}
                    </Link>
                    <div className="muted small">
                      {issue.category.name}
                      {issue.jurisdictions.length ? ` · ${issue.jurisdictions.join(", ")}` : ""}
                    </div>
                  </td>
                  <td>
                    <span className={`badge status-${issue.status}`}>{statusLabels[issue.status]}</span>
                  </td>
                  <td>{likelihoodLabels[issue.likelihood]}</td>
                  <td>{issue.impact}</td>
                  <td>
                    <span className={`risk risk-${riskLevel(issue.riskScore)}`}>{issue.riskScore}</span>
                  </td>
                  <td>{issue.owner ? issue.owner.name : <span className="muted">Unassigned</span>}</td>
                  <td>
                    {issue.evidenceCount}
                    {issue.lastEvidenceAt && <div className="muted small">latest {formatDate(issue.lastEvidenceAt)}</div>}
                  </td>
                  <td>
                    {formatDate(issue.nextReviewAt)}
                    {issue.reviewDue && <span className="badge due">due</span>}
                  </td>
                  <td>{formatDate(issue.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pager page={query.page} pageSize={page.pageSize} total={page.total} href={(n) => href({ page: n })} />
    </>
  );
}
