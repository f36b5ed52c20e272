import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/app/components/filter-select";
import { Pager } from "@/app/components/pager";
import { requireActor } from "@/lib/auth/current";
import { listJobs } from "@/lib/services/jobs";
import { formatDateTime } from "@/lib/ui/format";
import { presentParams, viewHref } from "@/lib/ui/url";
import { JOB_STATES, jobsQuerySchema, type JobState, type JobView } from "@/lib/validation/jobs";
import { RetryButton } from "./retry-button";

export const metadata: Metadata = { title: "Jobs" };

const STATE_LABELS: Record<JobState, string> = { queued: "Queued", running: "Running", retry: "Waiting to retry", completed: "Completed", failed: "Failed", cancelled: "Cancelled" };

/** What a job was about, in one line: the list URL of an import, say. */
function about(job: JobView): string {
  return Object.entries(job.data)
    .filter(([key]) => key !== "teamId")
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("; ")
    .slice(0, 240);
}

// The job queue for admins (issue 14): scheduled list imports and, later, feed polling and deliveries.
export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (actor.role !== "admin") {
    return (
      <div className="empty-state">
        <h1>Jobs</h1>
        <p>The job queue is for the team&apos;s admins.</p>
      </div>
    );
  }
  const raw = presentParams(await searchParams);
  const parsed = jobsQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : jobsQuerySchema.parse({});
  const page = await listJobs(actor, query);
  const chosen = query.state?.[0] ?? "";

  return (
    <div className="stack">
      <div className="page-title">
        <h1>Jobs</h1>
      </div>
      <p className="muted">Work the server does in the background: scheduled list imports, re-screening, and what later features add. Failed jobs were retried with growing delays before they failed for good.</p>
      <form method="get" action="/jobs" className="filters" role="search" aria-label="Filter the jobs">
        <FilterSelect label="State" name="state" value={chosen} any="Any" choices={JOB_STATES.map((state) => [state, STATE_LABELS[state]])} />
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Apply
          </button>
          <Link href="/jobs" className="button">
            Clear
          </Link>
        </div>
      </form>
      {!parsed.success && (
        <p role="alert" className="error-message">
          Some filters were not understood and were ignored.
        </p>
      )}
      <p className="muted" aria-live="polite">
        {page.total} {page.total === 1 ? "job" : "jobs"}
      </p>
      {page.items.length === 0 ? (
        <div className="empty-state">
          <h2>{query.state ? "No jobs in this state" : "No jobs yet"}</h2>
          <p>Jobs appear here when the server runs them, e.g. the list imports of SANCTIONS_LIST_URLS on their schedule.</p>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Jobs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Created (UTC)</th>
                <th scope="col">Started / ended (UTC)</th>
                <th scope="col">Last error</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((job) => (
                <tr key={job.id}>
                  <td>
                    {job.name}
                    <div className="muted small">{about(job)}</div>
                  </td>
                  <td>
                    <span className="badge">{STATE_LABELS[job.state]}</span>
                    {job.state === "retry" && <div className="muted small">from {formatDateTime(job.startAfter)}</div>}
                  </td>
                  <td>
                    {job.attempts} of {job.maxAttempts}
                  </td>
                  <td>{formatDateTime(job.createdAt)}</td>
                  <td className="small">
                    {job.startedAt ? formatDateTime(job.startedAt) : "–"}
                    {job.completedAt && <div>{formatDateTime(job.completedAt)}</div>}
                  </td>
                  <td className="small">{job.lastError ?? ""}</td>
                  <td>{job.state === "failed" && <RetryButton jobId={job.id} jobName={job.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={query.page} pageSize={page.pageSize} total={page.total} href={(n) => viewHref("/jobs", raw, { page: n })} previous="← Newer" next="Older →" />
    </div>
  );
}
