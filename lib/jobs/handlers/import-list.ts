import type { ScheduledList } from "@/lib/env";
import { importListFromUrl } from "@/lib/services/sanctions/scheduled-import";
import { defineJob } from "../job";

/** Downloads one configured list URL and imports it when it changed (sent by sanctions.import-lists). */
export const importList = defineJob<ScheduledList>({
  name: "sanctions.import-list",
  handle: (list) => importListFromUrl(list),
  // One waiting and one running per URL (its singletonKey); the import of a whole list can take minutes on PGlite.
  queue: { policy: "stately", expireInSeconds: 30 * 60 },
});
