"use client";

import dynamic from "next/dynamic";
import { ChartSkeleton } from "./skeletons";
import type { BarChartProps } from "./bar-chart";
import { chartHeight } from "./chart-theme";
import type { JudgmentChartProps } from "./judgment-chart";

// The chart library loads after the first paint: the page (titles, numbers, tables) is rendered on
// the server and each chart fills its reserved space (no layout shift) once Recharts has arrived.

const LazyBarChart = dynamic(() => import("./bar-chart"), { ssr: false, loading: () => <ChartSkeleton /> });
const LazyJudgmentChart = dynamic(() => import("./judgment-chart"), { ssr: false, loading: () => <ChartSkeleton /> });

export function BarChart(props: BarChartProps) {
  const height = props.orientation === "bars" ? chartHeight(props.data.length) : 220;
  return (
    <div className="dash-chart" style={{ height }}>
      <LazyBarChart {...props} />
    </div>
  );
}

export function JudgmentChart(props: JudgmentChartProps) {
  return (
    <div className="dash-chart" style={{ height: 400 }}>
      <LazyJudgmentChart {...props} />
    </div>
  );
}
