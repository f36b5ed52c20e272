import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MAX_ITEMS_PER_POLL, readFeed, type FeedReading } from "./read";

// The reader on real-shaped feeds of each kind (fixtures/, written from the formats' specifications after
// U.S. Treasury, Council of the EU, a ministry's RDF and a think tank's JSON Feed), and on bad input.

const fixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", name));
const bytes = (text: string) => new TextEncoder().encode(text);

function read(body: Uint8Array | string, contentType: string | null = null) {
  const reading = readFeed(typeof body === "string" ? bytes(body) : body, contentType);
  if (!reading.ok) throw new Error(`not read: ${reading.message}`);
  return reading;
}

function failure(body: string): Extract<FeedReading, { ok: false }> {
  const reading = readFeed(bytes(body), null);
  if (reading.ok) throw new Error("read a feed that should have failed");
  return reading;
}

const rssOf = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://example.org/</link>${items}</channel></rss>`;
const rssItem = (n: number, extra = "") => `<item><title>Item ${n}</title><link>https://example.org/${n}</link><guid>g-${n}</guid>${extra}</item>`;

describe("reading each kind of feed", () => {
  it("reads RSS 2.0: HTML descriptions as text, tracking parameters stripped, GUIDs, dates", () => {
    const feed = read(fixture("treasury-press-releases.rss"), "application/rss+xml; charset=utf-8");
    expect(feed).toMatchObject({ format: "rss", title: "Press Releases | U.S. Department of the Treasury", siteUrl: "https://home.treasury.gov/news/press-releases", total: 3, notes: [] });
    expect(feed.items[0]).toMatchObject({
      url: "https://home.treasury.gov/news/press-releases/jy2290",
      title: "Treasury Targets Russia’s Military-Industrial Base and Third-Country Suppliers",
      publishedAt: "2024-05-01T18:30:00.000Z",
      guid: "treasury-jy2290",
    });
    expect(feed.items[0]!.text).toMatch(/^WASHINGTON — Today, .*suppliers in the People’s Republic of China of machine tools and microelectronics/);
    expect(feed.items[0]!.text).not.toMatch(/<p>|<b>/);
    expect(feed.items[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(feed.items[1]).toMatchObject({ publishedAt: "2024-04-23T14:00:00.000Z" });
  });

  it("keeps an item whose date is no date, with no date", () => {
    const feed = read(fixture("treasury-press-releases.rss"));
    expect(feed.items.find((item) => item.guid === "treasury-jy2260")).toMatchObject({ publishedAt: null, title: "Readout: Deputy Secretary Meets Financial Institutions on Sanctions Evasion" });
  });

  it("reads Atom 1.0: the alternate link, HTML titles, summaries and XHTML content", () => {
    const feed = read(fixture("eu-council.atom"));
    expect(feed).toMatchObject({ format: "atom", title: "Council of the EU – Press releases: Sanctions", siteUrl: "https://www.consilium.europa.eu/en/press/press-releases/" });
    const [belarus, package14] = feed.items;
    expect(belarus).toMatchObject({ title: "Belarus: Council extends restrictive measures & adds listings", url: "https://www.consilium.europa.eu/en/press/press-releases/2024/06/29/belarus/", publishedAt: "2024-06-29T07:30:00.000Z" });
    expect(belarus!.text).toBe("The Council mirrored the Russia measures for Belarus, targeting machine tools and dual-use items.");
    expect(package14).toMatchObject({
      url: "https://www.consilium.europa.eu/en/press/press-releases/2024/06/24/russia-14th-package/?lang=en",
      guid: "tag:consilium.europa.eu,2024:pr-2024-06-24-14th-package",
      publishedAt: "2024-06-24T11:00:00.000Z",
    });
  });

  it("reads RDF (RSS 1.0) with Dublin Core dates", () => {
    const feed = read(fixture("ministry.rdf"));
    expect(feed.format).toBe("rdf");
    expect(feed.items.map((item) => [item.url, item.publishedAt])).toEqual([
      ["https://www.mofa.example.jp/press/release/2024/0412.html", "2024-04-12T08:00:00.000Z"],
      ["https://www.mofa.example.jp/press/release/2024/0329.html", "2024-03-29T00:00:00.000Z"],
    ]);
  });

  it("reads JSON Feed: content_html without its scripts, content_text, an item without a link", () => {
    const feed = read(fixture("think-tank.json"), "application/feed+json");
    expect(feed).toMatchObject({ format: "json", title: "Sanctions & Export Controls Analysis", total: 2 });
    const [banks, note] = feed.items;
    expect(banks).toMatchObject({ url: "https://www.thinktank.example.org/analysis/chinese-banks-secondary-sanctions", publishedAt: "2024-04-30T12:00:00.000Z" });
    expect(banks!.text).not.toContain("track()");
    expect(note).toMatchObject({ url: null, guid: "note-2024-05-02", publishedAt: null, title: "Note: chips through Kazakhstan" });
  });

  it("decodes the charset the XML declaration names", () => {
    const latin1 = Buffer.from(rssOf(`<item><title>Sanctions: d\u00e9cision du Conseil</title><link>https://example.org/fr</link></item>`).replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="ISO-8859-1"?>'), "latin1");
    expect(read(latin1).items[0]!.title).toBe("Sanctions: décision du Conseil");
  });
});

describe("bad input", () => {
  it("answers malformed XML as malformed_feed with where it broke, not half a feed", () => {
    const cut = rssOf(rssItem(1) + rssItem(2)).slice(0, -30);
    const reading = failure(cut);
    expect(reading.reason).toBe("malformed_feed");
    expect(reading.message).toMatch(/^The XML is malformed: \d+:\d+: unclosed tag/);
    expect(failure("<rss><channel><item></channel></rss>").reason).toBe("malformed_feed");
  });

  it("lets undefined entities through, as feed readers do", () => {
    expect(read(rssOf(`<item><title>Council&nbsp;decision</title><link>https://example.org/x</link></item>`)).items).toHaveLength(1);
  });

  it("answers what is no feed as not_a_feed", () => {
    expect(failure("<!doctype html><html><body><p>Hello<br></p></body></html>")).toMatchObject({ reason: "not_a_feed", message: "The answer is a web page, not a feed" });
    expect(failure("<html><body><p>Hello</p></body></html>")).toMatchObject({ reason: "not_a_feed" });
    expect(failure('{"items": [1, 2]}')).toMatchObject({ reason: "not_a_feed" });
    expect(failure("{not json")).toMatchObject({ reason: "malformed_feed" });
    expect(failure("%PDF-1.4 binary")).toMatchObject({ reason: "not_a_feed" });
    expect(failure("")).toMatchObject({ reason: "not_a_feed" });
  });

  it("keeps the newest 500 of a feed of 10,000 items and says so", () => {
    const items = Array.from({ length: 10_000 }, (_, n) => rssItem(n, `<pubDate>${new Date(Date.UTC(2020, 0, 1) + n * 3_600_000).toUTCString()}</pubDate>`)).join("");
    const started = Date.now();
    const feed = read(rssOf(items));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(feed.total).toBe(10_000);
    expect(feed.items).toHaveLength(MAX_ITEMS_PER_POLL);
    expect(feed.items[0]!.guid).toBe("g-9999");
    expect(feed.items.at(-1)!.guid).toBe("g-9500");
    expect(feed.notes).toEqual(["kept the newest 500 of 10,000 items"]);
  }, 30_000);

  it("keeps the first of items that repeat a GUID, link or text, and counts the others", () => {
    const feed = read(rssOf(rssItem(1) + `<item><title>Another</title><link>https://example.org/other</link><guid>g-1</guid></item>` + rssItem(2) + rssItem(2) + `<item><title>Item 3</title><link>https://example.org/2?utm_source=x</link></item>`));
    expect(feed.items.map((item) => item.guid)).toEqual(["g-1", "g-2"]);
    expect(feed.notes).toEqual(["3 repeated another item's GUID, link or text"]);
  });

  it("skips items with neither title nor text, and nulls dates that are no dates or out of range", () => {
    const feed = read(rssOf(`<item><link>https://example.org/empty</link></item>` + rssItem(1, "<pubDate>31/02/2024</pubDate>") + rssItem(2, "<pubDate>Sat, 01 Jan 99999 00:00:00 GMT</pubDate>") + rssItem(3, "<pubDate>Mon, 01 Jan 2културе</pubDate>")));
    expect(feed.items.map((item) => item.publishedAt)).toEqual([null, null, null]);
    expect(feed.notes).toEqual(["1 had neither title nor text"]);
  });

  it("drops links that are not http(s)", () => {
    const feed = read(rssOf(`<item><title>Scripted</title><link>javascript:alert(1)</link></item>`));
    expect(feed.items[0]!.url).toBeNull();
  });
});
