import { remindDueReviewsJob, runDueBriefingsJob } from "./handlers/briefing-schedules";
import { deliverWebhooks, sweepWebhookDeliveries } from "./handlers/deliver-webhooks";
import { importList } from "./handlers/import-list";
import { importLists } from "./handlers/import-lists";
import { pollDueFeeds, pollFeedJob } from "./handlers/poll-feeds";
import { rescreenAfterRelease } from "./handlers/rescreen";
import { sendDigestsJob, sendImmediateEmailsJob } from "./handlers/send-email";
import { trainAllRelevanceJob, trainRelevanceJob } from "./handlers/train-relevance";
import type { AnyJob } from "./job";

/** Every job this app runs: the queue creates their queues, workers and schedules when it starts (lib/jobs/README.md). */
export const JOBS: readonly AnyJob[] = [importLists, importList, rescreenAfterRelease, pollDueFeeds, pollFeedJob, sendImmediateEmailsJob, sendDigestsJob, deliverWebhooks, sweepWebhookDeliveries, runDueBriefingsJob, remindDueReviewsJob, trainRelevanceJob, trainAllRelevanceJob];
