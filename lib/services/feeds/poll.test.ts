import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RELATED_AT } from "@/lib/analysis/relevance";
import { db } from "@/lib/db/client";
import { MAX_ITEMS_PER_POLL } from "@/lib/feeds/read";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { feedFixture, serve, startFeedServer, type FeedServer } from "@/lib/testing/feed-server";
import { dueFeeds, pollFeed } from "./poll";

// Polling against feeds served on 127.0.0.1 (real HTTP, no fetch mocks): every kind of feed, deduplication
// across a team's feeds, backoff, and bad input (issue 14, item 6), each ending as the feed's error with its
// reason or as skipped items, never a crash and never a half-written item.
process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";

withTestDatabase();

let team: TestTeam;
let server: FeedServer;
let sourceId: string;

beforeAll(async () => {
  team = await createTestTeam("Polling");
  sourceId = (await db.source.create({ data: { teamId: team.teamId, name: "Wires" } })).id;
  server = await startFeedServer();
});

afterAll(async () => {
  await server.close();
  await purgeTeam(team.teamId);
});

let feedNumber = 0;
/** A feed of the team at `path` on the test server, due now. */
async function feedAt(path: string, intervalMinutes = 30) {
  return db.feed.create({ data: { teamId: team.teamId, sourceId, url: `${server.base}${path}`, title: `Feed ${++feedNumber}`, intervalMinutes, nextPollAt: new Date(Date.now() - 1000) } });
}
const health = (id: string) => db.feed.findUniqueOrThrow({ where: { id } });
const itemsOf = (feedId: string) => db.inboxItem.findMany({ where: { feedId }, orderBy: { publishedAt: { sort: "desc", nulls: "last" } } });
const rssOf = (items: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>${items}</channel></rss>`;
const rssItem = (n: number, extra = "") => `<item><title>Wire story ${n}</title><link>https://wire.example/story/${n}</link><guid>wire-${n}</guid><description>Story ${n} about export controls.</description>${extra}</item>`;

describe("polling each kind of feed", () => {
  it.each([
    ["treasury-press-releases.rss", "application/rss+xml", 3],
    ["eu-council.atom", "application/atom+xml; charset=utf-8", 2],
    ["ministry.rdf", "application/rdf+xml", 2],
    ["think-tank.json", "application/feed+json", 2],
  ])("stores the items of %s", async (file, type, count) => {
    server.routes.set(`/kinds/${file}`, serve(type, feedFixture(file)));
    const feed = await feedAt(`/kinds/${file}`);
    expect(await pollFeed(feed.id)).toEqual({ status: "polled", newItems: count });
    expect(await itemsOf(feed.id)).toHaveLength(count);
    expect(await health(feed.id)).toMatchObject({ itemsSeen: count, consecutiveFailures: 0, lastErrorReason: null });
  });

  it("keeps the text, the canonical link, the date or none, and the GUID", async () => {
    const feed = await db.feed.findFirstOrThrow({ where: { url: `${server.base}/kinds/think-tank.json` } });
    const [banks, note] = await itemsOf(feed.id);
    expect(banks).toMatchObject({ url: "https://www.thinktank.example.org/analysis/chinese-banks-secondary-sanctions", title: "Will Chinese banks face secondary sanctions?", state: "new" });
    expect(banks!.publishedAt?.toISOString()).toBe("2024-04-30T12:00:00.000Z");
    expect(banks!.text).toMatch(/Executive Order 14114/);
    expect(note).toMatchObject({ url: null, guid: "note-2024-05-02", publishedAt: null });
  });
});

describe("deduplication across the team's feeds", () => {
  it("stores an item once when two feeds carry it, by canonical link or by content", async () => {
    server.routes.set("/dedupe/a", serve("application/rss+xml", rssOf(rssItem(1) + rssItem(2))));
    // The same story 1 with tracking parameters; story 2's text under another link.
    server.routes.set("/dedupe/b", serve("application/rss+xml", rssOf(
      `<item><title>Wire story 1, syndicated</title><link>https://wire.example/story/1?utm_source=partner&amp;fbclid=x</link></item>` +
      `<item><title>Wire story 2</title><link>https://partner.example/copy-of-2</link><description>Story 2 about export controls.</description></item>` +
      rssItem(3),
    )));
    const a = await feedAt("/dedupe/a");
    const b = await feedAt("/dedupe/b");
    expect(await pollFeed(a.id)).toMatchObject({ newItems: 2 });
    expect(await pollFeed(b.id)).toMatchObject({ newItems: 1 });
    expect((await itemsOf(b.id)).map((item) => item.guid)).toEqual(["wire-3"]);
    expect((await health(b.id)).lastPollNote).toBe("3 items in the feed, 1 new");
  });

  it("writes each item once when the same feed is polled twice at once", async () => {
    server.routes.set("/dedupe/burst", serve("application/rss+xml", rssOf(Array.from({ length: 50 }, (_, n) => rssItem(100 + n)).join(""))));
    const feed = await feedAt("/dedupe/burst");
    const outcomes = await Promise.all([pollFeed(feed.id, { force: true }), pollFeed(feed.id, { force: true }), pollFeed(feed.id, { force: true })]);
    expect(outcomes.reduce((sum, outcome) => sum + ("newItems" in outcome ? outcome.newItems : 0), 0)).toBe(50);
    expect(await itemsOf(feed.id)).toHaveLength(50);
    expect((await health(feed.id)).itemsSeen).toBe(50);
  });
});

describe("relevance on arrival", () => {
  it("analyses new items against the team's watchlist: the analysis's relevance (0 to 1) and the issues, best first", async () => {
    const issue = await createTestIssue(team.actors.analyst, { title: "Export controls on machine tools", tags: ["machine tools"], hsCodes: ["8457"] });
    server.routes.set("/relevance", serve("application/rss+xml", rssOf(
      `<item><title>Suppliers of CNC machine tools to Russia designated</title><link>https://wire.example/relevant</link><description>OFAC designated suppliers of machine tools to Russia's defense industrial base.</description></item>` +
      `<item><title>Ministry opens a visitor centre</title><link>https://wire.example/irrelevant</link><description>Open on weekdays.</description></item>`,
    )));
    const feed = await feedAt("/relevance");
    await pollFeed(feed.id);
    const items = await db.inboxItem.findMany({ where: { feedId: feed.id }, orderBy: { relevance: "desc" } });
    expect(items.map((item) => item.url)).toEqual(["https://wire.example/relevant", "https://wire.example/irrelevant"]);
    expect(items[0]!.relevance).toBeGreaterThan(items[1]!.relevance ?? 1);
    expect(items[0]!.issueIds).toEqual([issue.id]);
    // With what moved it, as the review form says it: the tag named, the sanctions vocabulary.
    expect(items[0]!.relevanceReasons).toEqual(expect.arrayContaining([expect.stringMatching(/^Names and tags \+\d\.\d — machine tools$/), expect.stringMatching(/^Sanctions context \+\d\.\d — /)]));
    // Low, never quite zero: nothing in it speaks to the watchlist.
    expect(items[1]!.relevance).toBeLessThan(0.01);
    expect(items[1]!.issueIds).toEqual([]);
  });
});

describe("telling the followers of a category", () => {
  it("notifies those who follow the category of a relevant item's issues, once, and nobody of an irrelevant item", async () => {
    const issue = await createTestIssue(team.actors.analyst, { title: "Machine tools for Russia's defense industry", tags: ["machine tools", "CNC"], hsCodes: ["8457", "8458"], jurisdictions: ["RU"] });
    const category = await db.category.findUniqueOrThrow({ where: { teamId_slug: { teamId: team.teamId, slug: "dual-use-technology" } } });
    const other = await db.category.findFirstOrThrow({ where: { teamId: team.teamId, slug: { not: "dual-use-technology" } } });
    await db.follow.create({ data: { teamId: team.teamId, userId: team.actors.viewer.userId!, kind: "category", targetId: category.id } });
    await db.follow.create({ data: { teamId: team.teamId, userId: team.actors.admin.userId!, kind: "category", targetId: other.id } });
    server.routes.set("/followers", serve("application/rss+xml", rssOf(
      `<item><title>Treasury sanctions Chinese suppliers of CNC machine tools to Russia's military</title><link>https://wire.example/cnc-designations</link><description>The Treasury Department's Office of Foreign Assets Control designated companies in China and Hong Kong that supplied CNC machine tools and machining centres (HS 8457 and 8458) to Russia's defense industrial base, and the Commerce Department added them to the Entity List under its export controls.</description></item>` +
      `<item><title>Ministry opens a second visitor centre</title><link>https://wire.example/visitor-centre</link><description>Open on weekends.</description></item>`,
    )));
    const feed = await feedAt("/followers");
    await pollFeed(feed.id);
    const relevant = await db.inboxItem.findFirstOrThrow({ where: { feedId: feed.id, url: "https://wire.example/cnc-designations" } });
    expect(relevant.relevance).toBeGreaterThanOrEqual(RELATED_AT);
    expect(relevant.issueIds[0]).toBe(issue.id);

    const notified = await db.notification.findMany({ where: { teamId: team.teamId, kind: "inbox_item" } });
    expect(notified.map((n) => n.userId)).toEqual([team.actors.viewer.userId]);
    expect(notified[0]).toMatchObject({ subjectType: "category", subjectId: category.id, title: `In the inbox from ${feed.title}: “${relevant.title}”`, link: `/inbox?sort=relevance&issueId=${issue.id}` });
    const event = await db.event.findFirstOrThrow({ where: { id: notified[0]!.eventId } });
    expect(event).toMatchObject({ entityType: "inbox_item", entityId: relevant.id, action: "arrived", actorId: null, actorLabel: "Feed polling" });

    // Polled again: the item is not new, so nobody hears of it twice.
    await pollFeed(feed.id, { force: true });
    expect(await db.notification.count({ where: { teamId: team.teamId, kind: "inbox_item" } })).toBe(1);
  });
});

describe("the schedule", () => {
  it("finds the due feeds, and skips a feed that is not due, disabled or gone", async () => {
    server.routes.set("/schedule/feed", serve("application/rss+xml", rssOf(rssItem(900))));
    const feed = await feedAt("/schedule/feed");
    expect((await dueFeeds()).map((f) => f.id)).toContain(feed.id);
    await pollFeed(feed.id);
    expect((await dueFeeds()).map((f) => f.id)).not.toContain(feed.id);
    expect(await pollFeed(feed.id)).toEqual({ status: "skipped", why: "not due" });
    await db.feed.update({ where: { id: feed.id }, data: { enabled: false, nextPollAt: new Date(0) } });
    expect((await dueFeeds()).map((f) => f.id)).not.toContain(feed.id);
    expect(await pollFeed(feed.id)).toEqual({ status: "skipped", why: "disabled" });
    expect(await pollFeed("01900000-0000-7000-8000-000000000000")).toEqual({ status: "skipped", why: "deleted" });
  });

  it("backs off after failures in a row (interval × 2^failures, at most a day) and recovers on success", async () => {
    const feed = await feedAt("/schedule/down", 30);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      expect(await pollFeed(feed.id, { force: true })).toEqual({ status: "failed", newItems: 0 });
      const after = await health(feed.id);
      waits.push((after.nextPollAt.getTime() - after.lastPolledAt!.getTime()) / 60_000);
    }
    expect(waits).toEqual([60, 120, 240, 480, 960, 1440, 1440]);
    expect(await health(feed.id)).toMatchObject({ consecutiveFailures: 7, lastErrorReason: "bad_status", lastError: "The server answered 404 Not Found" });
    server.routes.set("/schedule/down", serve("application/rss+xml", rssOf(rssItem(901))));
    expect(await pollFeed(feed.id, { force: true })).toMatchObject({ status: "polled", newItems: 1 });
    const recovered = await health(feed.id);
    expect(recovered).toMatchObject({ consecutiveFailures: 0, lastErrorReason: "bad_status" });
    expect(recovered.nextPollAt.getTime() - recovered.lastSuccessAt!.getTime()).toBe(30 * 60_000);
  });
});

