import { z } from "zod";
import { scheduleCadences } from "@/lib/briefings/schedule";
import { shortText } from "./common";
import { briefingFilterSchema, markingSchema } from "./briefings";

// Scheduled briefings (issue 15, item 5): one module shared by the routes, the form, the tests and the OpenAPI
// document. A schedule keeps what the builder takes (filter, title, marking, key judgments) and when to run it.

const cadence = z.enum(scheduleCadences, { error: "Choose daily or weekly" });
const dayOfWeek = z.number({ error: "Choose a day of the week: 1 (Monday) to 7 (Sunday)" }).int().min(1, "Days run from 1 (Monday) to 7 (Sunday)").max(7, "Days run from 1 (Monday) to 7 (Sunday)");
const hour = z.number({ error: "Choose an hour from 0 to 23" }).int().min(0, "Hours run from 0 to 23").max(23, "Hours run from 0 to 23");

const scheduleFields = {
  title: shortText(200).min(1, "Give the briefing a title"),
  marking: markingSchema,
  keyJudgments: z.string().trim().max(20_000),
  /** The watchlist's filters, as POST /api/briefings takes them; `{}` is the whole watchlist. */
  filter: briefingFilterSchema,
  cadence,
  /** Weekly only: 1 Monday … 7 Sunday. */
  dayOfWeek: dayOfWeek.nullable(),
  /** On the team's clock (its time zone, Team settings). */
  hour,
};

/** A weekly schedule needs its day; a daily one has none. */
function checkDay(value: { cadence?: string; dayOfWeek?: number | null }, ctx: z.RefinementCtx) {
  if (value.cadence === "weekly" && (value.dayOfWeek === undefined || value.dayOfWeek === null)) {
    ctx.addIssue({ code: "custom", path: ["dayOfWeek"], message: "A weekly briefing needs its day: 1 (Monday) to 7 (Sunday)" });
  }
  if (value.cadence === "daily" && value.dayOfWeek !== undefined && value.dayOfWeek !== null) {
    ctx.addIssue({ code: "custom", path: ["dayOfWeek"], message: "A daily briefing runs every day: leave the day out" });
  }
}

export const createBriefingScheduleSchema = z
  .strictObject({ ...scheduleFields, keyJudgments: scheduleFields.keyJudgments.default(""), dayOfWeek: scheduleFields.dayOfWeek.optional() })
  .superRefine(checkDay);
export type CreateBriefingScheduleInput = z.infer<typeof createBriefingScheduleSchema>;

/** Change any field, pause (`paused: true`) or resume; the day is checked against the cadence after the change. */
export const updateBriefingScheduleSchema = z
  .strictObject({
    ...Object.fromEntries(Object.entries(scheduleFields).map(([k, v]) => [k, v.optional()])),
    paused: z.boolean().optional(),
  } as { [K in keyof typeof scheduleFields]: z.ZodOptional<(typeof scheduleFields)[K]> } & { paused: z.ZodOptional<z.ZodBoolean> })
  .refine((value) => Object.keys(value).length > 0, { message: "Change at least one field" });
export type UpdateBriefingScheduleInput = z.infer<typeof updateBriefingScheduleSchema>;

export const briefingScheduleSchema = z.object({
  id: z.string(),
  title: z.string(),
  marking: markingSchema,
  keyJudgments: z.string(),
  filter: z.record(z.string(), z.unknown()),
  cadence,
  dayOfWeek: z.number().int().nullable(),
  hour: z.number().int(),
  /** The team's time zone, which `hour` is on. */
  timeZone: z.string(),
  paused: z.boolean(),
  /** When it next runs (ISO); null while paused. */
  nextRunAt: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastBriefingId: z.string().nullable(),
  /** Why the last due time made no briefing, e.g. a filter that now matches too many issues. */
  lastError: z.string().nullable(),
  createdAt: z.string(),
  /** Whether you follow it (are told, with the download links, when it makes a briefing). */
  following: z.boolean(),
});
export type BriefingScheduleView = z.infer<typeof briefingScheduleSchema>;

export const briefingScheduleListSchema = z.object({ items: z.array(briefingScheduleSchema), timeZone: z.string() });
export type BriefingScheduleList = z.infer<typeof briefingScheduleListSchema>;
