import { describe, expect, it } from "vitest";
import { segmentText, snippetParts } from "./highlights";

describe("snippetParts", () => {
  it("splits a search snippet into plain text and matches", () => {
    expect(snippetParts("the \u0002banks\u0003 and \u0002payments\u0003.")).toEqual([
      { text: "the ", match: false },
      { text: "banks", match: true },
      { text: " and ", match: false },
      { text: "payments", match: true },
      { text: ".", match: false },
    ]);
  });

  it("keeps markup in the text as text, and tolerates a missing end marker", () => {
    expect(snippetParts("<b>x</b> \u0002y")).toEqual([
      { text: "<b>x</b> ", match: false },
      { text: "y", match: true },
    ]);
    expect(snippetParts("")).toEqual([]);
  });
});

describe("segmentText", () => {
  const text = "0123456789";

  it("returns the whole text as one plain segment without highlights", () => {
    expect(segmentText(text, [])).toEqual([{ start: 0, end: 10, text, covering: [] }]);
  });

  it("cuts overlapping highlights at every edge and joins the pieces back into the text", () => {
    const a = { start: 2, end: 6, value: "a" };
    const b = { start: 4, end: 8, value: "b" };
    const segments = segmentText(text, [a, b]);
    expect(segments.map((s) => [s.text, s.covering.map((h) => h.value).join("")])).toEqual([
      ["01", ""],
      ["23", "a"],
      ["45", "ab"],
      ["67", "b"],
      ["89", ""],
    ]);
    expect(segments.map((s) => s.text).join("")).toBe(text);
    for (const s of segments) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("clips highlights to the text and drops empty ones", () => {
    const segments = segmentText(text, [
      { start: 8, end: 99, value: "end" },
      { start: 3, end: 3, value: "empty" },
    ]);
    expect(segments.map((s) => [s.text, s.covering.length])).toEqual([
      ["01234567", 0],
      ["89", 1],
    ]);
  });
});
