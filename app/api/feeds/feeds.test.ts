import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { feedFixture, serve, startFeedServer, type FeedServer } from "@/lib/testing/feed-server";
import { call } from "@/lib/testing/http";
import * as feeds from "./route";
import * as feed from "./[id]/route";
import * as poll from "./[id]/poll/route";

// The feeds API (issue 14) against feeds served on 127.0.0.1, allowed by name as FETCH_ALLOW_HOSTS would be;
// 127.0.0.2 and every other internal address stay refused, so the SSRF guard still stands behind the route.
process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
let server: FeedServer;
let treasury: string;
let council: string;
let otherSource: string;

beforeAll(async () => {
  team = await createTestTeam("Feeds");
  other = await createTestTeam("Other feeds");
  treasury = (await db.source.create({ data: { teamId: team.teamId, name: "U.S. Treasury", kind: "ministry", reliability: "A" } })).id;
  council = (await db.source.create({ data: { teamId: team.teamId, name: "Council of the EU", kind: "agency", reliability: "A" } })).id;
  otherSource = (await db.source.create({ data: { teamId: other.teamId, name: "Elsewhere" } })).id;
  server = await startFeedServer();
  server.routes.set("/news/press-releases/feed", serve("application/rss+xml; charset=utf-8", feedFixture("treasury-press-releases.rss"), { etag: '"treasury-1"' }));
  server.routes.set("/press/sanctions.atom", serve("application/atom+xml", feedFixture("eu-council.atom")));
  server.routes.set("/press/", serve("text/html; charset=utf-8", `<!doctype html><html><head><title>Press</title><link rel="alternate" type="application/atom+xml" title="Sanctions" href="sanctions.atom"></head><body><h1>Press releases</h1></body></html>`));
  server.routes.set("/about", serve("text/html", "<!doctype html><title>About</title><p>No feeds here.</p>"));
  server.routes.set("/logo.png", serve("image/png", Buffer.alloc(64)));
});

