import type PgBoss from "pg-boss";

/** How a job's runs are kept apart and retried: pg-boss's queue options. */
export type QueuePolicy = Pick<PgBoss.Queue, "policy" | "retryLimit" | "retryDelay" | "retryBackoff" | "expireInSeconds">;

/** A named job: what one run does, how its queue behaves, and when it runs by itself. */
export type JobDefinition<Data extends object> = {
  /** The queue's name, e.g. "sanctions.import-list". */
  name: string;
  /** Runs one job. Throwing fails the run (retried with backoff until the queue's retryLimit); what it returns is kept as the job's output. */
  handle: (data: Data, job: { id: string }) => Promise<object | void>;
  queue?: QueuePolicy;
  /** How many waiting jobs a worker takes at each look; 5 unless said. A full batch is followed by the next look at once. */
  batchSize?: number;
  /**
   * How many of a batch's jobs run at once; 1 unless said (one after another). More for jobs that mostly wait on
   * the network or on the worker threads (lib/workers/pool.ts), so those are kept busy: feeds.poll.
   */
  concurrency?: number;
  /** When it runs by itself: a cron expression (UTC) and the data of each run; nothing when it is not configured. */
  schedule?: () => { cron: string; data: Data } | undefined;
};

/** Declares a job; its data type then checks every `enqueue` of it. */
export function defineJob<Data extends object>(definition: JobDefinition<Data>): JobDefinition<Data> {
  return definition;
}

/** A job of any data type, as the registry holds them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each job checks its own data type (defineJob)
export type AnyJob = JobDefinition<any>;

/** Every queue retries failed runs 3 times, after about 30 s, 60 s and 120 s (pg-boss doubles the delay, with jitter). */
export const DEFAULT_RETRY = { retryLimit: 3, retryDelay: 30, retryBackoff: true } as const;
