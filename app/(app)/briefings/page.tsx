import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { weekdayLabels } from "@/lib/briefings/schedule";
import { listBriefingSchedules } from "@/lib/services/briefing-schedules";
import { listBriefings } from "@/lib/services/briefings";
import { formatDateTime } from "@/lib/ui/format";
import { listBriefingsQuerySchema } from "@/lib/validation/briefings";
import type { BriefingScheduleView } from "@/lib/validation/briefing-schedules";
import { MarkingBadge } from "./marking-badge";
import { ScheduleActions } from "./schedule-actions";

export const metadata: Metadata = { title: "Briefings" };

type SearchParams = Record<string, string | string[] | undefined>;

// The team's briefings, newest first, each downloadable in every format straight from the list (plain
// links: the server answers with the file as an attachment).
export default async function BriefingsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor();
  const parsed = listBriefingsQuerySchema.safeParse({ page: (await searchParams).page });
  const query = parsed.success ? parsed.data : listBriefingsQuerySchema.parse({});
  const [page, schedules] = await Promise.all([listBriefings(actor, query), listBriefingSchedules(actor)]);
  const canCreate = hasRole(actor.role, "analyst");
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));

  return (
    <>
      <div className="page-title">
        <h1>Briefings</h1>
        {canCreate && (
          <Link href="/briefings/new" className="button primary">
            New briefing
          </Link>
        )}
      </div>

      {page.items.length === 0 ? (
        <div className="empty-state">
          <h2>No briefings yet</h2>
          {canCreate ? (
            <p>
              A briefing is a snapshot of the watchlist for decision makers, with your key judgments and what changed since the last one.{" "}
              <Link href="/briefings/new">Build the first briefing</Link>.
            </p>
          ) : (
            <p>An analyst of your team can create one; it will be listed here for you to read and download.</p>
          )}
        </div>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Briefings, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Briefing</th>
                <th scope="col">Created</th>
                <th scope="col">Marking</th>
                <th scope="col">Issues</th>
                <th scope="col">Changes</th>
                <th scope="col">Download</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((briefing) => (
                <tr key={briefing.id}>
                  <td>
                    <Link href={`/briefings/${briefing.id}`} className="issue-link">
                      {briefing.title}
                    </Link>
                    <div className="muted small">by {briefing.createdBy}</div>
                  </td>
                  <td>{formatDateTime(briefing.createdAt)}</td>
                  <td>
                    <MarkingBadge marking={briefing.marking} />
                  </td>
                  <td>{briefing.issueCount}</td>
                  <td>{briefing.previousBriefingId ? briefing.changeCount : <span className="muted">first</span>}</td>
                  <td>
                    <ul className="inline-links">
                      {briefing.exports.map((link) => (
                        <li key={link.format}>
                          <a href={link.href} download={link.fileName} aria-label={`${briefing.title} as ${link.label}`}>
                            {link.format.toUpperCase()}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {pages > 1 && (
        <nav aria-label="Pages" className="pager">
          {query.page > 1 ? <Link href={`/briefings?page=${query.page - 1}`}>← Newer</Link> : <span />}
          <span>
            Page {query.page} of {pages}
          </span>
          {query.page < pages ? <Link href={`/briefings?page=${query.page + 1}`}>Older →</Link> : <span />}
        </nav>
      )}

      <section id="schedules" aria-labelledby="schedules-heading" className="stack">
        <h2 id="schedules-heading">Scheduled briefings</h2>
        {schedules.items.length === 0 ? (
          <p className="muted">
            No scheduled briefings.{" "}
            {canCreate ? (
              <>
                In the <Link href="/briefings/new">briefing builder</Link>, choose “On a schedule” to have one made every day or week, and be notified with the download links.
              </>
            ) : (
              "An analyst can schedule one in the briefing builder."
            )}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="table">
              <caption className="visually-hidden">Scheduled briefings, on the team&apos;s clock ({schedules.timeZone})</caption>
              <thead>
                <tr>
                  <th scope="col">Briefing</th>
                  <th scope="col">When ({schedules.timeZone})</th>
                  <th scope="col">Next run</th>
                  <th scope="col">Last run</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {schedules.items.map((schedule) => (
                  <tr key={schedule.id}>
                    <td>
                      {schedule.title} <MarkingBadge marking={schedule.marking} />
                    </td>
                    <td>{timing(schedule)}</td>
                    <td>{schedule.nextRunAt ? formatDateTime(schedule.nextRunAt) : <span className="muted">Paused</span>}</td>
                    <td>
                      {schedule.lastBriefingId && schedule.lastRunAt ? <Link href={`/briefings/${schedule.lastBriefingId}`}>{formatDateTime(schedule.lastRunAt)}</Link> : schedule.lastRunAt ? formatDateTime(schedule.lastRunAt) : <span className="muted">Not yet</span>}
                      {schedule.lastError && <div className="error-message small">Last run failed: {schedule.lastError}</div>}
                    </td>
                    <td>
                      <ScheduleActions id={schedule.id} title={schedule.title} paused={schedule.paused} following={schedule.following} canEdit={canCreate} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** "Mondays at 08:00" or "Every day at 17:00", on the team's clock. */
function timing(schedule: BriefingScheduleView): string {
  const at = `${String(schedule.hour).padStart(2, "0")}:00`;
  return schedule.cadence === "weekly" && schedule.dayOfWeek ? `${weekdayLabels[schedule.dayOfWeek]}s at ${at}` : `Every day at ${at}`;
}
