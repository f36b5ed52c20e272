import type { ReactNode } from "react";

type ChartCardProps = {
  /** Id prefix for the heading and the table. */
  id: string;
  title: string;
  /** One sentence that says what the chart shows and what it adds up to. */
  summary: ReactNode;
  /** What the chart is, for screen readers: "Bar chart of issues by status". */
  chartLabel: string;
  chart: ReactNode;
  /** The same numbers as a table (thead + tbody); always present when the chart is. */
  table: ReactNode;
  /** Shown instead of the chart and the table when there is nothing to draw. */
  empty?: ReactNode;
  className?: string;
};

// Every chart on the dashboard comes as a titled card: a heading, a sentence with the gist, the
// chart as one image for assistive technology, and a table with the same numbers behind a
// disclosure, so nobody needs to see the chart to get the numbers.
export function ChartCard({ id, title, summary, chartLabel, chart, table, empty, className }: ChartCardProps) {
  return (
    <section className={`card dash-card${className ? ` ${className}` : ""}`} aria-labelledby={`${id}-title`} data-chart={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="muted small dash-summary">{summary}</p>
      {empty ?? (
        <>
          <div role="img" aria-label={`${chartLabel}. The same numbers are in the table below.`}>
            {chart}
          </div>
          <details className="dash-table">
            <summary>Show the numbers as a table</summary>
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">{title}</caption>
                {table}
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
