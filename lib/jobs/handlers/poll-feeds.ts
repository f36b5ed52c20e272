import { dueFeeds, pollFeed } from "@/lib/services/feeds/poll";
import { enqueue } from "../enqueue";
import { defineJob } from "../job";

/** Polls one feed (sent by feeds.poll-due); the feed's own failures are its health, so only the database failing fails the job. */
export const pollFeedJob = defineJob<{ feedId: string; teamId: string }>({
  name: "feeds.poll",
  handle: ({ feedId }) => pollFeed(feedId),
  // One waiting and one running per feed (singletonKey: the feed's id), across instances: a feed is never polled twice at once.
  queue: { policy: "stately" },
});

/** Every minute: one feeds.poll per feed that is due. A feed still waiting or running from the last look is not sent again. */
export const pollDueFeeds = defineJob<Record<string, never>>({
  name: "feeds.poll-due",
  async handle() {
    const feeds = await dueFeeds();
    let sent = 0;
    for (const feed of feeds) if (await enqueue(pollFeedJob, { feedId: feed.id, teamId: feed.teamId }, { singletonKey: feed.id })) sent++;
    return { due: feeds.length, sent };
  },
  queue: { policy: "singleton" },
  schedule: () => ({ cron: "* * * * *", data: {} }),
});
