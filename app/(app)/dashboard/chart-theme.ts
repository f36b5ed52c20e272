// Chart colours: dark enough for text-level contrast on white and distinct in grayscale. Meaning is
// never carried by colour alone: every chart has axis labels, value labels and a table.
export const chartTheme = {
  bar: "#0b4f8a",
  moves: "#8a3b00",
  likelihood: "#5b2a86",
  axis: "#394450",
  grid: "#d0d7de",
  font: 12,
} as const;

/** Pixel height of a chart, also used by its skeleton so nothing moves when the chart arrives. */
export const chartHeight = (rows: number, rowHeight = 30) => Math.max(160, rows * rowHeight + 40);
