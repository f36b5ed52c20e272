import "server-only";
import PgBoss from "pg-boss";
import { databasePglite } from "@/lib/db/client";
import { env } from "@/lib/env";
import { runningQueue, setRunningQueue } from "./instance";
import { DEFAULT_RETRY, type AnyJob } from "./job";
import { pgliteDb } from "./pglite";

// The job queue of this process (DESIGN.md "Jobs"): pg-boss, its tables in the schema "pgboss" of the app's database.
// On PostgreSQL every app instance starts one on the shared tables, and pg-boss hands each job to one worker
// (SELECT … FOR UPDATE SKIP LOCKED); on PGlite it runs in this process, on the same embedded database.

export type QueueOptions = {
  /** Run the jobs here (the server); false only sends them (a CLI). */
  work?: boolean;
  /** The jobs whose queues, schedules and workers to set up: the app's are JOBS (./registry.ts). */
  jobs?: readonly AnyJob[];
  /** How often an idle worker looks for jobs. */
  pollingIntervalSeconds?: number;
  /** Fail the jobs left running by a process that died, before working (only where no other process can be running them). */
  resumeOrphans?: boolean;
};

/**
 * How often maintenance runs (pg-boss's default is 2 minutes): it fails the jobs that ran past their expiry, the
 * polls and deliveries of a process that died, so they are retried within half a minute of expiring.
 */
const MAINTENANCE_SECONDS = 30;

const holder = globalThis as unknown as { sanctionsWatchQueueStarting?: Promise<PgBoss> };

/** Starts the queue once per process (later calls get the same one): its schema, queues, schedules and workers. */
export function startQueue(options: QueueOptions = {}): Promise<PgBoss> {
  const running = runningQueue();
  if (running) return Promise.resolve(running);
  holder.sanctionsWatchQueueStarting ??= openQueue({ ...options, resumeOrphans: Boolean(databasePglite()) })
    .then((boss) => {
      setRunningQueue(boss);
      return boss;
    })
    .finally(() => (holder.sanctionsWatchQueueStarting = undefined));
  return holder.sanctionsWatchQueueStarting;
}

/** The process's queue once started (waiting for a start under way), or null when this process runs none. */
export async function startedQueue(): Promise<PgBoss | null> {
  return runningQueue() ?? (await holder.sanctionsWatchQueueStarting) ?? null;
}

/** A started queue on the app's database, not the process's one: what startQueue runs, and a test's second instance. */
export async function openQueue({ work = true, jobs = [], pollingIntervalSeconds = 2, resumeOrphans = false }: QueueOptions): Promise<PgBoss> {
  const pglite = databasePglite();
  const boss = new PgBoss({
    ...(pglite ? { db: pgliteDb(pglite) } : { connectionString: env().databaseUrl, max: 4, application_name: "sanctions-watch-jobs" }),
    ...DEFAULT_RETRY,
    // Maintenance (expiring, archiving) and the cron clock run where jobs run.
    supervise: work,
    schedule: work,
    maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
  });
  boss.on("error", (error) => console.error("[sanctions-watch] job queue:", error));
  await boss.start();
  if (work && resumeOrphans) await failOrphanedJobs(boss);
  for (const job of jobs) {
    const options = { ...DEFAULT_RETRY, ...job.queue };
    if (await boss.getQueue(job.name)) await boss.updateQueue(job.name, { name: job.name, ...options });
    else await boss.createQueue(job.name, { name: job.name, ...options });
  }
  if (work) {
    for (const job of jobs) {
      const schedule = job.schedule?.();
      if (schedule) await boss.schedule(job.name, schedule.cron, schedule.data, { tz: "UTC" });
      else await boss.unschedule(job.name); // no longer configured
      // pg-boss waits a polling interval between looks, so a worker takes several jobs at each; every one is
      // settled on its own, so one failure fails (and retries) only its job.
      const batchSize = job.batchSize ?? 5;
      const settle = async (run: PgBoss.Job<object>) => {
        try {
          const output = await job.handle(run.data, { id: run.id });
          await (output ? boss.complete(job.name, run.id, output) : boss.complete(job.name, run.id));
        } catch (error) {
          await boss.fail(job.name, run.id, error as object);
        }
      };
      const worker: { id?: string } = {};
      worker.id = await boss.work<object>(job.name, { pollingIntervalSeconds, batchSize }, async (runs) => {
        await inTurns(runs, job.concurrency ?? 1, settle);
        // A full batch: more are likely waiting (200 feeds due at once), so the worker looks again now rather than
        // after its polling interval, which held a queue to batchSize jobs per interval (5 polls every 2 s).
        if (runs.length === batchSize && worker.id) boss.notifyWorker(worker.id);
      });
    }
  }
  return boss;
}

/**
 * A PGlite database is open in one process at a time, so a job still running when this process's queue starts was
 * running in one that died (a SIGKILL, a crash). Failed now, it is retried after its retry delay, not once it
 * expires (a feed poll 150 s after it started, a list import 30 minutes). On PostgreSQL another instance may be
 * running it: there, expiry decides.
 */
async function failOrphanedJobs(boss: PgBoss) {
  const { rows } = await boss.getDb().executeSql("SELECT name, array_agg(id::text) AS ids FROM pgboss.job WHERE state = 'active' GROUP BY name", []);
  for (const { name, ids } of rows as { name: string; ids: string[] }[]) {
    for (const id of ids) await boss.fail(name, id, { message: "The server stopped while this job ran; it runs again" });
    console.log(`[sanctions-watch] job queue: ${ids.length} ${name} job(s) left running by a stopped server, run again`);
  }
}

/** Runs `each` over the items, at most `concurrency` at once, in order of the items. */
async function inTurns<T>(items: readonly T[], concurrency: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await each(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane));
}
