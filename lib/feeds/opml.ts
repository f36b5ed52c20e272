import { generateOpml, parseOpml, type Opml } from "feedsmith";
import { wellFormednessError } from "./xml";

// OPML, the file feed readers exchange subscriptions in: a team's feeds go out grouped by source (one
// outline per source, the feeds inside), and come in from any reader's export, a folder naming the source.

export type OpmlFeed = { url: string; title: string; siteUrl?: string | null };
export type OpmlSource = { name: string; feeds: OpmlFeed[] };

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An OPML 2.0 document of the sources' feeds. */
export function opmlOf(title: string, sources: OpmlSource[], now = new Date()): string {
  // feedsmith refuses a body without outlines (OPML 2.0 asks for one or more); a team without feeds still gets a
  // file that readers import as empty.
  if (sources.length === 0) return `<?xml version="1.0" encoding="utf-8"?>\n<opml version="2.0">\n  <head>\n    <title>${escapeXml(title)}</title>\n  </head>\n  <body/>\n</opml>\n`;
  return generateOpml({
    head: { title, dateCreated: now },
    body: {
      outlines: sources.map((source) => ({
        text: source.name,
        title: source.name,
        outlines: source.feeds.map((feed) => ({ type: "rss", text: feed.title, title: feed.title, xmlUrl: feed.url, ...(feed.siteUrl ? { htmlUrl: feed.siteUrl } : {}) })),
      })),
    },
  });
}

/** A feed an OPML file lists, with the folder it sits in (its source here), if any. */
export type ListedFeed = { url: string; title: string | null; folder: string | null };

export type OpmlReading = { ok: true; feeds: ListedFeed[] } | { ok: false; message: string };

/** The feeds an OPML file lists, outlines with an `xmlUrl` at any depth, in file order. */
export function feedsInOpml(xml: string): OpmlReading {
  const malformed = wellFormednessError(xml);
  if (malformed) return { ok: false, message: `The OPML is malformed: ${malformed}` };
  let document: Opml.Document<string>;
  try {
    document = parseOpml(xml);
  } catch (error) {
    return { ok: false, message: `This is not an OPML file: ${(error as Error).message}` };
  }
  const feeds: ListedFeed[] = [];
  const walk = (outlines: Opml.Outline<string>[] | undefined, folder: string | null) => {
    for (const outline of outlines ?? []) {
      const name = (outline.title ?? outline.text ?? "").trim() || null;
      if (outline.xmlUrl) feeds.push({ url: outline.xmlUrl.trim(), title: name, folder });
      else walk(outline.outlines, name ?? folder);
    }
  };
  walk(document.body?.outlines, null);
  return { ok: true, feeds };
}
