// Feed ingestion at scale (issue 14): "200 feeds × 50 items served locally: every item fetched, deduplicated,
// analysed and in the inbox in ≤ 60 s on PGlite and on PostgreSQL, while GET /api/health p95 stays within 2× idle".
// Per database, on the production build and a fresh database (the demo's watchlist, nothing else):
//   1. a server on 127.0.0.1 serves 200 RSS feeds of 50 items each; every feed also repeats 5 items of the next
//      one (same link, same text), so 11,000 entries make 10,000 distinct items and the inbox must drop 1,000;
//   2. `npm start` (FETCH_ALLOW_HOSTS=127.0.0.1); the admin signs in; GET /api/health under autocannon, idle;
//   3. the 200 feeds are followed in one OPML import, due at once; the queue's minute look sends their polls.
//      The clock runs from the first poll the feed server sees until the inbox holds every item (the feeds'
//      itemsSeen, read from GET /api/feeds, add up to 10,000), with GET /api/health under the same load meanwhile.
//      The wait for the minute's look (up to 60 s, the schedule's granularity) is reported apart, not counted.
//   4. after the clock stops: the inbox read page by page: each item once, and analysed (relevance set).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { ownPostgresDatabase, type PhaseDb } from "./own-database";
import { load, stopLoads, type LoadResult } from "./load";
import { portInUse, start, stop, waitForHttp } from "./processes";
import type { Target } from "./report";

export const INGEST_FEEDS = 200;
export const INGEST_ITEMS = 50;
/** Items each feed repeats from the next one: the duplicates the inbox must drop. */
const REPEATED = 5;
export const INGEST_BUDGET_MS = 60_000;

export type IngestResult = {
  feeds: number;
  items: number;
  /** From the queue's first poll to every item in the inbox. */
  ingestMs: number;
  /** From the OPML import to the first poll: the minute look's wait, not counted. */
  waitForScheduleMs: number;
  feedRequests: number;
  inInbox: number;
  distinctInInbox: number;
  analysed: number;
  healthIdle: LoadResult;
  healthDuring: LoadResult;
};

export type IngestDb = PhaseDb;

type Options = { root: string; logDir: string; port: number; connections: number; seconds: number; env: (extra: Record<string, string>) => NodeJS.ProcessEnv };

const TOPICS = [
  "Semiconductors and microelectronics shipped through third countries reach Russia's defense industry despite export controls.",
  "Tankers carrying Russian crude above the oil price cap changed flags and switched off transponders near the strait.",
  "The ministry published new guidance on dual-use goods, machine tools and licence requirements for exporters.",
  "The agency's reading room is closed for the holiday; opening hours resume on Monday.",
];

const itemUrl = (feed: number, item: number) => `https://wire.example.org/desk-${feed}/item-${item}`;

function entry(feed: number, item: number): string {
  const url = itemUrl(feed, item);
  const text = `${TOPICS[(feed + item) % TOPICS.length]} Desk ${feed}, report ${item}.`;
  return `<item><title>Desk ${feed} report ${item}</title><link>${url}</link><guid>${url}</guid><description>${text}</description><pubDate>Mon, 01 Jun 2026 12:00:00 GMT</pubDate></item>`;
}

function rss(feed: number): string {
  const next = (feed + 1) % INGEST_FEEDS;
  const items = [...Array.from({ length: INGEST_ITEMS }, (_, item) => entry(feed, item)), ...Array.from({ length: REPEATED }, (_, item) => entry(next, item))];
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk ${feed}</title><link>https://wire.example.org/</link><description>Desk ${feed}</description>${items.join("")}</channel></rss>`;
}

/** A database of its own next to the bench's PostgreSQL one (`<name>_feeds`), dropped afterwards. */
export const ingestPostgres = (url: string): Promise<IngestDb> => ownPostgresDatabase(url, "feeds");

// The production server refuses the demo's public password: the seeded admin gets one of its own.
const ADMIN = { email: "ingest-admin@example.org", password: "bench-ingest-0123456789" };

