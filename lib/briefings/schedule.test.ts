import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wallClock } from "@/lib/notifications/digest";
import { dueToRun, latestDueAtOrBefore, localHourInstant, nextDueAfter, type BriefingTiming } from "./schedule";

const at = (iso: string) => new Date(iso);
const daily = (hour: number): BriefingTiming => ({ cadence: "daily", dayOfWeek: null, hour });
const weekly = (dayOfWeek: number, hour: number): BriefingTiming => ({ cadence: "weekly", dayOfWeek, hour });

describe("due times on DST days", () => {
  it("Europe/London: a skipped hour runs when the clock jumps, a doubled hour at its first occurrence", () => {
    // 29 Mar 2026: 01:00 GMT becomes 02:00 BST, so 01:00 never shows; 25 Oct 2026: 01:00 shows twice.
    expect(nextDueAfter(daily(1), "Europe/London", at("2026-03-28T12:00:00Z"))).toEqual(at("2026-03-29T01:00:00Z"));
    expect(nextDueAfter(daily(1), "Europe/London", at("2026-10-24T12:00:00Z"))).toEqual(at("2026-10-25T00:00:00Z"));
    expect(nextDueAfter(daily(1), "Europe/London", at("2026-10-25T00:00:00Z"))).toEqual(at("2026-10-26T01:00:00Z"));
    expect(nextDueAfter(daily(9), "Europe/London", at("2026-03-29T00:30:00Z"))).toEqual(at("2026-03-29T08:00:00Z"));
  });

  it("America/New_York: 02:00 is skipped in March, 01:00 doubled in November", () => {
    expect(nextDueAfter(daily(2), "America/New_York", at("2026-03-07T12:00:00Z"))).toEqual(at("2026-03-08T07:00:00Z"));
    expect(localHourInstant(2026, 3, 8, 2, "America/New_York")).toEqual(at("2026-03-08T07:00:00Z")); // 03:00 EDT
    expect(localHourInstant(2026, 11, 1, 1, "America/New_York")).toEqual(at("2026-11-01T05:00:00Z")); // 01:00 EDT, not EST
    expect(nextDueAfter(daily(8), "America/New_York", at("2026-11-01T05:30:00Z"))).toEqual(at("2026-11-01T13:00:00Z"));
  });

  it("weekly across a year boundary (Monday 09:00 London, Friday 17:00 New York)", () => {
    expect(nextDueAfter(weekly(1, 9), "Europe/London", at("2026-12-29T10:00:00Z"))).toEqual(at("2027-01-04T09:00:00Z"));
    expect(nextDueAfter(weekly(5, 17), "America/New_York", at("2026-12-26T00:00:00Z"))).toEqual(at("2027-01-01T22:00:00Z"));
    expect(latestDueAtOrBefore(weekly(1, 9), "Europe/London", at("2027-01-03T23:59:00Z"))).toEqual(at("2026-12-28T09:00:00Z"));
  });

  it("a weekly schedule on its day, before and after its hour", () => {
    // Monday 7 Dec 2026.
    expect(nextDueAfter(weekly(1, 9), "UTC", at("2026-12-07T08:59:59Z"))).toEqual(at("2026-12-07T09:00:00Z"));
    expect(nextDueAfter(weekly(1, 9), "UTC", at("2026-12-07T09:00:00Z"))).toEqual(at("2026-12-14T09:00:00Z"));
    expect(latestDueAtOrBefore(weekly(1, 9), "UTC", at("2026-12-07T09:00:00Z"))).toEqual(at("2026-12-07T09:00:00Z"));
  });
});

const zones = fc.constantFrom("UTC", "Europe/London", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago", "Pacific/Chatham", "Asia/Kathmandu");
const timings = fc.oneof(
  fc.integer({ min: 0, max: 23 }).map(daily),
  fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 23 })).map(([d, h]) => weekly(d, h)),
);
// 2025–2028: several DST changes and year ends in every zone above.
const instants = fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2028, 11, 31) }).map((ms) => new Date(ms));

const wallOf = (instant: Date, timeZone: string) => {
  const w = wallClock(instant, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
};

describe("due times, for any zone, schedule and moment", () => {
  it("the next due time is later, on the schedule's hour (or the jump past it) and day, with none skipped before it", () => {
    fc.assert(
      fc.property(timings, zones, instants, (timing, zone, after) => {
        const due = nextDueAfter(timing, zone, after);
        expect(due.getTime()).toBeGreaterThan(after.getTime());
        const w = wallClock(due, zone);
        const target = Date.UTC(w.year, w.month - 1, w.day, timing.hour);
        if (w.minute === 0 && w.second === 0 && w.hour === timing.hour) {
          // The first time the clock shows it: not half an hour or an hour earlier too.
          for (const back of [1_800_000, 3_600_000]) expect(wallOf(new Date(due.getTime() - back), zone)).not.toBe(target);
        } else {
          // A skipped hour: the clock jumps from before it to after it at `due`.
          expect(wallOf(due, zone)).toBeGreaterThan(target);
          expect(wallOf(new Date(due.getTime() - 1000), zone)).toBeLessThan(target);
        }
        if (timing.cadence === "weekly") expect(((new Date(target).getUTCDay() + 6) % 7) + 1).toBe(timing.dayOfWeek);
        // Nothing due in between: the latest due time before `due` is at or before `after`.
        expect(latestDueAtOrBefore(timing, zone, new Date(due.getTime() - 1)).getTime()).toBeLessThanOrEqual(after.getTime());
        expect(latestDueAtOrBefore(timing, zone, due)).toEqual(due);
      }),
      { numRuns: 400 },
    );
  });

  it("sweeps at any moments make each due time at most once, and catch the latest one every time", () => {
    fc.assert(
      fc.property(timings, zones, instants, fc.array(fc.integer({ min: 1, max: 3 * 86_400_000 }), { minLength: 1, maxLength: 30 }), (timing, zone, created, gaps) => {
        let dueAfter = created;
        let now = created.getTime();
        const made = new Set<number>();
        for (const gap of gaps) {
          now += gap;
          const due = dueToRun(timing, zone, dueAfter, new Date(now));
          const latest = latestDueAtOrBefore(timing, zone, new Date(now));
          if (latest.getTime() > created.getTime()) expect(Math.max(dueAfter.getTime(), due?.getTime() ?? 0)).toBe(latest.getTime());
          if (!due) continue;
          expect(made.has(due.getTime())).toBe(false);
          expect(due.getTime()).toBeLessThanOrEqual(now);
          made.add(due.getTime());
          dueAfter = due;
          // A second sweep at the same moment (another instance, a restart) finds nothing to do.
          expect(dueToRun(timing, zone, dueAfter, new Date(now))).toBeNull();
        }
      }),
      { numRuns: 200 },
    );
  });
});
