import { wallClock } from "@/lib/notifications/digest";

// When a scheduled briefing is due (issue 15, item 5): pure, so the arithmetic is tested without a clock or a
// database. A schedule is a wall-clock hour in the team's time zone (`team.timeZone`), every day or on one day of
// the week. The sweep (lib/services/briefing-schedules.ts) asks for the latest due time that has come and makes one
// briefing for it; the page shows the next one.
//
// Daylight saving: an hour that happens twice (autumn) is due at its first occurrence; an hour the clock skips
// (spring) is due when the clock jumps past it, so a schedule is never silently skipped for a day.

export const scheduleCadences = ["daily", "weekly"] as const;
export type ScheduleCadence = (typeof scheduleCadences)[number];

/** Days of the week as ISO 8601 numbers them: 1 Monday … 7 Sunday. */
export const weekdayLabels: Record<number, string> = { 1: "Monday", 2: "Tuesday", 3: "Wednesday", 4: "Thursday", 5: "Friday", 6: "Saturday", 7: "Sunday" };

export type BriefingTiming = {
  cadence: ScheduleCadence;
  /** 1 Monday … 7 Sunday; only for weekly schedules. */
  dayOfWeek: number | null;
  /** 0–23, on the team's clock. */
  hour: number;
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Compares two wall-clock readings: negative, zero or positive. */
function compareWall(a: ReturnType<typeof wallClock>, b: { year: number; month: number; day: number; hour: number }) {
  return Date.UTC(a.year, a.month - 1, a.day, a.hour, a.minute, a.second) - Date.UTC(b.year, b.month - 1, b.day, b.hour);
}

/**
 * The instant a time zone's clock first shows `hour`:00 on a local day; in a gap (the clock skips that hour), the
 * instant it jumps past it.
 */
export function localHourInstant(year: number, month: number, day: number, hour: number, timeZone: string): Date {
  const target = { year, month, day, hour };
  const wall = Date.UTC(year, month - 1, day, hour);
  // The offsets in force within a day and a half either side: one of them is the offset at the target.
  const offsets = new Set([-36, -12, 0, 12, 36].map((h) => offsetAt(new Date(wall + h * HOUR), timeZone)));
  const candidates = [...offsets].map((offset) => wall - offset).sort((a, b) => a - b);
  const exact = candidates.find((c) => compareWall(wallClock(new Date(c), timeZone), target) === 0);
  if (exact !== undefined) return new Date(exact);
  // A gap: the earliest candidate past the target, stepped back while the clock still reads past it.
  let best = candidates.find((c) => compareWall(wallClock(new Date(c), timeZone), target) > 0) ?? wall;
  for (const step of [HOUR, 60_000, 1_000]) {
    while (compareWall(wallClock(new Date(best - step), timeZone), target) > 0) best -= step;
  }
  return new Date(best);
}

/** How far the zone's clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The schedule's due time on the local day `daysFrom` days after the local date of `instant`, or null if it does not run that day. */
function dueOn(timing: BriefingTiming, timeZone: string, instant: Date, daysFrom: number): Date | null {
  const w = wallClock(instant, timeZone);
  const local = new Date(Date.UTC(w.year, w.month - 1, w.day) + daysFrom * DAY);
  const isoWeekday = ((local.getUTCDay() + 6) % 7) + 1;
  if (timing.cadence === "weekly" && isoWeekday !== timing.dayOfWeek) return null;
  return localHourInstant(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), timing.hour, timeZone);
}

/** The first due time strictly after `after`. */
export function nextDueAfter(timing: BriefingTiming, timeZone: string, after: Date): Date {
  for (let days = -1; days <= 8; days++) {
    const due = dueOn(timing, timeZone, after, days);
    if (due && due.getTime() > after.getTime()) return due;
  }
  throw new Error(`No due time within a week for ${JSON.stringify(timing)}`);
}

/** The latest due time at or before `now`. */
export function latestDueAtOrBefore(timing: BriefingTiming, timeZone: string, now: Date): Date {
  for (let days = 1; days >= -8; days--) {
    const due = dueOn(timing, timeZone, now, days);
    if (due && due.getTime() <= now.getTime()) return due;
  }
  throw new Error(`No due time within a week for ${JSON.stringify(timing)}`);
}

/**
 * The due time a sweep at `now` should make a briefing for, or null: the latest that has come, if it is after
 * `dueAfter` (the schedule's last run, or when it was made, changed or resumed). Runs missed while no server was up
 * collapse into one: a briefing shows the watchlist as it is when it is made, so several would be the same.
 */
export function dueToRun(timing: BriefingTiming, timeZone: string, dueAfter: Date, now: Date): Date | null {
  const due = latestDueAtOrBefore(timing, timeZone, now);
  return due.getTime() > dueAfter.getTime() ? due : null;
}
