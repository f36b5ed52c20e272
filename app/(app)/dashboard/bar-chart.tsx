"use client";

import { Bar, BarChart as RechartsBarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { chartHeight, chartTheme } from "./chart-theme";

export type BarDatum = { label: string; value: number };

export type BarChartProps = {
  data: BarDatum[];
  /** `bars`: one horizontal bar per category; `columns`: one column per period (weeks). */
  orientation: "bars" | "columns";
  /** What a value counts, for the tooltip: "issues", "evidence", "status moves". */
  unit: string;
  color?: string;
};

// Recharts' own keyboard layer is turned off: the chart is a picture (role="img" on its wrapper,
// see ChartCard) and the numbers are in the table beside it, which every reader can reach.
export default function BarChart({ data, orientation, unit, color = chartTheme.bar }: BarChartProps) {
  const tick = { fill: chartTheme.axis, fontSize: chartTheme.font };
  if (orientation === "bars") {
    const height = chartHeight(data.length);
    return (
      <RechartsBarChart responsive accessibilityLayer={false} layout="vertical" data={data} style={{ width: "100%", height }} margin={{ top: 4, right: 36, bottom: 4, left: 4 }}>
        <CartesianGrid horizontal={false} stroke={chartTheme.grid} />
        <XAxis type="number" allowDecimals={false} tick={tick} stroke={chartTheme.axis} />
        <YAxis type="category" dataKey="label" width={170} tick={tick} stroke={chartTheme.axis} interval={0} />
        <Tooltip formatter={(value) => [value, unit]} cursor={{ fill: "#eef1f4" }} />
        <Bar dataKey="value" fill={color} isAnimationActive={false} maxBarSize={22}>
          <LabelList dataKey="value" position="right" fill={chartTheme.axis} fontSize={chartTheme.font} />
        </Bar>
      </RechartsBarChart>
    );
  }
  return (
    <RechartsBarChart responsive accessibilityLayer={false} data={data} style={{ width: "100%", height: 220 }} margin={{ top: 16, right: 8, bottom: 4, left: 0 }}>
      <CartesianGrid vertical={false} stroke={chartTheme.grid} />
      <XAxis dataKey="label" tick={tick} stroke={chartTheme.axis} interval="preserveStartEnd" minTickGap={18} />
      <YAxis allowDecimals={false} tick={tick} stroke={chartTheme.axis} width={36} />
      <Tooltip formatter={(value) => [value, unit]} cursor={{ fill: "#eef1f4" }} />
      <Bar dataKey="value" fill={color} isAnimationActive={false} maxBarSize={18}>
        <LabelList dataKey="value" position="top" fill={chartTheme.axis} fontSize={10} formatter={(value) => (Number(value) > 0 ? String(value) : "")} />
      </Bar>
    </RechartsBarChart>
  );
}
