import { parseFeed, type AnyFeed } from "feedsmith";
import { htmlToText } from "@/lib/analysis/html";
import { cleanDocumentText, contentHash } from "@/lib/analysis/text";
import { canonicalUrl } from "./canonical-url";
import { wellFormednessError } from "./xml";

// A feed's body as the inbox needs it: RSS 2.0, Atom 1.0, RDF (RSS 1.0) or JSON Feed, read by feedsmith into
// items of plain text with a canonical link, a date or none, and a content hash. What cannot be read is an
// answer with its reason, not an exception: it crosses a worker thread (lib/workers) and ends as the feed's
// error. Items that cannot be kept are skipped and counted, never half-kept.

/** One poll keeps at most this many items, the newest: a feed of 10,000 items is not an inbox of 10,000. */
export const MAX_ITEMS_PER_POLL = 500;
/** An item's text beyond this is cut (a feed that carries whole books in its items). */
export const MAX_ITEM_TEXT = 50_000;
const MAX_TITLE = 500;

export type FeedFormat = AnyFeed["format"];

export type FeedItem = {
  /** Canonical (tracking parameters removed), or null when the item links nowhere. */
  url: string | null;
  title: string;
  text: string;
  /** ISO date-time, or null when the feed gives none or one that is no date. */
  publishedAt: string | null;
  guid: string | null;
  contentHash: string;
};

export type FeedReading =
  | {
      ok: true;
      format: FeedFormat;
      title: string | null;
      /** The site the feed is about, when it says. */
      siteUrl: string | null;
      /** Newest first where dated, at most MAX_ITEMS_PER_POLL. */
      items: FeedItem[];
      /** Items in the feed as sent. */
      total: number;
      /** Why some were left out, e.g. "kept the newest 500 of 10,000 items", "2 repeated a GUID". */
      notes: string[];
    }
  | { ok: false; reason: "malformed_feed" | "not_a_feed"; message: string };

/** Reads a feed's body; `contentType` gives the charset when the body does not. */
export function readFeed(body: Uint8Array, contentType: string | null, baseUrl?: string): FeedReading {
  const text = decode(body, contentType);
  const trimmed = text.trimStart();
  let parsed: AnyFeed;
  if (trimmed.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, reason: "malformed_feed", message: `The JSON is malformed: ${(error as Error).message}` };
    }
    const json = tryParse(value);
    if (!json) return { ok: false, reason: "not_a_feed", message: "The JSON is not a JSON Feed" };
    parsed = json;
  } else {
    if (!trimmed.startsWith("<")) return { ok: false, reason: "not_a_feed", message: "The answer is neither XML nor JSON" };
    // Checked before well-formedness: an HTML page is rarely well-formed XML, and "malformed" would mislead.
    if (/^<(!doctype\s+html|html[\s>])/i.test(trimmed)) return { ok: false, reason: "not_a_feed", message: "The answer is a web page, not a feed" };
    const malformed = wellFormednessError(trimmed);
    if (malformed) return { ok: false, reason: "malformed_feed", message: `The XML is malformed: ${malformed}` };
    const xml = tryParse(trimmed);
    if (!xml) return { ok: false, reason: "not_a_feed", message: "The XML is not an RSS, Atom or RDF feed" };
    parsed = xml;
  }
  return { ok: true, ...itemsOf(parsed, baseUrl) };
}

function tryParse(value: unknown): AnyFeed | null {
  try {
    return parseFeed(value);
  } catch {
    return null;
  }
}

