import { deliverDue } from "@/lib/services/webhook-delivery";
import { DELIVER_WEBHOOKS } from "@/lib/services/webhook-outbox";
import { defineJob } from "../job";

/** Sends a team's due webhook deliveries, kicked when an event commits one (lib/services/webhook-outbox.ts). */
export const deliverWebhooks = defineJob<{ teamId: string }>({
  name: DELIVER_WEBHOOKS,
  handle: ({ teamId }) => deliverDue({ teamId }),
  // One waiting and one running per team: a burst of events is one run, which sends them all.
  queue: { policy: "stately" },
});

/**
 * Every minute: every due delivery of every team, the retries whose time has come and any delivery whose kick was
 * lost (committed just before a crash). Its own failures to reach receivers are the deliveries' log, not the job's.
 */
export const sweepWebhookDeliveries = defineJob<Record<string, never>>({
  name: "webhooks.sweep",
  handle: () => deliverDue({ limit: 1000 }),
  queue: { policy: "singleton" },
  schedule: () => ({ cron: "* * * * *", data: {} }),
});
