// A worker thread of the pool in lib/workers/pool.ts: runs the jobs of jobs.ts (briefing exports, document
// analysis and text extraction), which are CPU-bound and on the main thread would stall every other
// request. Plain JavaScript, so Node starts it as is (no bundler involved); it loads the TypeScript jobs
// through tsx, the same way `npm start` runs scripts/db.ts.
import { parentPort } from "node:worker_threads";
import { giveWayToRequests, importTypeScript } from "./thread.mjs";

if (!parentPort) throw new Error("worker.mjs runs as a worker thread only");
const port = parentPort;

giveWayToRequests();
const { jobs } = await importTypeScript("./jobs.ts", import.meta.url);

/** Byte arrays of the result (an export's body) move to the main thread without a copy, each in a buffer of its own. */
function transferable(result) {
  if (typeof result !== "object" || result === null || Array.isArray(result)) return { result, transfer: [] };
  const own = { ...result };
  const transfer = [];
  for (const [key, value] of Object.entries(own)) {
    if (!(value instanceof Uint8Array)) continue;
    const bytes = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value : value.slice();
    own[key] = bytes;
    transfer.push(bytes.buffer);
  }
  return { result: own, transfer };
}

port.on("message", async ({ jobId, name, args }) => {
  try {
    const { result, transfer } = transferable(await jobs[name](...args));
    port.postMessage({ jobId, ok: true, result }, transfer);
  } catch (error) {
    const failure = error instanceof Error ? { name: error.name, message: error.message, code: error.code, details: error.details } : { name: "Error", message: String(error) };
    port.postMessage({ jobId, ok: false, error: failure });
  }
});
