import { db } from "@/lib/db/client";
import { runningQueue } from "@/lib/jobs/instance";

/**
 * Removes the queues a test made, with their jobs and schedules. pg-boss 10.4.2's deleteQueue fails while the queue
 * holds jobs (its job table's foreign key is ON DELETE RESTRICT, which a deferred check does not defer), so the jobs
 * go first.
 */
export async function dropTestQueues(...names: string[]): Promise<void> {
  const boss = runningQueue();
  if (!boss) return;
  for (const name of names) {
    await db.$executeRaw`DELETE FROM pgboss.job WHERE name = ${name}`;
    await boss.deleteQueue(name);
  }
}
