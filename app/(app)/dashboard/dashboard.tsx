import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { hasRole } from "@/lib/auth/roles";
import { statusLabels } from "@/lib/domain/status";
import { getStats } from "@/lib/services/stats";
import { formatDate } from "@/lib/ui/format";
import { STATS_WEEKS, type Stats, type WeekCount } from "@/lib/validation/stats";
import { ChartCard } from "./chart-card";
import { chartTheme } from "./chart-theme";
import { BarChart } from "./lazy-charts";
import { Designations } from "./designations";
import { RecentChanges } from "./recent-changes";
import { ReviewsDue } from "./reviews-due";
import { RiskMatrix } from "./risk-matrix";

const weekLabel = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

// The dashboard's body: one read of the team's numbers (GET /api/stats serves the same), rendered
// on the server. Only the bar charts run in the browser, and they load after the first paint.
export async function Dashboard({ actor }: { actor: Actor }) {
  const stats = await getStats(actor);
  if (stats.totals.issues === 0) return <EmptyDashboard canAdd={hasRole(actor.role, "analyst")} stats={stats} />;
  const busiest = [...stats.byStatus].sort((a, b) => b.count - a.count)[0]!;
  const topCategory = stats.byCategory[0]!;
  return (
    <div className="dash-grid">
      <KeyNumbers stats={stats} />
      <RiskMatrix cells={stats.matrix} />
      <ReviewsDue reviews={stats.reviewsDue} />
      <Designations designations={stats.designations} />
      <ChartCard
        id="status"
        title="Issues by status"
        summary={`${plural(stats.totals.open, "open issue", "open issues")} of ${stats.totals.issues}; most are at “${statusLabels[busiest.status]}” (${busiest.count}).`}
        chartLabel="Bar chart of the number of issues at each status, in lifecycle order"
        chart={<BarChart orientation="bars" unit="issues" data={stats.byStatus.map((s) => ({ label: statusLabels[s.status], value: s.count }))} />}
        table={
          <>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Issues</th>
              </tr>
            </thead>
            <tbody>
              {stats.byStatus.map((s) => (
                <tr key={s.status}>
                  <th scope="row">{statusLabels[s.status]}</th>
                  <td>{s.count}</td>
                </tr>
              ))}
            </tbody>
          </>
        }
      />
      <ChartCard
        id="category"
        title="Issues by category"
        summary={`The largest category is ${topCategory.name} (${plural(topCategory.count, "issue", "issues")}).`}
        chartLabel="Bar chart of the number of issues in each category, largest first"
        chart={<BarChart orientation="bars" unit="issues" data={stats.byCategory.map((c) => ({ label: c.name, value: c.count }))} />}
        table={
          <>
            <thead>
              <tr>
                <th scope="col">Category</th>
                <th scope="col">Issues</th>
              </tr>
            </thead>
            <tbody>
              {stats.byCategory.map((c) => (
                <tr key={c.slug}>
                  <th scope="row">{c.name}</th>
                  <td>{c.count}</td>
                </tr>
              ))}
            </tbody>
          </>
        }
      />
      <WeeklyCard
        id="evidence"
        title="Evidence added per week"
        weeks={stats.evidencePerWeek}
        unit={["piece of evidence", "pieces of evidence"]}
        column="Evidence added"
        color={chartTheme.bar}
        none="No evidence was added in the last 26 weeks. Evidence linked to an issue shows up here by the week it was added."
      />
      <WeeklyCard
        id="moves"
        title="Status moves per week"
        weeks={stats.statusMovesPerWeek}
        unit={["status move", "status moves"]}
        column="Status moves"
        color={chartTheme.moves}
        none="No issue changed status in the last 26 weeks. Each move, with its rationale, is counted here by week."
      />
      <RecentChanges changes={stats.recentChanges} />
    </div>
  );
}

function KeyNumbers({ stats }: { stats: Stats }) {
  const items = [
    { label: "Open issues", value: stats.totals.open, note: `of ${stats.totals.issues} on the watchlist`, href: "/watchlist" },
    { label: "Reviews due", value: stats.reviewsDue.total, note: "past or without a review date", href: "/watchlist?reviewDue=true&sort=review" },
    { label: "Evidence added", value: stats.totals.evidence, note: `in the last ${STATS_WEEKS} weeks` },
    { label: "Status moves", value: stats.totals.statusMoves, note: `in the last ${STATS_WEEKS} weeks` },
  ];
  return (
    <section className="dash-span-all" aria-labelledby="key-numbers-title">
      <h2 id="key-numbers-title" className="visually-hidden">
        Key numbers
      </h2>
      <dl className="dash-tiles">
        {items.map((item) => (
          <div key={item.label} className="card dash-tile">
            <dt>{item.label}</dt>
            <dd>
              <span className="dash-tile-value">{item.value}</span>{" "}
              <span className="muted small">{item.href ? <Link href={item.href}>{item.note}</Link> : item.note}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function WeeklyCard(props: { id: string; title: string; weeks: WeekCount[]; unit: [string, string]; column: string; color: string; none: string }) {
  const { id, title, weeks, unit, column, color, none } = props;
  const total = weeks.reduce((sum, w) => sum + w.count, 0);
  const peak = weeks.reduce((best, w) => (w.count > best.count ? w : best), weeks[0]!);
  const first = weeks[0]!;
  return (
    <ChartCard
      id={id}
      title={title}
      summary={
        total === 0
          ? `Since the week of ${formatDate(first.start)}.`
          : `${plural(total, unit[0], unit[1])} since the week of ${formatDate(first.start)}; the busiest week was that of ${formatDate(peak.start)} (${peak.count}).`
      }
      chartLabel={`Column chart of ${unit[1]} per ISO week over the last ${weeks.length} weeks`}
      empty={total === 0 ? <p className="dash-empty-note">{none}</p> : undefined}
      chart={<BarChart orientation="columns" unit={unit[1]} color={color} data={weeks.map((w) => ({ label: weekLabel.format(new Date(w.start)), value: w.count }))} />}
      table={
        <>
          <thead>
            <tr>
              <th scope="col">Week</th>
              <th scope="col">Starting</th>
              <th scope="col">{column}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.week}>
                <th scope="row">{w.week}</th>
                <td>{formatDate(w.start)}</td>
                <td>{w.count}</td>
              </tr>
            ))}
          </tbody>
        </>
      }
    />
  );
}

/** A brand-new team: say what the dashboard will show and how to get there, rather than a page of zeros. */
function EmptyDashboard({ canAdd, stats }: { canAdd: boolean; stats: Stats }) {
  return (
    <div className="dash-grid">
      <section className="empty-state dash-empty dash-span-all" aria-labelledby="empty-title">
        <h2 id="empty-title">Your team&apos;s risk picture starts here</h2>
        <p>Nothing is on the watchlist yet. Once it is, this page shows at a glance:</p>
        <ul className="dash-empty-list">
          <li>the risk matrix: every issue by likelihood and impact, each cell a link to its issues;</li>
          <li>issues by status and by category;</li>
          <li>evidence added and status moves, week by week;</li>
          <li>the issues due for review, and the team&apos;s latest changes.</li>
        </ul>
        <p className="dash-empty-actions">
          {canAdd ? (
            <Link href="/issues/new" className="button primary">
              Add the first issue
            </Link>
          ) : (
            <span className="muted">An analyst or admin of the team can add the first issue.</span>
          )}
          <Link href="/watchlist" className="button">
            Open the watchlist
          </Link>
        </p>
      </section>
      {stats.recentChanges.length > 0 && <RecentChanges changes={stats.recentChanges} />}
    </div>
  );
}
