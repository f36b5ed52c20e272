import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { listAuditEvents } from "@/lib/services/audit";
import { FilterSelect } from "@/app/components/filter-select";
import { Pager } from "@/app/components/pager";
import { formatDateTime } from "@/lib/ui/format";
import { presentParams, viewHref } from "@/lib/ui/url";
import { auditQuerySchema } from "@/lib/validation/team";

export const metadata: Metadata = { title: "Audit log" };

const entities = ["issue", "evidence", "document", "source", "briefing", "member", "invitation", "token", "account", "request"];

/** What changed, in one line: the fields of `after` (or `before`), values cut short. Text only. */
function summary(before: unknown, after: unknown): string {
  const value = (after ?? before) as Record<string, unknown> | null;
  if (!value || typeof value !== "object") return "";
  return Object.entries(value)
    .map(([key, v]) => `${key}: ${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join("; ")
    .slice(0, 240);
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (actor.role !== "admin") {
    return (
      <div className="empty-state">
        <h1>Audit log</h1>
        <p>The audit log is for the team&apos;s admins.</p>
      </div>
    );
  }
  const raw = presentParams(await searchParams);
  const parsed = auditQuerySchema.safeParse(raw);
  const query = parsed.success ? parsed.data : auditQuerySchema.parse({});
  const page = await listAuditEvents(actor, query);
  const csvHref = viewHref("/api/audit", raw, { page: undefined, format: "csv" });

  return (
    <div className="stack">
      <div className="page-title">
        <h1>Audit log</h1>
        <a className="button" href={csvHref} download>
          Download CSV
        </a>
      </div>
      <form method="get" action="/audit" className="filters" role="search" aria-label="Filter the audit log">
        <label className="field">
          <span>Actor</span>
          <input name="actor" defaultValue={query.actor ?? ""} placeholder="Name, email or token" />
        </label>
        <FilterSelect label="Entity" name="entity" value={query.entity} any="Any" choices={entities.map((e) => [e, e])} />
        <label className="field">
          <span>Action</span>
          <input name="action" defaultValue={query.action ?? ""} placeholder="e.g. status_changed" />
        </label>
        <label className="field narrow">
          <span>From</span>
          <input name="from" type="date" defaultValue={raw.from ?? ""} />
        </label>
        <label className="field narrow">
          <span>To</span>
          <input name="to" type="date" defaultValue={raw.to ?? ""} />
        </label>
        <div className="filter-actions">
          <button type="submit" className="button primary">
            Apply
          </button>
          <Link href="/audit" className="button">
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
        {page.total} events
      </p>
      {page.items.length === 0 ? (
        <div className="empty-state">
          <h2>No events match</h2>
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Entity</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.at)}</td>
                  <td>{event.actor}</td>
                  <td>
                    {event.action}
                    {event.count > 1 && (
                      <div className="muted small" title={`Repeated until ${formatDateTime(event.lastAt)}`}>
                        × {event.count}
                      </div>
                    )}
                  </td>
                  <td>
                    {event.entityType}
                    <div className="muted small">{event.entityId}</div>
                  </td>
                  <td className="small">{summary(event.before, event.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={query.page} pageSize={page.pageSize} total={page.total} href={(n) => viewHref("/audit", raw, { page: n })} previous="← Newer" next="Older →" />
    </div>
  );
}
