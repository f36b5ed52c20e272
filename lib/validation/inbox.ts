import { z } from "zod";
import { idSchema, isoDate } from "./common";

// The team's inbox (GET /api/inbox) and its triage: accept, dismiss, snooze, bulk dismiss.

export const inboxStates = ["new", "accepted", "dismissed", "snoozed"] as const;
export const inboxSorts = ["newest", "relevance"] as const;

/** Largest page of the inbox, and most items a bulk dismissal takes. */
export const MAX_INBOX_PAGE = 100;
export const MAX_BULK_DISMISS = 500;

export const inboxQuerySchema = z.object({
  state: z
    .enum(inboxStates)
    .default("new")
    .describe("`new` (the default) includes snoozed items whose date has passed; `snoozed` only those still waiting"),
  sort: z.enum(inboxSorts).default("newest").describe("`newest` by arrival, or `relevance` (the analysis's relevance to the watchlist) first"),
  feedId: idSchema.optional().describe("Only items this feed brought"),
  issueId: idSchema.optional().describe("Only items that speak to this issue"),
  category: z.string().trim().min(1).max(64).optional().describe("Only items that speak to an issue of this category (its slug)"),
  relevance: z.coerce.number().min(0).max(1).optional().describe("Only items at least this relevant, 0 to 1"),
  from: isoDate.optional().describe("Only items published on or after this date"),
  to: isoDate.optional().describe("Only items published on or before this date (a date includes its whole day)"),
  cursor: z.string().max(500).optional().describe("`nextCursor` of the previous page"),
  limit: z.coerce.number().int().min(1).max(MAX_INBOX_PAGE).default(50),
});
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

const reason = z.string().trim().max(500, "At most 500 characters").optional().describe("Why it is dismissed (optional)");

export const dismissInboxItemSchema = z.strictObject({ reason });
export type DismissInboxItemInput = z.infer<typeof dismissInboxItemSchema>;

export const snoozeInboxItemSchema = z.strictObject({
  until: isoDate
    .refine((date) => date.getTime() > Date.now(), "Choose a date in the future")
    .describe("When the item comes back as new (a date or date-time, in the future)"),
});
export type SnoozeInboxItemInput = z.infer<typeof snoozeInboxItemSchema>;

export const bulkDismissSchema = z.strictObject({
  ids: z.array(idSchema).min(1, "Choose at least one item").max(MAX_BULK_DISMISS, `At most ${MAX_BULK_DISMISS} items at once`),
  reason,
});
export type BulkDismissInput = z.infer<typeof bulkDismissSchema>;

const when = z.string().nullable();

export const inboxItemSchema = z.object({
  id: z.string(),
  feedId: z.string().nullable(),
  feedTitle: z.string().nullable().describe("Null once the feed is deleted"),
  sourceId: z.string().nullable(),
  sourceName: z.string().nullable(),
  url: z.string().nullable(),
  title: z.string(),
  summary: z.string().describe("The start of the item's text"),
  publishedAt: when,
  fetchedAt: z.string(),
  relevance: z.number().nullable().describe("How relevant the item was to the watchlist on arrival, 0 to 1, as POST /api/documents/analyze says; 0.5 and more is related (null: not analysed)"),
  related: z.boolean().nullable().describe("Whether it is related to the watchlist: relevance 0.5 and more (null: not analysed)"),
  relevanceReasons: z.array(z.string()).describe('What moved the relevance on arrival, largest first, one line per part: "Place +4.5 — Russia (3)" (empty for items from before reasons were kept)'),
  issues: z.array(z.object({ id: z.string(), title: z.string() })).describe("The issues it speaks to, best first"),
  state: z.enum(inboxStates).describe("A snoozed item whose date has passed is `new`"),
  snoozedUntil: when,
  dismissReason: z.string().nullable(),
  documentId: z.string().nullable().describe("The document saved from it, once accepted"),
  decidedBy: z.string().nullable(),
  decidedAt: when,
});
export type InboxItemView = z.infer<typeof inboxItemSchema>;

export const inboxPageSchema = z.object({
  items: z.array(inboxItemSchema),
  nextCursor: z.string().nullable().describe("Send as `cursor` for the next page; null on the last"),
  unread: z.number().int().describe("New items in the inbox (the navigation's count), counted up to 1,000: 1000 means 1,000 or more"),
});
export type InboxPage = z.infer<typeof inboxPageSchema>;

export const inboxUnreadSchema = z.object({ unread: z.number().int().describe("New items, counted up to 1,000: 1000 means 1,000 or more") });

/** What the review form opens with: the item's own details and the issue it speaks to most. */
export const inboxAcceptanceSchema = z.object({
  item: inboxItemSchema,
  draft: z.object({
    inboxItemId: z.string(),
    url: z.string().nullable(),
    title: z.string(),
    text: z.string(),
    publishedAt: z.string().nullable().describe("YYYY-MM-DD"),
    sourceId: z.string().nullable().describe("The feed's source"),
    issueIds: z.array(z.string()).describe("Suggested issues, best first"),
  }),
});
export type InboxAcceptance = z.infer<typeof inboxAcceptanceSchema>;

export const bulkDismissResultSchema = z.object({ dismissed: z.number().int() });
