import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { best } from "./issues";

describe("best", () => {
  it("gives the first `limit` items in order, as sorting them all and slicing does, ties kept in the order given", () => {
    const item = fc.record({ score: fc.integer({ min: 0, max: 5 }), title: fc.constantFrom("a", "b", "c"), at: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 200 }), fc.integer({ min: 1, max: 30 }), (items, limit) => {
        const order = (a: (typeof items)[number], b: (typeof items)[number]) => b.score - a.score || a.title.localeCompare(b.title);
        expect(best(items, limit, order)).toEqual([...items].sort(order).slice(0, limit));
      }),
    );
  });
});
