"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps, type YAxisTickContentProps } from "recharts";
import { likelihoodLabels, likelihoods } from "@/lib/domain/likelihood";
import { issueStatuses, statusLabels } from "@/lib/domain/status";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";
import { chartTheme } from "./chart-theme";

export type JudgmentPoint = { at: string; status: IssueStatus; likelihood: Likelihood };

export type JudgmentChartProps = {
  points: JudgmentPoint[];
  /** Where the last judgment's step ends (now): it still holds. */
  until: string;
};

const utc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
const dayMonth = utc({ day: "numeric", month: "short" });
const dayTime = utc({ day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const monthYear = utc({ month: "short", year: "numeric" });
const full = utc({ day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
const DAY_MS = 24 * 60 * 60 * 1000;

/** Axis ticks as fine as the span needs: hours within two days, days within a year, months beyond. */
function tickFormat(span: number) {
  const format = span < 2 * DAY_MS ? dayTime : span < 365 * DAY_MS ? dayMonth : monthYear;
  return (t: number) => format.format(t);
}

// Two step charts on one time axis: the status (lifecycle order, bottom to top) and the ICD 203
// likelihood. Separate panels, each titled, rather than two colours on one plot; the lines also
// differ in dash and marker. The issue page shows the same points as a table.
export default function JudgmentChart({ points, until }: JudgmentChartProps) {
  const last = points.at(-1);
  const series = [...points, ...(last ? [{ ...last, at: until }] : [])].map((p) => ({
    time: new Date(p.at).getTime(),
    status: issueStatuses.indexOf(p.status) + 1,
    likelihood: likelihoods.indexOf(p.likelihood) + 1,
  }));
  // A marker at each recorded judgment (a disc for status, an open square for likelihood); none at "now".
  const marker = ({ cx, cy, index }: DotItemDotProps, series: "status" | "likelihood") => {
    if (typeof cx !== "number" || typeof cy !== "number" || index === points.length) return <g key={index} />;
    return series === "status" ? (
      <circle key={index} cx={cx} cy={cy} r={4} fill={chartTheme.bar} />
    ) : (
      <rect key={index} x={cx - 4} y={cy - 4} width={8} height={8} fill="#fff" stroke={chartTheme.likelihood} strokeWidth={2} />
    );
  };
  const tick = { fill: chartTheme.axis, fontSize: chartTheme.font };
  const xAxis = (
    <XAxis
      dataKey="time"
      type="number"
      scale="time"
      domain={["dataMin", "dataMax"]}
      tickFormatter={tickFormat(series.length ? series.at(-1)!.time - series[0]!.time : 0)}
      tick={tick}
      stroke={chartTheme.axis}
      minTickGap={24}
    />
  );
  const tooltipLabel = (t: unknown) => full.format(Number(t));
  const panel = (key: "status" | "likelihood") => {
    const labels = key === "status" ? issueStatuses.map((s) => statusLabels[s]) : likelihoods.map((l) => likelihoodLabels[l]);
    const format = (value: unknown) => labels[Number(value) - 1] ?? "";
    return (
      <figure className="dash-panel" key={key}>
        <figcaption>{key === "status" ? "Status" : "Likelihood"}</figcaption>
        <LineChart responsive accessibilityLayer={false} syncId="judgment" data={series} style={{ width: "100%", height: 170 }} margin={{ top: 6, right: 32, bottom: 0, left: 4 }}>
          <CartesianGrid stroke={chartTheme.grid} vertical={false} />
          {xAxis}
          <YAxis
            type="number"
            domain={[1, 7]}
            ticks={[1, 2, 3, 4, 5, 6, 7]}
            width={150}
            stroke={chartTheme.axis}
            interval={0}
            // One line per label: Recharts would wrap "Designations in force" onto two.
            tick={({ x, y, payload }: YAxisTickContentProps) => (
              <text x={x} y={y} dy={4} textAnchor="end" fill={chartTheme.axis} fontSize={11}>
                {format(payload.value)}
              </text>
            )}
          />
          <Tooltip labelFormatter={tooltipLabel} formatter={(value) => [format(value), key === "status" ? "Status" : "Likelihood"]} />
          <Line
            type="stepAfter"
            dataKey={key}
            stroke={key === "status" ? chartTheme.bar : chartTheme.likelihood}
            strokeWidth={2.5}
            strokeDasharray={key === "status" ? undefined : "6 3"}
            dot={(props: DotItemDotProps) => marker(props, key)}
            isAnimationActive={false}
          />
        </LineChart>
      </figure>
    );
  };
  return (
    <div className="dash-panels">
      {panel("status")}
      {panel("likelihood")}
    </div>
  );
}
