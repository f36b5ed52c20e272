// The readable side of the results: plain-text tables for the terminal.

export type Cell = string | number | null | undefined;

const fmt = (value: Cell) => {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return "–";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2);
  return value;
};

export function table(title: string, header: string[], rows: Cell[][]): string {
  const cells = [header, ...rows.map((r) => r.map(fmt))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [``, title, "-".repeat(Math.min(160, widths.reduce((s, w) => s + w + 2, -2))), line(cells[0]!), ...cells.slice(1).map(line)].join("\n");
}

export type Target = {
  id: string;
  issue: string;
  description: string;
  threshold: string;
  measured: number | null;
  unit: string;
  pass: boolean | null;
  note?: string;
};

export function targetsTable(targets: Target[]): string {
  return table(
    "Targets (from issues 3, 4, 5, 6, 8, 13, 14, 15, 16 and 17; [ours] is our own)",
    ["target", "threshold", "measured", "result"],
    targets.map((t) => [
      `${t.description} [${t.issue}]`,
      t.threshold,
      t.measured === null ? "–" : `${fmt(t.measured)} ${t.unit}`.trim(),
      t.pass === null ? "not measured" : t.pass ? "PASS" : "MISS",
    ]),
  );
}
