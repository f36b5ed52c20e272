import { runDueBriefingSchedules } from "@/lib/services/briefing-schedules";
import { remindDueReviews } from "@/lib/services/review-reminders";
import { defineJob } from "../job";

// Issue 15: scheduled briefings (item 5) and reviews due (item 2). Both are sweeps that may run again at any time
// (another instance, a retry, a restart): what they make is keyed in the database (a schedule's run per due time, a
// reminder per issue and review date), so a second run makes nothing twice.

/** Every minute: one briefing per schedule whose hour has come on its team's clock (zones differ by quarter hours). */
export const runDueBriefingsJob = defineJob<Record<string, never>>({
  name: "briefings.run-due",
  handle: () => runDueBriefingSchedules(),
  queue: { policy: "singleton" },
  schedule: () => ({ cron: "* * * * *", data: {} }),
});

/** Every hour: tells followers of the issues whose review date has come, once per date. */
export const remindDueReviewsJob = defineJob<Record<string, never>>({
  name: "reviews.remind-due",
  handle: () => remindDueReviews(),
  queue: { policy: "singleton" },
  schedule: () => ({ cron: "7 * * * *", data: {} }),
});
