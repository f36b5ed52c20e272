import { z } from "zod";
import { emailDeliveries } from "@/lib/notifications/email-preferences";
import { notificationKinds } from "@/lib/notifications/recipients";
import { isTimeZone } from "@/lib/notifications/digest";

// Email preferences, the personal Atom feed's token and the team's time zone (issue 15): one module shared by
// the routes, the settings page, the tests and the OpenAPI document.

const delivery = z.enum(emailDeliveries);
const preferencesShape = Object.fromEntries(notificationKinds.map((kind) => [kind, delivery])) as Record<(typeof notificationKinds)[number], typeof delivery>;

/** `PUT /api/notifications/preferences`: any of the kinds, each immediate, daily, weekly or off. */
export const setEmailPreferencesSchema = z.strictObject({
  email: z.strictObject(preferencesShape).partial().refine((value) => Object.keys(value).length > 0, "Name at least one kind"),
});
export type SetEmailPreferencesInput = z.infer<typeof setEmailPreferencesSchema>;

export const emailPreferencesSchema = z.object({
  /** Whether this server sends email at all (SMTP_URL set). */
  emailEnabled: z.boolean(),
  /** How each kind reaches you by email; kinds you never chose show the default. */
  email: z.object(preferencesShape),
  /** The team's time zone, in which digests cover a day or a week. */
  timeZone: z.string(),
  /** Your personal Atom feed of this team's notifications; null when you have none. */
  feed: z.object({ createdAt: z.string(), lastUsedAt: z.string().nullable() }).nullable(),
});
export type EmailPreferencesView = z.infer<typeof emailPreferencesSchema>;

/** `POST /api/notifications/feed-token` takes `{}`: a JSON API takes no other bodies (CSRF). */
export const createFeedTokenSchema = z.strictObject({});

/** `POST /api/notifications/feed-token`: the feed's URL, shown once (only its hash is kept). */
export const feedTokenSchema = z.object({ url: z.string(), createdAt: z.string() });
export type FeedTokenView = z.infer<typeof feedTokenSchema>;

export const feedQuerySchema = z.strictObject({ token: z.string().max(200).optional() });
export const unsubscribeQuerySchema = z.strictObject({ token: z.string().max(2000).optional() });

export const timeZoneSchema = z.string().trim().refine(isTimeZone, "Not an IANA time zone (e.g. Europe/Berlin)");
/** `PATCH /api/team`: the team's settings (admins). */
export const updateTeamSchema = z.strictObject({ timeZone: timeZoneSchema });
export const teamSettingsSchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), timeZone: z.string() });
export type TeamSettingsView = z.infer<typeof teamSettingsSchema>;
