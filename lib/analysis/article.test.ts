import { describe, expect, it } from "vitest";
import { ARTICLE_HTML, ARTICLE_TITLE } from "@/lib/testing/article-page";
import { readArticle } from "./article";

describe("readArticle", () => {
  const article = readArticle(ARTICLE_HTML);

  it("keeps the article's paragraphs and leaves out navigation, banners, asides and scripts", () => {
    expect(article.text).toMatch(/^(By Jane Doe\n\n)?WASHINGTON — The U\.S\. Treasury Department/);
    expect(article.text).toContain("risk losing access to the U.S. financial system.\n\nAnalysts said");
    for (const noise of ["Subscribe", "We use cookies", "Most read", "All rights reserved", "hijacked", "injected", "tracker"]) expect(article.text).not.toContain(noise);
  });

  it("finds the title, byline, site name and the published day as the page wrote it", () => {
    expect(article).toMatchObject({ title: ARTICLE_TITLE, byline: "Jane Doe", publisher: "Example Wire", publishedAt: "2024-05-01" });
  });

  it("prefers article:published_time to JSON-LD, and reads JSON-LD without meta tags", () => {
    const withMeta = ARTICLE_HTML.replace("<head>", '<head><meta property="article:published_time" content="2024-04-30T08:00:00Z">');
    expect(readArticle(withMeta).publishedAt).toBe("2024-04-30");
    expect(readArticle(ARTICLE_HTML.replace('"datePublished":"2024-05-01T21:30:00-04:00"', '"datePublished":"not a date"')).publishedAt).toBeNull();
  });

  it("keeps the visible text of a page that is no article", () => {
    const notice = readArticle("<html><head><title>Notice</title></head><body><nav>Menu</nav><p>Office closed on Friday.</p><script>x()</script></body></html>");
    expect(notice).toMatchObject({ title: "Notice", byline: null, publishedAt: null });
    expect(notice.text).toContain("Office closed on Friday.");
    expect(notice.text).not.toContain("x()");
  });
});