describe("bad input ends as the feed's error or skipped items", () => {
  async function failsWith(path: string, reason: string, message?: RegExp) {
    const feed = await feedAt(path);
    expect(await pollFeed(feed.id)).toEqual({ status: "failed", newItems: 0 });
    const after = await health(feed.id);
    expect(after).toMatchObject({ lastErrorReason: reason, consecutiveFailures: 1, itemsSeen: 0 });
    if (message) expect(after.lastError).toMatch(message);
    expect(await itemsOf(feed.id)).toEqual([]);
    return after;
  }

  it("malformed XML: no item of it is kept", async () => {
    server.routes.set("/bad/cut", serve("application/rss+xml", rssOf(rssItem(1) + rssItem(2)).slice(0, -40)));
    await failsWith("/bad/cut", "malformed_feed", /^The XML is malformed: \d+:\d+: /);
  });

  it("a page or a document that is no feed", async () => {
    server.routes.set("/bad/html", serve("text/html", "<!doctype html><p>Not a feed</p>"));
    server.routes.set("/bad/xml", serve("application/xml", "<?xml version='1.0'?><sitemap><url>https://example.org/</url></sitemap>"));
    await failsWith("/bad/html", "bad_content_type", /text\/html/);
    await failsWith("/bad/xml", "not_a_feed");
  });

  it("a feed of 10,000 items: the newest 500 are kept, and the health says so", async () => {
    const items = Array.from({ length: 10_000 }, (_, n) => rssItem(20_000 + n, `<pubDate>${new Date(Date.UTC(2021, 0, 1) + n * 60_000).toUTCString()}</pubDate>`)).join("");
    server.routes.set("/bad/huge", serve("application/rss+xml", rssOf(items)));
    const feed = await feedAt("/bad/huge");
    expect(await pollFeed(feed.id)).toEqual({ status: "polled", newItems: MAX_ITEMS_PER_POLL });
    expect(await health(feed.id)).toMatchObject({ itemsSeen: 500, lastPollNote: "10,000 items in the feed, 500 new; kept the newest 500 of 10,000 items" });
    expect((await itemsOf(feed.id))[0]!.guid).toBe("wire-29999");
  }, 60_000);

  it("duplicate GUIDs and invalid dates: the first of the repeated is kept, dates that are no dates are null", async () => {
    server.routes.set("/bad/repeats", serve("application/rss+xml", rssOf(
      rssItem(30_001, "<pubDate>Thu, 31 Feb 2024 25:61:00 GMT</pubDate>") +
      `<item><title>Another story, same GUID</title><link>https://wire.example/story/other</link><guid>wire-30001</guid></item>` +
      rssItem(30_002, "<pubDate>yesterday</pubDate>") +
      rssItem(30_003, "<pubDate>Sat, 01 Jan 2150 00:00:00 GMT</pubDate>"),
    )));
    const feed = await feedAt("/bad/repeats");
    expect(await pollFeed(feed.id)).toEqual({ status: "polled", newItems: 3 });
    expect((await itemsOf(feed.id)).map((item) => [item.guid, item.publishedAt])).toEqual([["wire-30001", null], ["wire-30002", null], ["wire-30003", null]]);
    expect((await health(feed.id)).lastPollNote).toBe("4 items in the feed, 3 new; 1 repeated another item's GUID, link or text");
  });

  it("a redirect loop", async () => {
    server.routes.set("/bad/loop", (_request, response) => response.writeHead(302, { location: "/bad/loop" }).end());
    await failsWith("/bad/loop", "too_many_redirects");
  });

  it("a redirect to an internal address", async () => {
    server.routes.set("/bad/to-metadata", (_request, response) => response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end());
    await failsWith("/bad/to-metadata", "blocked_address", /169\.254\.169\.254/);
  });

  it("a compression bomb stops at the 10 MB limit", async () => {
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024, " "), { level: 9 });
    server.routes.set("/bad/bomb", (_request, response) => response.writeHead(200, { "content-type": "application/rss+xml", "content-encoding": "gzip" }).end(bomb));
    await failsWith("/bad/bomb", "too_large", /10 MB/);
  });

  it("a server that never finishes its answer times out at 20 s", async () => {
    server.routes.set("/bad/slow", (_request, response) => {
      response.writeHead(200, { "content-type": "application/rss+xml" });
      response.write(rssOf("").slice(0, 60)); // and never ends
    });
    const started = Date.now();
    await failsWith("/bad/slow", "timeout", /20 s/);
    expect(Date.now() - started).toBeLessThan(25_000);
  }, 40_000);
});
