// What every worker thread of ours does first (worker.mjs, lib/backup/read-worker.mjs): give way to the
// thread that serves requests, and load its TypeScript through tsx, the same way `npm start` runs
// scripts/db.ts. Plain JavaScript, so Node starts the workers as they are (no bundler involved).
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

/**
 * Lowers this thread's priority, so CPU-bound jobs give way to the thread that serves requests when the
 * CPU is contended: on Linux the nice value is per thread, and /proc/thread-self names this thread's id.
 * Elsewhere the thread keeps normal priority.
 */
export function giveWayToRequests() {
  try {
    setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 10);
  } catch {
    // not Linux, or not allowed
  }
}

/** Imports a TypeScript module relative to `parentURL`; its "@/…" imports resolve through the project's tsconfig paths. */
export function importTypeScript(specifier, parentURL) {
  return tsImport(specifier, { parentURL, tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)) });
}
