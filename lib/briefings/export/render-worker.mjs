// A worker thread that renders briefing exports (lib/briefings/export/render-pool.ts starts it).
// pdfkit and docx are CPU-bound: a 200-issue PDF takes seconds, which on the main thread would stall every
// other request. Plain JavaScript, so Node starts it as is (no bundler involved); it loads the TypeScript
// exporters through tsx, the same way `npm start` runs scripts/db.ts.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

if (!parentPort) throw new Error("render-worker.mjs runs as a worker thread only");
const port = parentPort;

// Renders give way to the thread that serves requests when the CPU is contended: on Linux the nice value
// is per thread, and /proc/thread-self names this thread's id. Elsewhere renders keep normal priority.
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 10);
} catch {
  // not Linux, or not allowed
}

const { renderStoredBriefing } = await tsImport("./render-job.ts", {
  parentURL: import.meta.url,
  // The "@/…" imports of the exporters resolve through the project's tsconfig paths.
  tsconfig: fileURLToPath(new URL("../../../tsconfig.json", import.meta.url)),
});

/** The body in an ArrayBuffer of its own, so it can be transferred to the main thread without a copy. */
function ownBuffer(bytes) {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

port.on("message", async ({ jobId, snapshot, format }) => {
  try {
    const rendered = await renderStoredBriefing(snapshot, format);
    const body = ownBuffer(rendered.body);
    port.postMessage({ jobId, ok: true, rendered: { ...rendered, body } }, [body.buffer]);
  } catch (error) {
    port.postMessage({ jobId, ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
