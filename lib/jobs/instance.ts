import type PgBoss from "pg-boss";

// The process's one queue. Kept on globalThis: Next.js bundles instrumentation.ts (which starts it), the route
// handlers and pages apart, and server.ts (which stops it) loads this module on its own; all must see one queue.
// Nothing here imports the database, so server.ts, which runs outside Next.js's server-only world, can use it.
const holder = globalThis as unknown as { sanctionsWatchQueue?: PgBoss };

export function runningQueue(): PgBoss | undefined {
  return holder.sanctionsWatchQueue;
}

export function setRunningQueue(boss: PgBoss | undefined) {
  holder.sanctionsWatchQueue = boss;
}

/**
 * Stops the queue: no new jobs are taken, running ones get `graceMs` to finish, and those still running then are
 * failed, which puts them back in the queue (retried) unless they were on their last attempt.
 */
export async function stopQueue({ graceMs = 8_000 } = {}): Promise<void> {
  const boss = runningQueue();
  if (!boss) return;
  await boss.stop({ graceful: true, timeout: graceMs, wait: true, close: true });
  setRunningQueue(undefined);
}
