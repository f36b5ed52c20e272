import type PgBoss from "pg-boss";

// The process's one queue. Kept on globalThis: server.ts and the route handlers Next.js bundles load this module
// twice, and both must see the queue server.ts started (like the database client, lib/db/client.ts).
const holder = globalThis as unknown as { sanctionsWatchQueue?: PgBoss };

export function runningQueue(): PgBoss | undefined {
  return holder.sanctionsWatchQueue;
}

export function setRunningQueue(boss: PgBoss | undefined) {
  holder.sanctionsWatchQueue = boss;
}