export async function measureFeedIngest(db: IngestDb, o: Options, say: (message: string) => void): Promise<IngestResult> {
  let firstPollAt: number | undefined;
  let feedRequests = 0;
  let polling = false;
  const feedServer: Server = createServer((req, res) => {
    const feed = Number(/^\/desk-(\d+)\.rss$/.exec(req.url ?? "")?.[1] ?? NaN);
    if (!Number.isInteger(feed) || feed < 0 || feed >= INGEST_FEEDS) return void res.writeHead(404).end();
    if (polling) {
      firstPollAt ??= performance.now();
      feedRequests++;
    }
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(feed));
  });
  await new Promise<void>((resolve) => feedServer.listen(0, "127.0.0.1", resolve));
  const feedBase = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;

  const env = (extra: Record<string, string>) =>
    o.env({ SEED_ADMIN_EMAIL: ADMIN.email, SEED_ADMIN_PASSWORD: ADMIN.password, SEED_SANCTIONS_LIST: "0", FETCH_ALLOW_HOSTS: "127.0.0.1", ...db.env, ...extra });
  if (await portInUse(o.port)) throw new Error(`Port ${o.port} is already in use`);
  const appUrl = `http://localhost:${o.port}`;
  const base = `http://127.0.0.1:${o.port}`;
  say(`[${db.label}] feed ingestion: ${INGEST_FEEDS} feeds × ${INGEST_ITEMS} items on a fresh database…`);
  const server = start("npm", ["start"], { cwd: o.root, env: env({ PORT: String(o.port), APP_URL: appUrl }), logPath: path.join(o.logDir, `ingest-server-${db.label}.log`) });
  try {
    await waitForHttp(`${base}/api/health`, server, 300_000);
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: appUrl }, body: JSON.stringify(ADMIN) });
    if (!signIn.ok) throw new Error(`Sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const api = async <T>(route: string, init: RequestInit = {}): Promise<T> => {
      const reply = await fetch(`${base}${route}`, { ...init, headers: { cookie, origin: appUrl, "content-type": "application/json", ...init.headers } });
      if (!reply.ok) throw new Error(`${init.method ?? "GET"} ${route}: ${reply.status} ${(await reply.text()).slice(0, 300)}`);
      return (await reply.json()) as T;
    };
    const health = `${base}/api/health`;
    await load(health, { connections: o.connections, seconds: 2 }); // warm-up
    const healthIdle = await load(health, { connections: o.connections, seconds: o.seconds });

    const outlines = Array.from({ length: INGEST_FEEDS }, (_, feed) => `<outline type="rss" text="Desk ${feed}" xmlUrl="${feedBase}/desk-${feed}.rss"/>`).join("");
    const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Bench desks</title></head><body><outline text="Bench wire">${outlines}</outline></body></opml>`;
    polling = true;
    const imported = performance.now();
    const added = await api<{ added: number }>("/api/feeds/opml", { method: "POST", body: JSON.stringify({ opml }) });
    if (added.added !== INGEST_FEEDS) throw new Error(`The OPML import added ${added.added} feeds, not ${INGEST_FEEDS}`);

    // Health under load from the first poll until the inbox is complete.
    while (firstPollAt === undefined) {
      if (performance.now() - imported > 180_000) throw new Error("No feed was polled within 3 minutes of the import");
      await new Promise((r) => setTimeout(r, 100));
    }
    const during = load(health, { connections: o.connections, seconds: 3_600 });
    const expected = INGEST_FEEDS * INGEST_ITEMS;
    let seen = 0;
    for (;;) {
      const feeds = await api<{ items: { itemsSeen: number }[] }>("/api/feeds");
      seen = feeds.items.reduce((sum, feed) => sum + feed.itemsSeen, 0);
      if (seen >= expected) break;
      if (performance.now() - firstPollAt > 15 * 60_000) {
        stopLoads();
        await during;
        throw new Error(`After 15 minutes the inbox holds ${seen} of ${expected} items`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const ingestMs = performance.now() - firstPollAt;
    stopLoads();
    const healthDuring = await during;
    say(`[${db.label}] feed ingestion: ${seen} items in ${Math.round(ingestMs)} ms; checking the inbox…`);

    // Each item once, and analysed.
    const urls: string[] = [];
    let analysed = 0;
    let cursor: string | null = null;
    do {
      const page: { items: { url: string | null; relevance: number | null }[]; nextCursor: string | null } = await api(`/api/inbox?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      for (const item of page.items) {
        if (item.url?.startsWith("https://wire.example.org/")) urls.push(item.url);
        if (item.relevance !== null) analysed++;
      }
      cursor = page.nextCursor;
    } while (cursor);
    return {
      feeds: INGEST_FEEDS,
      items: expected,
      ingestMs,
      waitForScheduleMs: firstPollAt - imported,
      feedRequests,
      inInbox: urls.length,
      distinctInInbox: new Set(urls).size,
      analysed,
      healthIdle,
      healthDuring,
    };
  } finally {
    await stop(server);
    feedServer.closeAllConnections();
    await new Promise((resolve) => feedServer.close(resolve));
    await db.cleanup?.();
  }
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
const healthRatio = (r: IngestResult) => r.healthDuring.p95 / Math.max(r.healthIdle.p95, 1);

/** The issue's target lines, per database: the time (every item in, each once, analysed) and /api/health's p95 over idle. */
export function ingestTargets(byDatabase: Record<string, IngestResult>): Target[] {
  return Object.entries(byDatabase).flatMap(([db, r]): Target[] => {
    const complete = r.inInbox === r.items && r.distinctInInbox === r.items && r.analysed >= r.items;
    return [
      {
        id: `feed-ingest-${db}`,
        issue: "#14",
        description: `${r.feeds} feeds × ${INGEST_ITEMS} items served locally: all fetched, deduplicated, analysed, in the inbox (${db})`,
        threshold: `≤ ${INGEST_BUDGET_MS} ms`,
        measured: Math.round(r.ingestMs),
        unit: "ms",
        pass: complete && r.ingestMs <= INGEST_BUDGET_MS,
        note: `${r.inInbox} in the inbox (${r.distinctInInbox} distinct, ${r.analysed} analysed) of ${r.items}; ${r.feedRequests} feed requests; the minute look came ${Math.round(r.waitForScheduleMs / 1000)} s after the import (not counted)`,
      },
      {
        id: `feed-ingest-health-${db}`,
        issue: "#14",
        description: `GET /api/health p95 while the feeds are ingested over idle (${db})`,
        threshold: "≤ 2×",
        measured: round3(healthRatio(r)),
        unit: "×",
        pass: healthRatio(r) <= 2,
        note: `idle p95 ${r.healthIdle.p95} ms, during ${r.healthDuring.p95} ms`,
      },
    ];
  });
}
