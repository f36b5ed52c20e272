import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { feedFixture, serve, startFeedServer, type FeedServer } from "@/lib/testing/feed-server";
import { dropTestQueues } from "@/lib/testing/queue";
import { enqueue } from "../enqueue";
import { runningQueue, stopQueue } from "../instance";
import { startQueue } from "../queue";
import { pollDueFeeds, pollFeedJob } from "./poll-feeds";

// Feed polling on the job queue (PGlite in this process, or the PostgreSQL of DATABASE_URL): the scheduled look
// sends one poll per due feed, keyed by the feed, and the polls fill the inbox.
process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";

withTestDatabase();

let team: TestTeam;
let server: FeedServer;
let sourceId: string;

beforeAll(async () => {
  team = await createTestTeam("Feed jobs");
  sourceId = (await db.source.create({ data: { teamId: team.teamId, name: "Treasury" } })).id;
  server = await startFeedServer();
  server.routes.set("/rss", serve("application/rss+xml", feedFixture("treasury-press-releases.rss")));
  server.routes.set("/atom", serve("application/atom+xml", feedFixture("eu-council.atom")));
}, 60_000);

afterAll(async () => {
  await dropTestQueues(pollFeedJob.name, pollDueFeeds.name);
  await stopQueue();
  await server.close();
  await purgeTeam(team.teamId);
});

const dueFeed = (path: string) => db.feed.create({ data: { teamId: team.teamId, sourceId, url: `${server.base}${path}`, title: path, nextPollAt: new Date(Date.now() - 1000) } });

describe("polling feeds on the job queue", () => {
  it("keeps one poll of a feed waiting at a time (singletonKey: the feed)", async () => {
    await startQueue({ work: false, jobs: [pollDueFeeds, pollFeedJob] });
    const feed = await db.feed.create({ data: { teamId: team.teamId, sourceId, url: `${server.base}/never`, title: "Waiting", enabled: false } });
    const first = await enqueue(pollFeedJob, { feedId: feed.id, teamId: team.teamId }, { singletonKey: feed.id });
    expect(first).toEqual(expect.any(String));
    expect(await enqueue(pollFeedJob, { feedId: feed.id, teamId: team.teamId }, { singletonKey: feed.id })).toBeNull();
    await stopQueue();
  }, 60_000);

  it("runs every minute and sends one poll per due feed, which fills the inbox", async () => {
    await startQueue({ jobs: [pollDueFeeds, pollFeedJob], pollingIntervalSeconds: 0.5 });
    const schedules = await runningQueue()!.getSchedules();
    expect(schedules.find((s) => s.name === pollDueFeeds.name)).toMatchObject({ cron: "* * * * *" });
    const rss = await dueFeed("/rss");
    const atom = await dueFeed("/atom");
    const sent = (await pollDueFeeds.handle({}, { id: "test" })) as { due: number; sent: number };
    expect(sent.due).toBeGreaterThanOrEqual(2);
    const deadline = Date.now() + 20_000;
    while ((await db.feed.count({ where: { id: { in: [rss.id, atom.id] }, lastSuccessAt: { not: null } } })) < 2) {
      if (Date.now() > deadline) throw new Error("the feeds were not polled");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await db.inboxItem.count({ where: { teamId: team.teamId } })).toBe(5);
    // Polled: no longer due, so the next look sends nothing for them.
    const again = (await pollDueFeeds.handle({}, { id: "test" })) as { due: number };
    expect(again.due).toBe(sent.due - 2);
  }, 60_000);
});
