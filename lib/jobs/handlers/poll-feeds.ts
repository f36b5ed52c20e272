import { dueFeeds, feedsBeingPolled, pollFeed } from "@/lib/services/feeds/poll";
import { enqueue } from "../enqueue";
import { defineJob } from "../job";

/**
 * A poll's longest honest run: the 20 s fetch limit, reading, 60 s of scoring at most, the write. Past it the job
 * is taken for dead (its process was killed) and returned to the queue, so a crash holds a feed back minutes, not
 * pg-boss's default 15.
 */
export const POLL_EXPIRES_SECONDS = 150;

/** Polls one feed (sent by feeds.poll-due); the feed's own failures are its health, so only the database failing fails the job. */
export const pollFeedJob = defineJob<{ feedId: string; teamId: string }>({
  name: "feeds.poll",
  handle: ({ feedId }) => pollFeed(feedId),
  // One waiting and one running per feed (singletonKey: the feed's id), across instances: a feed is never polled twice at once.
  queue: { policy: "stately", expireInSeconds: POLL_EXPIRES_SECONDS },
  // One poll at a time per instance. A poll mostly waits (on the feed's server, on the worker threads that read and
  // score it), but what it does on the request thread (its statements, PGlite's execution of them, Prisma) is most
  // of its cost there: two at a time took 40 % of that thread from requests (the bench's GET /api/health p95 during
  // ingestion 75–84 ms), one at a time 45–67 ms, and 10,000 items still arrive in 31–43 s (the target is 60 s).
  concurrency: 1,
});

/** Every minute: one feeds.poll per feed that is due. A feed still waiting or running from the last look is not sent again. */
export const pollDueFeeds = defineJob<Record<string, never>>({
  name: "feeds.poll-due",
  async handle() {
    const feeds = await dueFeeds();
    // A feed whose poll is running gets no second one meanwhile: pg-boss 10 cannot start a stately queue's waiting
    // job while one with its key runs, and its look for work fails on it (timgit/pg-boss#535), holding back every
    // other feed's poll until that run ends (after a crash: until it expires).
    const running = await feedsBeingPolled(pollFeedJob.name);
    let sent = 0;
    for (const feed of feeds) {
      if (running.has(feed.id)) continue;
      if (await enqueue(pollFeedJob, { feedId: feed.id, teamId: feed.teamId }, { singletonKey: feed.id })) sent++;
    }
    return { due: feeds.length, sent, running: running.size };
  },
  queue: { policy: "singleton" },
  schedule: () => ({ cron: "* * * * *", data: {} }),
});
