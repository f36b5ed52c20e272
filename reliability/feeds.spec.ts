import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "./lib/database";
import { ApiClient, signIn } from "./lib/http";
import { AppServer, freePort, sleep } from "./lib/server";

// Issue 14, "a reliability test that kills the server during polling": feeds served by a local server on
// 127.0.0.1 answer slowly, so polls are in flight when the server gets SIGKILL. After the restart every item
// served is in the inbox exactly once: none lost with the dead poll (its job is run again: on PGlite as the server
// restarts, on PostgreSQL once it expires; or the feed is still due), none written twice (the poll's items and the feed's health commit together, and the
// inbox's unique indexes hold a poll that runs again).

const FEEDS = 16;
const ITEMS = 25;
/** Each feed answers after this long: polls overlap the SIGKILL. */
const ANSWER_DELAY_MS = 1_500;

const itemUrl = (feed: number, item: number) => `https://news.example.org/feed-${feed}/item-${item}`;
/** Every feed also carries its neighbour's first item: the inbox keeps one of the two. */
const sharedUrl = (feed: number) => itemUrl((feed + 1) % FEEDS, 0);

function rss(feed: number): string {
  const items = Array.from({ length: ITEMS }, (_, item) => ({ url: itemUrl(feed, item), title: `Feed ${feed} item ${item}`, text: `Report ${item} of desk ${feed} on export controls.` }));
  const neighbour = (feed + 1) % FEEDS;
  items.push({ url: sharedUrl(feed), title: `Feed ${neighbour} item 0`, text: `Report 0 of desk ${neighbour} on export controls.` });
  const entries = items
    .map((i) => `<item><title>${i.title}</title><link>${i.url}</link><guid>${i.url}</guid><description>${i.text}</description><pubDate>Mon, 01 Jun 2026 12:00:00 GMT</pubDate></item>`)
    .join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk ${feed}</title><link>https://news.example.org/</link><description>Desk ${feed}</description>${entries}</channel></rss>`;
}

const served = new Set(Array.from({ length: FEEDS }, (_, feed) => Array.from({ length: ITEMS }, (_, item) => itemUrl(feed, item))).flat());

describe(`feed polling through a crash (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;
  let feedServer: Server | undefined;

  afterAll(async () => {
    await server?.kill();
    await database?.drop();
    feedServer?.closeAllConnections();
    await new Promise((resolve) => (feedServer ? feedServer.close(resolve) : resolve(undefined)));
  });

  it("holds every served item exactly once after a SIGKILL mid-poll and a restart", { timeout: 600_000 }, async () => {
    let polling = false;
    const answered: number[] = [];
    let inFlight = 0;
    feedServer = createServer((req, res) => {
      const feed = Number(/^\/desk-(\d+)\.rss$/.exec(req.url ?? "")?.[1] ?? NaN);
      if (!Number.isInteger(feed)) return void res.writeHead(404).end();
      const answer = () => {
        res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(feed));
        if (polling) answered.push(feed);
      };
      if (!polling) return answer(); // adding the feed reads it once, at once
      inFlight++;
      res.on("close", () => inFlight--);
      setTimeout(answer, ANSWER_DELAY_MS);
    });
    await new Promise<void>((resolve) => feedServer!.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;

    database = await freshDatabase("feeds");
    server = await AppServer.start({ name: "feeds", port: await freePort(), ...database.server, env: { FETCH_ALLOW_HOSTS: "127.0.0.1" }, startTimeoutMs: 300_000 });
    let client = await signIn(server.url);
    const source = await client.post<{ id: string }>("/api/sources", { name: `Crash desks ${Date.now().toString(36)}` });
    expect(source.status, source.text).toBe(201);
    for (let feed = 0; feed < FEEDS; feed++) {
      const made = await client.post("/api/feeds", { sourceId: source.json.id, url: `${base}/desk-${feed}.rss`, title: `Desk ${feed}` });
      expect(made.status, made.text).toBe(201);
    }
    polling = true;

    // The minute's look sends a poll per feed; the SIGKILL comes once a few have been answered and others are in flight.
    const deadline = Date.now() + 150_000;
    while (!(answered.length >= 3 && inFlight > 0)) {
      if (Date.now() > deadline) throw new Error(`polling did not start: ${answered.length} answered, ${inFlight} in flight\n${server.log()}`);
      await sleep(50);
    }
    server.killGroupNow();
    const atKill = { answered: answered.length, inFlight };
    await server.kill();
    client.close();

    // A restart that fails says why: the database's preparation is run again on its own, its output shown.
    server = await server.restart().catch((error: unknown) => {
      const env = { ...process.env, PGLITE_DATA_DIR: database!.server.dataDir ?? "", NODE_ENV: "production" } as NodeJS.ProcessEnv;
      if (database!.server.databaseUrl) env.DATABASE_URL = database!.server.databaseUrl;
      const again = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/db.ts", "prepare"], { env, encoding: "utf8", timeout: 120_000 });
      throw new Error(`${String(error)}\nprepare again: status ${again.status} signal ${again.signal}\n${again.stdout}\n${again.stderr}`);
    });
    client = new ApiClient(server.url, client.cookie);
    let urls: (string | null)[] = [];
    // A poll that died holds its feed back until its job is retried: on PGlite the restart fails it (retried after
    // 30–60 s); on PostgreSQL it expires first (2.5 minutes, noticed within 30 s).
    const until = Date.now() + 420_000;
    do {
      await sleep(2_000);
      urls = await inboxUrls(client);
    } while (Date.now() < until && new Set(urls).size < served.size);
    await sleep(3_000); // time for a duplicate to show, if one were coming
    urls = await inboxUrls(client);

    expect(new Set(urls)).toEqual(served);
    expect(urls.length, "no item twice").toBe(served.size);
    const feeds = await client.get<{ items: { itemsSeen: number }[] }>(`/api/feeds?sourceId=${source.json.id}`);
    expect(feeds.json.items.reduce((sum, feed) => sum + feed.itemsSeen, 0), "the feeds' counts add up to the inbox").toBe(served.size);
    expect(server.unexpectedErrors()).toEqual([]);
    console.log(`feeds through a crash: killed with ${atKill.answered} polls answered and ${atKill.inFlight} in flight; ${answered.length} answers in all`);
    client.close();
  });
});

/** Every inbox item's address, page by page. */
async function inboxUrls(client: ApiClient): Promise<(string | null)[]> {
  const urls: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; text: string; json: { items: { url: string | null }[]; nextCursor: string | null } } = await client.get(`/api/inbox?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (page.status !== 200) throw new Error(`GET /api/inbox: ${page.status} ${page.text.slice(0, 300)}`);
    urls.push(...page.json.items.map((item) => item.url));
    cursor = page.json.nextCursor;
  } while (cursor);
  return urls;
}
