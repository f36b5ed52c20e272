import { describe, expect, it } from "vitest";
import { compilePhrases, removeOverlaps } from "./terms";

describe("compilePhrases", () => {
  const m = compilePhrases(["dual-use technology", "dual-use", "chip", "SWIFT", "cruise missile"], { plurals: true, caseSensitive: false });

  it("matches whole words, plurals, spaces for hyphens, longest phrase first", () => {
    const text = "Dual use technologies, chips and cruise missiles; microchips and chipsets are not chips of this list.";
    const hits = m.find(text);
    expect(hits.map((h) => [h.phrase, text.slice(h.start, h.end)])).toEqual([
      ["dual-use technology", "Dual use technologies"],
      ["chip", "chips"],
      ["cruise missile", "cruise missiles"],
      ["chip", "chips"],
    ]);
  });

  it("matches acronyms case-sensitively", () => {
    expect(m.find("a swift response").length).toBe(0);
    expect(m.find("cut off from SWIFT.").map((h) => h.phrase)).toEqual(["SWIFT"]);
  });
});

describe("removeOverlaps", () => {
  it("keeps the longest span and returns text order", () => {
    const spans = [
      { start: 0, end: 5, id: "a" },
      { start: 3, end: 12, id: "b" },
      { start: 12, end: 14, id: "c" },
    ];
    expect(removeOverlaps(spans).map((s) => s.id)).toEqual(["b", "c"]);
  });
});
