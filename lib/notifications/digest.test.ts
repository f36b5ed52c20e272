import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { digestPeriod, groupDigests, isTimeZone, startOfLocalDay, type DigestItem } from "./digest";

const at = (iso: string) => new Date(iso);
const item = (id: string, createdAt: string, over: Partial<DigestItem> = {}): DigestItem => ({ id, userId: "u1", teamId: "t1", createdAt: at(createdAt), cadence: "daily", timeZone: "UTC", ...over });

describe("digestPeriod", () => {
  it("splits at the team's midnight, not UTC's (Berlin, winter: UTC+1)", () => {
    // 23:30 UTC on 14 Jan is 00:30 on 15 Jan in Berlin.
    expect(digestPeriod(at("2026-01-14T23:30:00Z"), "Europe/Berlin", "daily")).toEqual({ firstDay: "2026-01-15", start: at("2026-01-14T23:00:00Z"), end: at("2026-01-15T23:00:00Z") });
    expect(digestPeriod(at("2026-01-14T22:59:59Z"), "Europe/Berlin", "daily").firstDay).toBe("2026-01-14");
    expect(digestPeriod(at("2026-01-14T23:30:00Z"), "UTC", "daily").firstDay).toBe("2026-01-14");
  });

  it("New York, around midnight and across DST (a 23-hour and a 25-hour day)", () => {
    // 04:30 UTC on 9 Mar 2026 is 00:30 EDT... the spring change is 8 Mar at 02:00 local.
    const spring = digestPeriod(at("2026-03-08T12:00:00Z"), "America/New_York", "daily");
    expect(spring).toEqual({ firstDay: "2026-03-08", start: at("2026-03-08T05:00:00Z"), end: at("2026-03-09T04:00:00Z") });
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = digestPeriod(at("2026-11-01T12:00:00Z"), "America/New_York", "daily");
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
    expect(digestPeriod(at("2026-03-09T03:59:00Z"), "America/New_York", "daily").firstDay).toBe("2026-03-08");
    expect(digestPeriod(at("2026-03-09T04:00:00Z"), "America/New_York", "daily").firstDay).toBe("2026-03-09");
  });

  it("weeks run Monday to Sunday in the team's time zone (Berlin's DST week has 167 hours)", () => {
    // Sunday 29 Mar 2026 Berlin goes to summer time; Monday 30 Mar 00:00 CEST is 29 Mar 22:00 UTC.
    const week = digestPeriod(at("2026-03-29T21:30:00Z"), "Europe/Berlin", "weekly");
    expect(week).toEqual({ firstDay: "2026-03-23", start: at("2026-03-22T23:00:00Z"), end: at("2026-03-29T22:00:00Z") });
    expect(week.end.getTime() - week.start.getTime()).toBe(167 * 3_600_000);
    expect(digestPeriod(at("2026-03-29T22:00:00Z"), "Europe/Berlin", "weekly").firstDay).toBe("2026-03-30");
  });

  it("a day whose midnight does not exist starts when the clock jumps (Santiago, September)", () => {
    const start = startOfLocalDay(2026, 9, 6, "America/Santiago");
    const local = new Intl.DateTimeFormat("en-GB", { timeZone: "America/Santiago", dateStyle: "short", timeStyle: "short" }).format(start);
    expect(local).toBe("06/09/2026, 01:00");
  });
});

describe("groupDigests", () => {
  it("one group per person, team, cadence and local day; only ended periods when now is given", () => {
    const items = [
      item("a", "2026-01-14T22:30:00Z", { timeZone: "Europe/Berlin" }), // 14 Jan Berlin
      item("b", "2026-01-14T23:30:00Z", { timeZone: "Europe/Berlin" }), // 15 Jan Berlin
      item("c", "2026-01-14T10:00:00Z", { timeZone: "Europe/Berlin" }),
      item("d", "2026-01-14T10:00:00Z", { timeZone: "Europe/Berlin", userId: "u2" }),
      item("e", "2026-01-14T10:00:00Z", { timeZone: "Europe/Berlin", cadence: "weekly" }),
    ];
    const groups = groupDigests(items);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id)])).toEqual([
      ["u1/t1/weekly/2026-01-12", ["e"]],
      ["u1/t1/daily/2026-01-14", ["c", "a"]],
      ["u2/t1/daily/2026-01-14", ["d"]],
      ["u1/t1/daily/2026-01-15", ["b"]],
    ]);
    // At 23:30 UTC on the 14th, Berlin's 14th has ended, its 15th has not, nor has the week.
    expect(groupDigests(items, at("2026-01-14T23:30:00Z")).map((g) => g.key)).toEqual(["u1/t1/daily/2026-01-14", "u2/t1/daily/2026-01-14"]);
  });

  const zones = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Chatham"];
  const arbitraryItem = fc.record({
    id: fc.uuid(),
    userId: fc.constantFrom("u1", "u2"),
    createdAt: fc.date({ min: at("2025-01-01T00:00:00Z"), max: at("2027-12-31T00:00:00Z"), noInvalidDate: true }),
    cadence: fc.constantFrom("daily" as const, "weekly" as const),
    timeZone: fc.constantFrom(...zones),
  }).map((i) => ({ ...i, teamId: `team in ${i.timeZone}` })); // a team has one time zone

  it("puts every item in exactly one group, inside its period, on one local day or week", () => {
    fc.assert(
      fc.property(fc.array(arbitraryItem, { maxLength: 40 }), (items) => {
        const groups = groupDigests(items);
        expect(groups.flatMap((g) => g.items).length).toBe(items.length);
        for (const g of groups) {
          const hours = (g.end.getTime() - g.start.getTime()) / 3_600_000;
          const days = g.cadence === "daily" ? 1 : 7;
          expect(hours).toBeGreaterThanOrEqual(days * 24 - 1);
          expect(hours).toBeLessThanOrEqual(days * 24 + 1);
          for (const i of g.items) {
            expect([i.userId, i.teamId, i.cadence, i.timeZone]).toEqual([g.userId, g.teamId, g.cadence, g.timeZone]);
            expect(i.createdAt.getTime()).toBeGreaterThanOrEqual(g.start.getTime());
            expect(i.createdAt.getTime()).toBeLessThan(g.end.getTime());
          }
        }
      }),
    );
  });

  it("a period's end is the next period's start, and only ended periods are sent", () => {
    fc.assert(
      fc.property(arbitraryItem, fc.date({ min: at("2025-01-01T00:00:00Z"), max: at("2028-01-31T00:00:00Z"), noInvalidDate: true }), (i, now) => {
        const period = digestPeriod(i.createdAt, i.timeZone, i.cadence);
        expect(digestPeriod(period.end, i.timeZone, i.cadence).start).toEqual(period.end);
        expect(digestPeriod(new Date(period.end.getTime() - 1), i.timeZone, i.cadence).firstDay).toBe(period.firstDay);
        expect(groupDigests([i], now).length).toBe(period.end.getTime() <= now.getTime() ? 1 : 0);
      }),
    );
  });
});

it("isTimeZone knows IANA names only", () => {
  expect(isTimeZone("Europe/Berlin")).toBe(true);
  expect(isTimeZone("UTC")).toBe(true);
  expect(isTimeZone("Mars/Olympus")).toBe(false);
  expect(isTimeZone("")).toBe(false);
});
