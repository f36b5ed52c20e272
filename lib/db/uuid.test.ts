import { describe, expect, it } from "vitest";
import { uuidv7 } from "./uuid";

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuidv7", () => {
  it("is a version 7 UUID of the RFC 9562 variant", () => {
    for (let i = 0; i < 100; i++) expect(uuidv7()).toMatch(V7);
  });

  it("carries the time in its first 48 bits", () => {
    const at = new Date("2026-12-03T10:00:00.123Z");
    const id = uuidv7(at);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at.getTime());
  });

  it("sorts as text in the order of its times, and differs at the same millisecond", () => {
    const times = [0, 1, 255, 256, 1_700_000_000_000, 1_800_000_000_000].map((ms) => new Date(ms));
    const ids = times.map((at) => uuidv7(at));
    expect([...ids].sort()).toEqual(ids);
    const same = new Date();
    expect(new Set(Array.from({ length: 1000 }, () => uuidv7(same))).size).toBe(1000);
  });
});
