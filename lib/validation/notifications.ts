import { z } from "zod";
import { notificationKinds } from "@/lib/notifications/recipients";
import { booleanParam, idSchema } from "./common";

// Follows and notifications (issue 15): one module shared by the routes, the pages, the tests and the OpenAPI document.

export const followKinds = ["issue", "entity", "category", "briefing_schedule"] as const;

/** `PUT /api/follows`: follow or unfollow one issue, entity or category (idempotent). */
export const setFollowSchema = z.strictObject({
  kind: z.enum(followKinds),
  targetId: idSchema,
  following: z.boolean(),
});
export type SetFollowInput = z.infer<typeof setFollowSchema>;

export const followSchema = z.object({
  kind: z.enum(followKinds),
  targetId: z.string(),
  /** The title, the entity's or the category's name. */
  name: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
});
export type FollowView = z.infer<typeof followSchema>;
export const followListSchema = z.object({ items: z.array(followSchema) });
export const followStateSchema = z.object({ kind: z.enum(followKinds), targetId: z.string(), following: z.boolean() });

export const NOTIFICATION_PAGE_SIZE = 25;

export const notificationQuerySchema = z.strictObject({
  unread: booleanParam.optional(),
  kind: z.enum(notificationKinds).optional(),
  /** The `nextCursor` of the previous page. */
  cursor: idSchema.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(NOTIFICATION_PAGE_SIZE),
});
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  subjectType: z.enum(["issue", "entity", "webhook", "briefing_schedule", "category"]),
  subjectId: z.string(),
  /** The event that caused it: one notification per event and person, so deliveries can deduplicate on it. */
  eventId: z.string(),
  title: z.string(),
  summary: z.string(),
  /** The subject's page in the app. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationPageSchema = z.object({
  items: z.array(notificationSchema),
  /** Pass as `cursor` for the next (older) page; null on the last one. */
  nextCursor: z.string().nullable(),
  /** All of your unread notifications, whatever the filters. */
  unread: z.number().int(),
});
export type NotificationPage = z.infer<typeof notificationPageSchema>;

/** `POST /api/notifications/read`: some of your notifications by id, or all of them. */
export const markReadSchema = z.union([
  z.strictObject({ ids: z.array(idSchema).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
]);
export type MarkReadInput = z.infer<typeof markReadSchema>;
export const markReadResultSchema = z.object({ marked: z.number().int(), unread: z.number().int() });
