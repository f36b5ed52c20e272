import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentHash, findQuote, normalizeForHash, splitSentences } from "./text";

describe("normalizeForHash / contentHash", () => {
  it("ignores whitespace, case, Unicode composition and invisible characters", () => {
    const a = "  Blinken warns  China\n\nover Russia.\t";
    const b = "BLINKEN warns china over\u00a0russia.";
    const c = "Blin\u200bken warns China over Russia.";
    expect(normalizeForHash(a)).toBe("blinken warns china over russia.");
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toBe(contentHash(c));
    // "é" precomposed and decomposed are the same content.
    expect(contentHash("Caf\u00e9")).toBe(contentHash("Cafe\u0301"));
  });

  it("gives a sha256 hex digest that changes with the words", () => {
    expect(contentHash("a")).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash("chips to Russia")).not.toBe(contentHash("chips to Iran"));
  });
});

describe("findQuote", () => {
  const text = "Blinken aims to convey that the US is considering sanctions. The US is open.";

  it("finds an exact quote", () => {
    const r = findQuote(text, "the US is considering sanctions");
    expect(r).not.toBeNull();
    expect(text.slice(r!.start, r!.end)).toBe("the US is considering sanctions");
  });

  it("returns the first occurrence, and null for missing or empty quotes", () => {
    expect(findQuote(text, "The US")?.start).toBe(text.indexOf("The US"));
    expect(findQuote(text, "the us is considering")).toBeNull();
    expect(findQuote(text, "")).toBeNull();
  });
});

describe("splitSentences", () => {
  it("splits prose with exact offsets and keeps abbreviations together", () => {
    const text = "Mr. Campbell met U.S. officials on Monday. Sanctions were discussed! Were chips mentioned? Yes.";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Mr. Campbell met U.S. officials on Monday.",
      "Sanctions were discussed!",
      "Were chips mentioned?",
      "Yes.",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("treats headings, bullets and paragraphs as their own sentences", () => {
    const text = "Key Takeaways\n\n  • Blinken to visit China\n  • US concerned about chips\nA short line\nand its continuation.";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Key Takeaways",
      "Blinken to visit China",
      "US concerned about chips",
      "A short line\nand its continuation.",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("joins hard-wrapped lines of prose", () => {
    const text = "The shipments of integrated circuits went through\nKazakhstan before reaching Moscow.";
    expect(splitSentences(text).map((s) => s.text)).toEqual([text]);
  });

  it("always returns trimmed, ordered, non-overlapping slices of the text", () => {
    const piece = fc.constantFrom("Mr.", "U.S.", "Chips", "engines", ".", "!", "?", " ", "\n", "\n\n", "\r\n", "•", "- ", "1.", "“", "”", "Wang Yi", "é");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join("");
        let last = 0;
        for (const s of splitSentences(text)) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.start).toBeGreaterThanOrEqual(last);
          expect(s.text).toBe(s.text.trim());
          expect(s.text.length).toBeGreaterThan(0);
          last = s.end;
        }
      }),
    );
  });

  it("handles empty text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences("  \n\n ")).toEqual([]);
  });
});
