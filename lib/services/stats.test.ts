import { describe, expect, it } from "vitest";
import { isoWeek, recentWeeks, weekStart } from "./stats";

describe("ISO weeks", () => {
  it.each([
    ["2024-04-24T15:00:00Z", "2024-04-22", "2024-W17"], // a Wednesday
    ["2024-04-22T00:00:00Z", "2024-04-22", "2024-W17"], // Monday midnight starts the week
    ["2024-04-21T23:59:59Z", "2024-04-15", "2024-W16"], // Sunday night ends the one before
    ["2021-01-03T12:00:00Z", "2020-12-28", "2020-W53"], // early January can belong to last year's week 53
    ["2024-12-31T12:00:00Z", "2024-12-30", "2025-W01"], // late December can belong to next year's week 1
    ["2026-01-01T00:00:00Z", "2025-12-29", "2026-W01"],
  ])("%s is in the week of %s (%s)", (at, monday, week) => {
    const start = weekStart(new Date(at));
    expect(start.toISOString()).toBe(`${monday}T00:00:00.000Z`);
    expect(isoWeek(start)).toBe(week);
  });

  it("recentWeeks: 26 Mondays oldest first, ending with the current week, zero-filled", () => {
    const weeks = recentWeeks(new Date("2024-04-24T15:00:00Z"));
    expect(weeks).toHaveLength(26);
    expect(weeks.at(-1)).toEqual({ week: "2024-W17", start: "2024-04-22", count: 0 });
    expect(weeks[0]).toEqual({ week: "2023-W44", start: "2023-10-30", count: 0 });
    expect(new Set(weeks.map((w) => w.week)).size).toBe(26);
    expect(weeks.every((w) => w.count === 0)).toBe(true);
  });
});
