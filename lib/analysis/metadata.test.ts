import { describe, expect, it } from "vitest";
import { guessPublishedDate, guessPublisher, guessTitle } from "./metadata";

describe("guessPublishedDate", () => {
  it("reads the common date forms", () => {
    expect(guessPublishedDate("Blinken will visit from April 24-26, 2024, officials said.")).toBe("2024-04-24");
    expect(guessPublishedDate("Posted 2024-04-17 by the desk")).toBe("2024-04-17");
    expect(guessPublishedDate("London, 17 April 2024 — Ministers met.")).toBe("2024-04-17");
    expect(guessPublishedDate("on Sept. 3rd, 2023 the list grew")).toBe("2023-09-03");
  });

  it("prefers a date in the URL, then a labelled date, then the first date", () => {
    const text = "The talks on March 1, 2024 failed.\nUpdated: 2024-04-18";
    expect(guessPublishedDate(text, "https://example.com/2024/04/20/story")).toBe("2024-04-20");
    expect(guessPublishedDate(text)).toBe("2024-04-18");
    expect(guessPublishedDate("The talks on March 1, 2024 failed.")).toBe("2024-03-01");
  });

  it("returns null without a (valid) date", () => {
    expect(guessPublishedDate("No date here, only 2024 and April.")).toBeNull();
    expect(guessPublishedDate("February 30, 2024")).toBeNull();
  });
});

describe("guessPublisher", () => {
  it("names the publisher from the URL host", () => {
    expect(guessPublisher("", "https://www.reuters.com/world/china/x")).toBe("Reuters");
    expect(guessPublisher("", "https://home.treasury.gov/news/press-releases/jy2271")).toBe("US Department of the Treasury");
    expect(guessPublisher("", "https://news.example.org/a")).toBe("news.example.org");
  });

  it("falls back to a byline or dateline", () => {
    expect(guessPublisher("Title\nBy Jane Doe, Financial Times\n\nBody")).toBe("Financial Times");
    expect(guessPublisher("WASHINGTON (Reuters) - The US on Friday...")).toBe("Reuters");
    expect(guessPublisher("Source: Politico\nText")).toBe("Politico");
    expect(guessPublisher("Just text.")).toBeNull();
  });
});

describe("guessTitle", () => {
  it("uses the given title, else the first non-empty line", () => {
    expect(guessTitle("Line one\nLine two", "  Given  title ")).toBe("Given title");
    expect(guessTitle("\n\n  Blinken to Warn China  \nBody")).toBe("Blinken to Warn China");
    expect(guessTitle("   ")).toBe("Untitled");
  });
});
