import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { runningQueue } from "@/lib/jobs/instance";
import type { JobState, JobsPage, JobsQuery, JobView } from "@/lib/validation/jobs";

// The queue's jobs for the admins' Jobs page, read from pg-boss's table: the instance's own (list imports, no
// teamId in their data) and the admin's team's, never another team's.

const STATE_IN_DB: Record<JobState, string> = { queued: "created", running: "active", retry: "retry", completed: "completed", failed: "failed", cancelled: "cancelled" };
const STATE_SHOWN = Object.fromEntries(Object.entries(STATE_IN_DB).map(([shown, stored]) => [stored, shown])) as Record<string, JobState>;
/** A failed job's error can hold a whole file's worth of detail: the page shows its start. */
const ERROR_SHOWN = 2000;

type JobRow = {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  retry_limit: number;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
  error: string | null;
  data: unknown;
};

const visibleTo = (actor: Actor) => Prisma.sql`(j.data->>'teamId' IS NULL OR j.data->>'teamId' = ${actor.teamId})`;

/** Until the queue first starts, pg-boss's tables do not exist: no jobs yet. */
async function queueInstalled(): Promise<boolean> {
  const [row] = await db.$queryRaw<{ installed: boolean }[]>`SELECT to_regclass('pgboss.job') IS NOT NULL AS installed`;
  return row?.installed ?? false;
}

export async function listJobs(actor: Actor, query: JobsQuery): Promise<JobsPage> {
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  if (!(await queueInstalled())) return empty;
  const states = query.state?.length ? Prisma.sql`AND j.state::text IN (${Prisma.join(query.state.map((s) => STATE_IN_DB[s]))})` : Prisma.empty;
  const where = Prisma.sql`WHERE ${visibleTo(actor)} AND j.name NOT LIKE '\\_\\_pgboss%' ${states}`;
  const [rows, [count]] = await Promise.all([
    db.$queryRaw<JobRow[]>`
      SELECT j.id::text, j.name, j.state::text, j.retry_count, j.retry_limit, j.created_on, j.start_after, j.started_on, j.completed_on, j.data,
        CASE WHEN j.state IN ('retry', 'failed') THEN left(COALESCE(j.output->>'message', j.output->>'value'), ${ERROR_SHOWN}) END AS error
      FROM pgboss.job j ${where}
      ORDER BY j.created_on DESC, j.id DESC
      LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM pgboss.job j ${where}`,
  ]);
  return { items: rows.map(toView), total: count?.total ?? 0, page: query.page, pageSize: query.pageSize };
}

/** Runs a failed job again (one more attempt); 404 for a job the admin may not see, 409 for one that has not failed. */
export async function retryJob(actor: Actor, id: string): Promise<JobView> {
  const job = await findJob(actor, id);
  if (job.state !== "failed") throw new AppError("conflict", `Only failed jobs can be retried; this one is ${job.state}`);
  const boss = runningQueue();
  if (!boss) throw new AppError("service_unavailable", "The job queue is not running; try again in a moment");
  await boss.retry(job.name, job.id);
  return findJob(actor, id);
}

async function findJob(actor: Actor, id: string): Promise<JobView> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  if (!uuid || !(await queueInstalled())) throw new AppError("not_found", "No such job");
  const [row] = await db.$queryRaw<JobRow[]>`
    SELECT j.id::text, j.name, j.state::text, j.retry_count, j.retry_limit, j.created_on, j.start_after, j.started_on, j.completed_on, j.data,
      CASE WHEN j.state IN ('retry', 'failed') THEN left(COALESCE(j.output->>'message', j.output->>'value'), ${ERROR_SHOWN}) END AS error
    FROM pgboss.job j WHERE j.id = ${id}::uuid AND ${visibleTo(actor)}`;
  if (!row) throw new AppError("not_found", "No such job");
  return toView(row);
}

function toView(row: JobRow): JobView {
  const state = STATE_SHOWN[row.state] ?? "queued";
  const ran = state === "queued" || state === "retry" ? 0 : 1;
  return {
    id: row.id,
    name: row.name,
    state,
    attempts: row.retry_count + ran,
    maxAttempts: row.retry_limit + 1,
    createdAt: row.created_on.toISOString(),
    startAfter: row.start_after.toISOString(),
    startedAt: row.started_on?.toISOString() ?? null,
    completedAt: row.completed_on?.toISOString() ?? null,
    lastError: row.error,
    data: typeof row.data === "object" && row.data !== null ? (row.data as Record<string, unknown>) : {},
  };
}
