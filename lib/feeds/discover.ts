import { parseHTML } from "linkedom";

// "Add a feed" takes a site's address as well as a feed's: the page names its feeds in
// `<link rel="alternate" type="application/rss+xml" href="…">` (the RSS autodiscovery convention, also for
// Atom and JSON Feed), and the first is the one the site offers.

/** What a feed may be served as (many servers say plain XML or JSON); anything else is refused before it is read. */
export const FEED_MEDIA_TYPES = ["application/rss+xml", "application/x-rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml", "application/feed+json", "application/json"];
/** A site's page, read for the feeds it advertises. */
export const PAGE_MEDIA_TYPES = ["text/html", "application/xhtml+xml"];
const ADVERTISED = new Set<string>(["application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json", "application/json+feed"]);

/** The feeds a page advertises, absolute, in page order, without repeats. */
export function advertisedFeeds(html: string, pageUrl: string): string[] {
  const { document } = parseHTML(html);
  const found: string[] = [];
  for (const link of document.querySelectorAll("link[rel][href][type]")) {
    const rel = (link.getAttribute("rel") ?? "").toLowerCase().split(/\s+/);
    const type = (link.getAttribute("type") ?? "").toLowerCase().split(";")[0]!.trim();
    if (!rel.includes("alternate") || !ADVERTISED.has(type)) continue;
    try {
      const url = new URL(link.getAttribute("href")!, pageUrl);
      if ((url.protocol === "http:" || url.protocol === "https:") && !found.includes(url.toString())) found.push(url.toString());
    } catch {
      // A broken href names no feed.
    }
  }
  return found;
}
