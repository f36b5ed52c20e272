// A worker thread that reads one uploaded team backup (lib/backup/read-off-thread.ts starts it): parsing
// and checking the bench's 272 MB team is ~15 s of CPU, which on the main thread would stall every other
// request. It hands the rows over one batch at a time, when asked, so the main thread only ever holds a
// batch. Plain JavaScript, started like the pool's worker (lib/workers/worker.mjs).
import { parentPort } from "node:worker_threads";
import { giveWayToRequests, importTypeScript } from "../workers/thread.mjs";

if (!parentPort) throw new Error("read-worker.mjs runs as a worker thread only");
const port = parentPort;

giveWayToRequests();
const { readTeamBackup } = await importTypeScript("./read-job.ts", import.meta.url);

/** The API's error (code, message, details) for an AppError; anything else is a failure of ours. */
const errorReply = (error) =>
  error?.name === "AppError"
    ? { kind: "error", code: error.code, message: error.message, details: error.details }
    : { kind: "error", code: "internal", message: error instanceof Error ? error.message : String(error) };

let batches = null;
port.on("message", (message) => {
  try {
    if (message.kind === "read") {
      const plan = readTeamBackup(new Uint8Array(message.bytes));
      batches = plan.batches;
      port.postMessage({ kind: "team", team: plan.team });
    } else {
      const next = batches.next();
      port.postMessage(next.done ? { kind: "done" } : { kind: "batch", batch: next.value });
    }
  } catch (error) {
    port.postMessage(errorReply(error));
  }
});
