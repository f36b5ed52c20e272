import { describe, expect, it } from "vitest";
import { advertisedFeeds } from "./discover";

describe("advertisedFeeds", () => {
  it("finds RSS, Atom and JSON Feed links, absolute, in page order", () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css" type="text/css">
      <link rel="alternate" type="application/rss+xml" title="Press releases" href="/news/press-releases/feed">
      <link rel="alternate" type="application/atom+xml" href="https://example.org/atom.xml">
      <link rel="Alternate" type="application/feed+json; charset=utf-8" href="feed.json">
      <link rel="alternate" type="application/rss+xml" href="/news/press-releases/feed">
      <link rel="alternate" hreflang="fr" type="text/html" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body></body></html>`;
    expect(advertisedFeeds(html, "https://home.treasury.gov/news/")).toEqual([
      "https://home.treasury.gov/news/press-releases/feed",
      "https://example.org/atom.xml",
      "https://home.treasury.gov/news/feed.json",
    ]);
  });

  it("finds none on a page without them", () => {
    expect(advertisedFeeds("<p>No feeds here</p>", "https://example.org/")).toEqual([]);
  });
});
