import { env } from "@/lib/env";
import { enqueue } from "../enqueue";
import { defineJob } from "../job";
import { importList } from "./import-list";

/** On SANCTIONS_LIST_SCHEDULE: one sanctions.import-list job per configured URL, each retried on its own. */
export const importLists = defineJob<Record<string, never>>({
  name: "sanctions.import-lists",
  async handle() {
    const { urls } = env().sanctionsLists;
    for (const list of urls) await enqueue(importList, list, { singletonKey: list.url });
    return { urls: urls.length };
  },
  queue: { policy: "singleton" },
  schedule() {
    const { urls, schedule } = env().sanctionsLists;
    return urls.length ? { cron: schedule, data: {} } : undefined;
  },
});
