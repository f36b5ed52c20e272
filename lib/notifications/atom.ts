import { absoluteLink } from "./email-content";

// The personal Atom feed of one's notifications (issue 15), pure: RFC 4287, every text escaped as XML.

export type AtomEntry = { id: string; title: string; summary: string; link: string; createdAt: Date };

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
// Characters XML 1.0 cannot carry at all are dropped, not escaped.
const escapeXml = (value: string) => value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "").replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** Newest first; `feedId` stays the same for the same person and team, so a reader keeps its read marks. */
export function notificationsAtom(feed: { feedId: string; title: string; appUrl: string; updated: Date }, entries: AtomEntry[]): string {
  const updated = entries[0]?.createdAt ?? feed.updated;
  const body = entries
    .map((e) =>
      [
        "  <entry>",
        `    <id>urn:sanctions-watch:notification:${escapeXml(e.id)}</id>`,
        `    <title>${escapeXml(e.title)}</title>`,
        `    <link rel="alternate" type="text/html" href="${escapeXml(absoluteLink(feed.appUrl, e.link))}"/>`,
        `    <updated>${e.createdAt.toISOString()}</updated>`,
        `    <published>${e.createdAt.toISOString()}</published>`,
        `    <summary>${escapeXml(e.summary)}</summary>`,
        "  </entry>",
      ].join("\n"),
    )
    .join("\n");
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>urn:sanctions-watch:notifications:${escapeXml(feed.feedId)}</id>`,
    `  <title>${escapeXml(feed.title)}</title>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(`${feed.appUrl}/notifications`)}"/>`,
    `  <updated>${updated.toISOString()}</updated>`,
    "  <author><name>Sanctions Watch</name></author>",
    "  <generator>Sanctions Watch</generator>",
    body,
    "</feed>",
    "",
  ].join("\n");
}
