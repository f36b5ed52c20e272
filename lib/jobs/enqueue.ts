import type PgBoss from "pg-boss";
import { runningQueue } from "./instance";
import type { JobDefinition } from "./job";

/** Sends one run of a job; its id, or null when the queue's policy dropped it (one already waiting for the same singletonKey). */
export async function enqueue<Data extends object>(job: JobDefinition<Data>, data: Data, options?: PgBoss.SendOptions): Promise<string | null> {
  const boss = runningQueue();
  if (!boss) throw new Error(`The job queue is not running in this process: cannot send ${job.name}`);
  return boss.send(job.name, data, options ?? {});
}