/** UTF-8 unless the XML declaration or the Content-Type names another charset that TextDecoder knows. */
function decode(body: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder("latin1").decode(body.subarray(0, 200));
  const label = /^<\?xml[^>]*encoding=["']([\w.:-]+)["']/i.exec(head)?.[1] ?? /charset=["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? "utf-8";
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

type RawItem = { link?: string; title?: string; html?: string; text?: string; date?: string; guid?: string };

function itemsOf({ format, feed }: AnyFeed, baseUrl?: string): Omit<Extract<FeedReading, { ok: true }>, "ok"> {
  let raw: RawItem[];
  let title: string | undefined;
  let siteUrl: string | undefined;
  switch (format) {
    case "rss":
      title = feed.title;
      siteUrl = feed.link;
      raw = (feed.items ?? []).map((item) => ({
        link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
        title: item.title,
        html: item.content?.encoded ?? item.description,
        date: item.pubDate ?? item.dc?.dates?.[0],
        guid: item.guid?.value,
      }));
      break;
    case "atom":
      title = feed.title?.value;
      siteUrl = alternateLink(feed.links);
      raw = (feed.entries ?? []).map((entry) => ({
        link: alternateLink(entry.links),
        title: entry.title?.value,
        html: entry.content?.value ?? entry.summary?.value,
        date: entry.published ?? entry.updated,
        guid: entry.id,
      }));
      break;
    case "rdf":
      title = feed.title;
      siteUrl = feed.link;
      raw = (feed.items ?? []).map((item) => ({ link: item.link, title: item.title, html: item.description, date: item.dc?.dates?.[0], guid: item.rdf?.about }));
      break;
    case "json":
      title = feed.title;
      siteUrl = feed.home_page_url;
      raw = (feed.items ?? []).map((item) => ({
        link: item.url ?? item.external_url,
        title: item.title,
        html: item.content_html ?? item.summary,
        text: item.content_text,
        date: item.date_published ?? item.date_modified,
        guid: item.id === undefined ? undefined : String(item.id),
      }));
      break;
  }
  return { format, title: oneLine(title) || null, siteUrl: (siteUrl && canonicalUrl(siteUrl, baseUrl)) || null, ...keep(raw, baseUrl) };
}

function alternateLink(links: { href?: string; rel?: string }[] | undefined): string | undefined {
  return (links ?? []).find((link) => link.href && (!link.rel || link.rel === "alternate"))?.href;
}

/** Normalises the items, skips the unusable and the repeated (counted in `notes`), and keeps the newest. */
function keep(raw: RawItem[], baseUrl?: string): { items: FeedItem[]; total: number; notes: string[] } {
  const items: FeedItem[] = [];
  const seen = { guid: new Set<string>(), url: new Set<string>(), hash: new Set<string>() };
  let empty = 0;
  let repeated = 0;
  // Newest first before capping, so the cap leaves out the oldest (undated items after the dated, in feed order).
  const normalised = raw.map((item) => normalise(item, baseUrl));
  const dated = normalised.filter((item) => item?.publishedAt).sort((a, b) => b!.publishedAt!.localeCompare(a!.publishedAt!));
  const ordered = [...dated, ...normalised.filter((item) => !item?.publishedAt)];
  for (const item of ordered) {
    if (!item) {
      empty++;
      continue;
    }
    if ((item.guid && seen.guid.has(item.guid)) || (item.url && seen.url.has(item.url)) || seen.hash.has(item.contentHash)) {
      repeated++;
      continue;
    }
    if (item.guid) seen.guid.add(item.guid);
    if (item.url) seen.url.add(item.url);
    seen.hash.add(item.contentHash);
    items.push(item);
  }
  const notes: string[] = [];
  if (items.length > MAX_ITEMS_PER_POLL) notes.push(`kept the newest ${MAX_ITEMS_PER_POLL} of ${items.length.toLocaleString("en")} items`);
  if (repeated) notes.push(`${repeated} repeated another item's GUID, link or text`);
  if (empty) notes.push(`${empty} had neither title nor text`);
  return { items: items.slice(0, MAX_ITEMS_PER_POLL), total: raw.length, notes };
}

function normalise(item: RawItem, baseUrl?: string): FeedItem | null {
  const text = cleanDocumentText(item.text?.trim() || plainText(item.html)).slice(0, MAX_ITEM_TEXT);
  const title = oneLine(item.title).slice(0, MAX_TITLE);
  if (!title && !text) return null;
  const guid = item.guid?.trim().slice(0, 2000) || null;
  return {
    url: item.link ? canonicalUrl(item.link, baseUrl) : null,
    title: title || oneLine(text).slice(0, 120),
    text,
    publishedAt: dateOrNull(item.date),
    guid,
    contentHash: contentHash(`${title}\n${text}`),
  };
}

/** HTML (or text with entities) as plain text; markup that cannot be read leaves no text rather than a crash. */
function plainText(html: string | undefined): string {
  if (!html) return "";
  if (!/[<&]/.test(html)) return html.trim();
  try {
    return htmlToText(html);
  } catch {
    return "";
  }
}

function oneLine(value: string | undefined): string {
  return cleanDocumentText(plainText(value)).replace(/\s+/g, " ").trim();
}

/** A date the database can hold and a reader can believe (1900 to a day from now), or null. */
function dateOrNull(value: string | undefined): string | null {
  if (!value) return null;
  const date = new Date(value.trim());
  const time = date.getTime();
  if (Number.isNaN(time) || date.getUTCFullYear() < 1900 || time > Date.now() + 86_400_000) return null;
  return date.toISOString();
}
