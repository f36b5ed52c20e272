import { z } from "zod";
import { listParam, pageOf, pageParams } from "./common";

// The job queue as admins see it (issue 14: queued, running and failed jobs, with retry).

/** A job's state in the users' words: pg-boss's created is "queued", active is "running", retry is waiting to retry. */
export const JOB_STATES = ["queued", "running", "retry", "completed", "failed", "cancelled"] as const;
export type JobState = (typeof JOB_STATES)[number];

export const jobsQuerySchema = z.strictObject({
  state: listParam(z.enum(JOB_STATES)).optional(),
  ...pageParams,
});
export type JobsQuery = z.infer<typeof jobsQuerySchema>;

export const jobSchema = z.object({
  id: z.string(),
  name: z.string().meta({ description: "What the job does, e.g. sanctions.import-list" }),
  state: z.enum(JOB_STATES),
  attempts: z.number().int().meta({ description: "Runs so far (a retry is a new run)" }),
  maxAttempts: z.number().int(),
  createdAt: z.string(),
  startAfter: z.string().meta({ description: "When it runs (again): later than createdAt for a retry or a delayed job" }),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable().meta({ description: "When it completed or failed for good" }),
  lastError: z.string().nullable().meta({ description: "Why its last run failed (for failed jobs and those waiting to retry)" }),
  data: z.record(z.string(), z.unknown()).meta({ description: "What it was sent, e.g. the list URL" }),
});
export type JobView = z.infer<typeof jobSchema>;

export const jobsPageSchema = pageOf(jobSchema);
export type JobsPage = z.infer<typeof jobsPageSchema>;
