import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { htmlToText } from "./html";

// A web page's article, as Firefox Reader View sees it: Readability on a server-side DOM (linkedom,
// which runs no scripts and loads nothing). Runs on a worker thread (lib/workers/jobs.ts).

export type Article = {
  title: string | null;
  byline: string | null;
  /** The site's name (og:site_name), to match a source. */
  publisher: string | null;
  /** As "YYYY-MM-DD", the day the page says, not converted to UTC. */
  publishedAt: string | null;
  /** Paragraphs separated by blank lines. */
  text: string;
};

// Where pages state their publication date, most specific first.
const DATE_META = [
  "article:published_time",
  "og:published_time",
  "datepublished",
  "dc.date.issued",
  "dcterms.issued",
  "dc.date",
  "date",
  "pubdate",
  "publishdate",
  "sailthru.date",
  "parsely-pub-date",
];

export function readArticle(html: string): Article {
  const { document } = parseHTML(html);
  // Read before Readability, which rewrites the document it is given.
  const publishedAt = metaDate(document) ?? jsonLdDate(document);
  const headTitle = clean(document.querySelector("title")?.textContent);
  const reader = new Readability(document as unknown as Document, { charThreshold: 200 });
  const article = reader.parse();
  // A page Readability cannot make an article of (a list, a short notice) keeps all its visible text.
  const text = htmlToText(article?.content ?? html);
  return {
    title: clean(article?.title) ?? headTitle,
    byline: clean(article?.byline),
    publisher: clean(article?.siteName),
    publishedAt: publishedAt ?? isoDay(article?.publishedTime),
    text,
  };
}

function metaDate(document: ParentNode): string | null {
  const metas = [...document.querySelectorAll("meta")];
  for (const name of DATE_META) {
    for (const meta of metas) {
      const key = (meta.getAttribute("property") ?? meta.getAttribute("name") ?? meta.getAttribute("itemprop") ?? "").toLowerCase();
      const day = key === name ? isoDay(meta.getAttribute("content")) : null;
      if (day) return day;
    }
  }
  return null;
}

/** `datePublished` of the page's schema.org JSON-LD, in an object, an array or a @graph. */
function jsonLdDate(document: ParentNode): string | null {
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? "");
    } catch {
      continue;
    }
    const day = findDatePublished(data, 0);
    if (day) return day;
  }
  return null;
}

function findDatePublished(value: unknown, depth: number): string | null {
  if (depth > 8 || typeof value !== "object" || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const day = findDatePublished(item, depth + 1);
      if (day) return day;
    }
    return null;
  }
  const record = value as Record<string, unknown>;
  return isoDay(record.datePublished) ?? findDatePublished(record["@graph"], depth + 1);
}

/** "2024-04-24T21:00:00-04:00" → "2024-04-24": the date as the publisher wrote it. */
function isoDay(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const match = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (match) {
    const [, year, month, day] = match;
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    return date.getUTCDate() === Number(day) && Number(year) >= 1950 ? `${year}-${month}-${day}` : null;
  }
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : new Date(parsed).toISOString().slice(0, 10);
}

function clean(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, " ").trim();
  return text ? text.slice(0, 500) : null;
}