afterAll(async () => {
  await server.close();
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const add = (body: unknown, token = team.tokens.analyst) => call(feeds.POST, "POST", "/api/feeds", { token, body });
const feedCount = () => db.feed.count({ where: { teamId: team.teamId } });

describe("POST /api/feeds", () => {
  it("adds a feed by its address, titled as the feed says, every 30 minutes, due at once", async () => {
    const before = Date.now();
    const response = await add({ sourceId: treasury, url: `${server.base}/news/press-releases/feed` });
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({
      sourceId: treasury,
      sourceName: "U.S. Treasury",
      url: `${server.base}/news/press-releases/feed`,
      title: "Press Releases | U.S. Department of the Treasury",
      intervalMinutes: 30,
      enabled: true,
      lastPolledAt: null,
      consecutiveFailures: 0,
      itemsSeen: 0,
    });
    expect(Date.parse(response.json.nextPollAt as string)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(response.json.nextPollAt as string)).toBeGreaterThanOrEqual(before - 1000);
    expect(response.headers.get("location")).toBe(`/api/feeds/${response.json.id}`);
    const events = await db.event.findMany({ where: { teamId: team.teamId, entityType: "feed", entityId: response.json.id as string } });
    expect(events.map((e) => e.action)).toEqual(["created"]);
  });

  it("finds the feed a site's page advertises", async () => {
    const response = await add({ sourceId: council, url: `${server.base}/press/`, title: "EU sanctions", intervalMinutes: 60 });
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({ url: `${server.base}/press/sanctions.atom`, title: "EU sanctions", intervalMinutes: 60 });
  });

  it("refuses a feed the team already follows (409), by its address or by the page that advertises it", async () => {
    const again = await add({ sourceId: council, url: `${server.base}/news/press-releases/feed` });
    expect(again.status).toBe(409);
    expect(again.json.error?.details).toMatchObject({ feedId: expect.any(String) });
    expect((await add({ sourceId: council, url: `${server.base}/press/` })).status).toBe(409);
  });

  it("lets another team follow the same feed", async () => {
    const response = await add({ sourceId: otherSource, url: `${server.base}/news/press-releases/feed` }, other.tokens.analyst);
    expect(response.status, response.text).toBe(201);
  });

  it("stores nothing for an address that gives no feed, and says why", async () => {
    const before = await feedCount();
    const cases: [string, number, string][] = [
      [`${server.base}/about`, 422, "no_feed_advertised"],
      [`${server.base}/logo.png`, 422, "bad_content_type"],
      [`${server.base}/missing`, 502, "bad_status"],
      [`${server.base.replace("127.0.0.1", "127.0.0.2")}/news/press-releases/feed`, 422, "blocked_address"],
    ];
    for (const [url, status, reason] of cases) {
      const response = await add({ sourceId: treasury, url });
      expect(response.status, `${url}: ${response.text}`).toBe(status);
      expect(response.json.error?.details, url).toMatchObject({ reason, fields: { url: [expect.any(String)] } });
    }
    expect(await feedCount()).toBe(before);
  });

  it("validates the body: a web address, an interval of 5 minutes to a day, a source of the team", async () => {
    const invalid = [
      { sourceId: treasury, url: "ftp://example.org/feed" },
      { sourceId: treasury, url: `${server.base}/press/`, intervalMinutes: 4 },
      { sourceId: treasury, url: `${server.base}/press/`, intervalMinutes: 1441 },
      { sourceId: treasury, url: `${server.base}/press/`, intervalMinutes: 7.5 },
      { sourceId: treasury, url: `${server.base}/press/`, extra: true },
      { url: `${server.base}/press/` },
    ];
    for (const body of invalid) expect((await add(body)).status, JSON.stringify(body)).toBe(422);
    expect((await add({ sourceId: otherSource, url: `${server.base}/about` })).status).toBe(404);
  });
});

describe("GET /api/feeds", () => {
  it("lists the team's feeds by source, and one source's on request", async () => {
    const all = await call(feeds.GET, "GET", "/api/feeds", { token: team.tokens.viewer });
    expect(all.status).toBe(200);
    expect((all.json.items as { sourceName: string }[]).map((f) => f.sourceName)).toEqual(["Council of the EU", "U.S. Treasury"]);
    const one = await call(feeds.GET, "GET", `/api/feeds?sourceId=${treasury}`, { token: team.tokens.viewer });
    expect((one.json.items as { sourceId: string }[]).map((f) => f.sourceId)).toEqual([treasury]);
    const theirs = await call(feeds.GET, "GET", "/api/feeds", { token: other.tokens.viewer });
    expect((theirs.json.items as { sourceId: string }[]).map((f) => f.sourceId)).toEqual([otherSource]);
  });
});

describe("changing, polling and deleting a feed", () => {
  let id: string;
  beforeAll(async () => {
    id = (await db.feed.findFirstOrThrow({ where: { teamId: team.teamId, sourceId: treasury } })).id;
  });
  const one = (token = team.tokens.viewer) => call(feed.GET, "GET", `/api/feeds/${id}`, { token, params: { id } });
  const patch = (body: unknown, token = team.tokens.analyst) => call(feed.PATCH, "PATCH", `/api/feeds/${id}`, { token, body, params: { id } });
  const pollNow = (token = team.tokens.analyst) => call(poll.POST, "POST", `/api/feeds/${id}/poll`, { token, params: { id } });

  it("polls now: the items go to the inbox and the health says so", async () => {
    const response = await pollNow();
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({ status: "polled", newItems: 3, feed: { itemsSeen: 3, consecutiveFailures: 0, lastPollNote: "3 items in the feed, 3 new" } });
    const feedView = response.json.feed as { lastSuccessAt: string; nextPollAt: string };
    expect(Date.parse(feedView.nextPollAt) - Date.parse(feedView.lastSuccessAt)).toBe(30 * 60_000);
    const items = await db.inboxItem.findMany({ where: { teamId: team.teamId }, orderBy: { publishedAt: { sort: "desc", nulls: "last" } } });
    expect(items.map((item) => item.url)).toEqual([
      "https://home.treasury.gov/news/press-releases/jy2290",
      "https://home.treasury.gov/news/press-releases/jy2271",
      "https://home.treasury.gov/news/press-releases/jy2260",
    ]);
    expect(items.every((item) => item.state === "new" && item.feedId === id)).toBe(true);
  });

  it("polls again conditionally: a 304 is a success with nothing new", async () => {
    server.routes.set("/news/press-releases/feed", (request, response) => {
      if (request.headers["if-none-match"] === '"treasury-1"') return response.writeHead(304).end();
      serve("application/rss+xml", feedFixture("treasury-press-releases.rss"))(request, response);
    });
    const response = await pollNow();
    expect(response.json).toMatchObject({ status: "not_modified", newItems: 0, feed: { itemsSeen: 3, lastPollNote: "Not modified since the last poll" } });
    expect(server.requests.at(-1)).toMatchObject({ path: "/news/press-releases/feed", ifNoneMatch: '"treasury-1"' });
  });

  it("changes the interval (the next poll moves with it) and disables and enables the feed", async () => {
    const slower = await patch({ intervalMinutes: 120 });
    expect(slower.status, slower.text).toBe(200);
    expect(Date.parse(slower.json.nextPollAt as string) - Date.parse(slower.json.lastPolledAt as string)).toBe(120 * 60_000);
    expect((await patch({ enabled: false })).json).toMatchObject({ enabled: false, nextPollAt: null });
    const enabled = await patch({ enabled: true });
    expect(Date.parse(enabled.json.nextPollAt as string)).toBeLessThanOrEqual(Date.now());
    expect((await patch({ intervalMinutes: 3 })).status).toBe(422);
    expect((await patch({})).status).toBe(422);
    expect((await patch({ url: "https://example.org/" })).status).toBe(422);
  });

  it("hides the feed from another team (404) and lets viewers read but not change it", async () => {
    expect((await one()).status).toBe(200);
    expect((await one(other.tokens.admin)).status).toBe(404);
    expect((await patch({ enabled: false }, other.tokens.admin)).status).toBe(404);
    expect((await pollNow(other.tokens.admin)).status).toBe(404);
    expect((await patch({ enabled: false }, team.tokens.viewer)).status).toBe(403);
    expect((await pollNow(team.tokens.viewer)).status).toBe(403);
  });

  it("deletes the feed and keeps its items in the inbox", async () => {
    const response = await call(feed.DELETE, "DELETE", `/api/feeds/${id}`, { token: team.tokens.analyst, params: { id } });
    expect(response.status).toBe(204);
    expect((await one()).status).toBe(404);
    const items = await db.inboxItem.findMany({ where: { teamId: team.teamId }, select: { feedId: true } });
    expect(items).toHaveLength(3);
    expect(items.every((item) => item.feedId === null)).toBe(true);
  });
});
