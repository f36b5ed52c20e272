import { describe, expect, it } from "vitest";
import { commentParts, mentionedIds, mentionQueryAt } from "./text";

const members = [
  { id: "ana", name: "Ana" },
  { id: "ana-maria", name: "Ana Maria" },
  { id: "olu", name: "Olu Adeyemi" },
];

describe("mentionedIds", () => {
  it("finds each member's @Name once, in the order mentioned, case aside", () => {
    expect(mentionedIds("@olu adeyemi please check, and @Ana too. Thanks @Olu Adeyemi!", members)).toEqual(["olu", "ana"]);
  });

  it("prefers the longest name that matches", () => {
    expect(mentionedIds("Over to @Ana Maria", members)).toEqual(["ana-maria"]);
    expect(mentionedIds("@Ana Maria and @Ana", members)).toEqual(["ana-maria", "ana"]);
  });

  it("ignores a name that continues into a longer word, emails and non-members", () => {
    expect(mentionedIds("@Anastasia wrote to ana@example.org and @Nobody", members)).toEqual([]);
  });
});

describe("mentionQueryAt", () => {
  it("is the @word being typed at the caret", () => {
    expect(mentionQueryAt("Ask @Ol", 7)).toEqual({ start: 4, query: "Ol" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("Ask @Olu Ad", 11)).toEqual({ start: 4, query: "Olu Ad" });
  });

  it("is nothing inside an email address, or after a line break", () => {
    expect(mentionQueryAt("mail ana@exa", 12)).toBeNull();
    expect(mentionQueryAt("@Ana\nnext", 9)).toBeNull();
    expect(mentionQueryAt("no mention", 10)).toBeNull();
  });
});

describe("commentParts", () => {
  it("cuts text and http(s) links, leaving sentence punctuation out of the link", () => {
    expect(commentParts("See https://example.org/a?b=1, then (https://example.org/c).")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: ", then (" },
      { kind: "link", text: "https://example.org/c", href: "https://example.org/c" },
      { kind: "text", text: ")." },
    ]);
  });

  it("keeps a closing parenthesis that belongs to the address", () => {
    expect(commentParts("https://en.wikipedia.org/wiki/Mercury_(planet)")).toEqual([
      { kind: "link", text: "https://en.wikipedia.org/wiki/Mercury_(planet)", href: "https://en.wikipedia.org/wiki/Mercury_(planet)" },
    ]);
  });

  it("never links other schemes, and leaves markup as text (only the web address in it is a link)", () => {
    const hostile = 'javascript:alert(1) data:text/html,<script>x</script> <a href="https://evil.example">x</a>';
    const parts = commentParts(hostile);
    expect(parts.filter((p) => p.kind === "link").map((p) => p.text)).toEqual(["https://evil.example"]);
    expect(parts.map((p) => p.text).join("")).toBe(hostile);
  });

  it("is the whole text when there is no link", () => {
    expect(commentParts("plain")).toEqual([{ kind: "text", text: "plain" }]);
    expect(commentParts("")).toEqual([]);
  });
});
