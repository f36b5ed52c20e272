import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseKind, db } from "@/lib/db/client";
import { pollFeed } from "@/lib/services/feeds/poll";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { defineJob } from "../job";
import { openQueue } from "../queue";
import { pollFeedJob } from "./poll-feeds";

// Issue 14: "on PostgreSQL two app instances share the queue and never poll the same feed at once". Two queues on
// one database (two instances) work the feed-poll queue (its policy: stately, keyed by the feed) while both keep
// sending polls of the same feeds. The feed server counts the requests each feed has in flight, and the handler
// the polls each feed has running: never two for one feed. Each round the feeds publish more items; at the end
// the inbox holds every item once. PGlite is one process's database: no second instance to have.
process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";
withTestDatabase();
const onPostgres = databaseKind() === "postgres";

const FEEDS = 10;
const ROUNDS = 4;
const ITEMS_PER_ROUND = 6;
/** Each answer waits this long, so a second poll of the feed, if one were let through, would overlap the first. */
const ANSWER_DELAY_MS = 300;

const run = randomUUID().slice(0, 8);
const itemUrl = (feed: number, item: number) => `https://wire.example.org/${run}/desk-${feed}/item-${item}`;

let round = 0;
const requestsInFlight = new Map<number, number>();
let mostRequestsAtOnce = 0;
const pollsRunning = new Map<string, number>();
let mostPollsAtOnce = 0;
const pollsBy = { a: 0, b: 0 };

function rss(feed: number): string {
  const items = Array.from({ length: (round + 1) * ITEMS_PER_ROUND }, (_, item) => {
    const url = itemUrl(feed, item);
    return `<item><title>Desk ${feed} item ${item}</title><link>${url}</link><guid>${url}</guid><description>Report ${item} of desk ${feed} (${run}).</description></item>`;
  }).join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Desk ${feed}</title><link>https://wire.example.org/</link><description>Desk</description>${items}</channel></rss>`;
}

/** The feed-poll job as the registry has it (same policy and handler), under this run's own queue name. */
function pollJobOf(instance: "a" | "b") {
  return defineJob<{ feedId: string; teamId: string }>({
    ...pollFeedJob,
    name: `test.feeds-poll-${run}`,
    handle: async ({ feedId }) => {
      const running = (pollsRunning.get(feedId) ?? 0) + 1;
      pollsRunning.set(feedId, running);
      mostPollsAtOnce = Math.max(mostPollsAtOnce, running);
      pollsBy[instance]++;
      try {
        return await pollFeed(feedId);
      } finally {
        pollsRunning.set(feedId, (pollsRunning.get(feedId) ?? 1) - 1);
      }
    },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!onPostgres)("two app instances polling the same feeds (PostgreSQL only; skipped on PGlite: one process owns it)", () => {
  let team: TestTeam;
  let feedServer: Server;
  let feedIds: string[] = [];
  let a: PgBoss;
  let b: PgBoss;
  const name = `test.feeds-poll-${run}`;

  beforeAll(async () => {
    feedServer = createServer((req, res) => {
      const feed = Number(/^\/desk-(\d+)\.rss$/.exec(req.url ?? "")?.[1] ?? NaN);
      if (!Number.isInteger(feed)) return void res.writeHead(404).end();
      const now = (requestsInFlight.get(feed) ?? 0) + 1;
      requestsInFlight.set(feed, now);
      mostRequestsAtOnce = Math.max(mostRequestsAtOnce, now);
      res.on("close", () => requestsInFlight.set(feed, (requestsInFlight.get(feed) ?? 1) - 1));
      setTimeout(() => res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss(feed)), ANSWER_DELAY_MS);
    });
    await new Promise<void>((resolve) => feedServer.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}`;
    team = await createTestTeam("Two instances polling");
    const source = await db.source.create({ data: { teamId: team.teamId, name: "Wire" } });
    feedIds = [];
    for (let feed = 0; feed < FEEDS; feed++) {
      feedIds.push((await db.feed.create({ data: { teamId: team.teamId, sourceId: source.id, url: `${base}/desk-${feed}.rss`, title: `Desk ${feed}`, nextPollAt: new Date(Date.now() + 3_600_000) } })).id);
    }
    a = await openQueue({ jobs: [pollJobOf("a")], pollingIntervalSeconds: 0.5 });
    b = await openQueue({ jobs: [pollJobOf("b")], pollingIntervalSeconds: 0.5 });
  }, 60_000);

  afterAll(async () => {
    if (onPostgres) {
      await db.$executeRaw`DELETE FROM pgboss.job WHERE name = ${name}`;
      await a?.deleteQueue(name);
      await Promise.all([a?.stop({ graceful: false }), b?.stop({ graceful: false })]);
      feedServer?.closeAllConnections();
      await new Promise((resolve) => feedServer?.close(resolve));
      if (team) await purgeTeam(team.teamId);
    }
  });

  it("never polls one feed twice at once, and brings each item in once", async () => {
    for (round = 0; round < ROUNDS; round++) {
      const roundStart = new Date();
      await db.feed.updateMany({ where: { id: { in: feedIds } }, data: { nextPollAt: new Date(Date.now() - 1000) } });
      // Both instances send a poll of every feed, three times over, all at once (as two instances' minute looks,
      // and "Poll now" clicks, would).
      await Promise.all(
        [a, b, a, b, a, b].flatMap((boss) => feedIds.map((feedId) => boss.send(name, { feedId, teamId: team.teamId }, { singletonKey: feedId }))),
      );
      const deadline = Date.now() + 60_000;
      for (;;) {
        const polled = await db.feed.count({ where: { id: { in: feedIds }, lastSuccessAt: { gte: roundStart } } });
        const [row] = await db.$queryRaw<{ pending: number }[]>`SELECT count(*)::int AS pending FROM pgboss.job WHERE name = ${name} AND state < 'completed'`;
        const pending = row?.pending ?? 0;
        if (polled === FEEDS && pending === 0) break;
        if (Date.now() > deadline) throw new Error(`round ${round}: ${polled} of ${FEEDS} feeds polled, ${pending} polls pending`);
        await sleep(250);
      }
    }
    round = ROUNDS - 1;

    expect(mostRequestsAtOnce, "requests of one feed in flight at once").toBe(1);
    expect(mostPollsAtOnce, "polls of one feed running at once").toBe(1);
    expect(pollsBy.a, "instance a polled").toBeGreaterThan(0);
    expect(pollsBy.b, "instance b polled").toBeGreaterThan(0);

    const items = await db.inboxItem.findMany({ where: { teamId: team.teamId }, select: { url: true } });
    const expected = new Set(Array.from({ length: FEEDS }, (_, feed) => Array.from({ length: ROUNDS * ITEMS_PER_ROUND }, (_, item) => itemUrl(feed, item))).flat());
    expect(new Set(items.map((item) => item.url))).toEqual(expected);
    expect(items).toHaveLength(expected.size);
  }, 300_000);
});
