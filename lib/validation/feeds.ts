import { z } from "zod";
import { DEFAULT_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from "@/lib/feeds/schedule";
import { idSchema, shortText } from "./common";

// A source's feeds (GET|POST /api/feeds, PATCH|DELETE /api/feeds/{id}, POST /api/feeds/{id}/poll) and their health.

const intervalMinutes = z
  .number()
  .int()
  .min(MIN_INTERVAL_MINUTES, `Poll at most every ${MIN_INTERVAL_MINUTES} minutes`)
  .max(MAX_INTERVAL_MINUTES, "Poll at least once a day")
  .describe(`Minutes between polls, ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES}`);

export const createFeedSchema = z.strictObject({
  sourceId: idSchema.describe("The team's source the feed belongs to"),
  url: z
    .url({ protocol: /^https?$/, error: "Enter a web address starting with http:// or https://" })
    .max(2000)
    .describe("The feed's address, or a site's page that advertises its feed (`<link rel=\"alternate\">`)"),
  title: shortText(200).min(1).optional().describe("Defaults to the feed's own title"),
  intervalMinutes: intervalMinutes.default(DEFAULT_INTERVAL_MINUTES),
  enabled: z.boolean().default(true),
});
export type CreateFeedInput = z.infer<typeof createFeedSchema>;

export const updateFeedSchema = z
  .strictObject({ title: shortText(200).min(1), intervalMinutes, enabled: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: "Change at least one field" });
export type UpdateFeedInput = z.infer<typeof updateFeedSchema>;

export const feedQuerySchema = z.object({
  sourceId: idSchema.optional().describe("Only this source's feeds"),
});

const when = z.string().nullable();

export const feedSchema = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  url: z.string().describe("The feed's address (discovered from the page when a site's address was given)"),
  title: z.string(),
  intervalMinutes: z.number().int(),
  enabled: z.boolean(),
  lastPolledAt: when,
  lastSuccessAt: when,
  lastErrorAt: when,
  lastErrorReason: z
    .string()
    .nullable()
    .describe("Why the last poll failed: lib/fetch's `timeout`, `too_large`, `bad_status`, `bad_content_type`, `too_many_redirects`, `blocked_address`, `unreachable`, or `malformed_feed`, `not_a_feed`, `too_complex`; kept after a success (`consecutiveFailures` says whether it is failing now)"),
  lastError: z.string().nullable().describe("The failure in words"),
  consecutiveFailures: z.number().int().describe("Failed polls in a row: the next poll waits the interval × 2^failures, at most a day"),
  itemsSeen: z.number().int().describe("Items this feed has brought into the inbox"),
  lastPollNote: z.string().nullable().describe("What the last successful poll left out and why (capped at 500 items, repeated items…)"),
  nextPollAt: z.string().nullable().describe("When the feed is polled next; null while disabled"),
  createdAt: z.string(),
});
export type FeedView = z.infer<typeof feedSchema>;

export const feedPollSchema = z.object({
  feed: feedSchema,
  status: z.enum(["polled", "not_modified", "failed"]),
  newItems: z.number().int().describe("Items added to the inbox by this poll"),
});
export type FeedPoll = z.infer<typeof feedPollSchema>;

/** Largest OPML file taken (the JSON body's limit is 1 MB): a reader's export of a few thousand feeds. */
export const MAX_OPML_CHARS = 900_000;

export const importOpmlSchema = z.strictObject({
  opml: z.string().min(1, "Choose an OPML file").max(MAX_OPML_CHARS, "The file is too large: at most 900 kB").describe("The OPML file's text (a feed reader's export)"),
});
export type ImportOpmlInput = z.infer<typeof importOpmlSchema>;

export const opmlImportSchema = z.object({
  added: z.number().int().describe("Feeds now followed, each due for its first poll"),
  sourcesCreated: z.array(z.string()).describe("Sources made for the file's folders (reliability F until graded)"),
  skipped: z.array(z.object({ url: z.string(), reason: z.string() })).describe("Feeds not added, and why"),
});
export type OpmlImport = z.infer<typeof opmlImportSchema>;
