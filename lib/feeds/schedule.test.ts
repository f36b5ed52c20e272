import { describe, expect, it } from "vitest";
import { minutesUntilNextPoll, nextPollAt } from "./schedule";

describe("the polling schedule", () => {
  it("waits the interval after a success", () => {
    expect(minutesUntilNextPoll(30, 0)).toBe(30);
    expect(nextPollAt(new Date("2024-05-01T10:00:00Z"), 30, 0).toISOString()).toBe("2024-05-01T10:30:00.000Z");
  });

  it("doubles the wait with each failure in a row, up to a day", () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => minutesUntilNextPoll(30, failures))).toEqual([60, 120, 240, 480, 960, 1440]);
    expect(minutesUntilNextPoll(30, 7)).toBe(1440);
    expect(minutesUntilNextPoll(5, 2000)).toBe(1440);
  });

  it("never polls a daily feed more often than daily", () => {
    expect(minutesUntilNextPoll(1440, 3)).toBe(1440);
  });
});
