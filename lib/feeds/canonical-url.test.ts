import { describe, expect, it } from "vitest";
import { canonicalUrl } from "./canonical-url";

describe("canonicalUrl", () => {
  it("strips utm_*, fbclid, gclid and the fragment, keeping the other parameters in order", () => {
    expect(canonicalUrl("https://home.treasury.gov/news/press-releases/jy2290?utm_source=rss&utm_medium=feed")).toBe("https://home.treasury.gov/news/press-releases/jy2290");
    expect(canonicalUrl("https://www.consilium.europa.eu/en/press/?fbclid=IwAR0abc&lang=en&page=2&gclid=x#top")).toBe("https://www.consilium.europa.eu/en/press/?lang=en&page=2");
    expect(canonicalUrl("https://example.org/a?UTM_Campaign=x&id=7&mc_cid=1")).toBe("https://example.org/a?id=7");
  });

  it("normalises the host's case and default port, and resolves against a base", () => {
    expect(canonicalUrl("HTTPS://Example.ORG:443/Path")).toBe("https://example.org/Path");
    expect(canonicalUrl("/news/1?utm_source=x", "https://example.org/feed.xml")).toBe("https://example.org/news/1");
  });

  it("answers null for what is not an http(s) address", () => {
    for (const value of ["", "not a url", "javascript:alert(1)", "mailto:press@example.org", "ftp://example.org/x"]) expect(canonicalUrl(value), value).toBeNull();
  });
});
