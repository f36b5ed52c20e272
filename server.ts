// The production server (`npm start`, after the prepare step): Next.js on node:http with the limits
// `next start` cannot set (decision 006): slow headers and slow bodies time out, one address holds
// a bounded number of connections, requests Next.js answered with a 500 are refused first, and
// SIGTERM lets the requests in flight finish and the running jobs (lib/jobs) finish or go back to the queue.
import { createServer } from "node:http";
import next from "next";
import { toErrorResponse } from "@/lib/api/errors";
import { env } from "@/lib/env";
import { stopQueue } from "@/lib/jobs/instance";
import { capConnectionsPerAddress } from "@/lib/server/connections";
import { refusal } from "@/lib/server/refusals";

/** Longer than the 60 s idle timeout of common load balancers, so they never reuse a socket we closed (as before). */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** How long SIGTERM waits for requests in flight (the reliability harness sends SIGKILL after 15 s). */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** How long SIGTERM lets running jobs finish before they go back to the queue: within the deadline above. */
const JOBS_GRACE_MS = 8_000;

// What `next start` does: this is the production server, whatever the caller's NODE_ENV.
Object.assign(process.env, { NODE_ENV: "production" });
// The name `next start` gives its process, which the reliability harness and the bench look for.
process.title = "next-server";

const { port, server: limits } = env();
const app = next({ dev: false, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer(
  {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node checks the two timeouts above on this interval (30 s by default, which let slow clients stay 30 s longer).
    connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
  },
  (request, response) => {
    const refused = refusal(request.method ?? "GET", request.url ?? "/");
    if (!refused) return void handle(request, response);
    const { status, body } = toErrorResponse(refused);
    response.writeHead(status, { "Content-Type": "application/json", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'" });
    response.end(JSON.stringify(body));
  },
);
server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
capConnectionsPerAddress(server, limits.maxConnectionsPerAddress);

// The job queue starts with Next.js (instrumentation.ts), which loads its modules in the server's own way.
server.listen(port, () => console.log(`[sanctions-watch] serving on port ${port}`));

/**
 * Stops accepting, lets the requests in flight finish (closing each connection once idle) and the running jobs
 * finish or go back to the queue, then exits.
 */
function shutDown() {
  const requestsDone = new Promise((resolve) => server.close(resolve));
  const jobsDone = stopQueue({ graceMs: JOBS_GRACE_MS }).catch((error: unknown) => console.error("[sanctions-watch] stopping the job queue", error));
  void Promise.all([requestsDone, jobsDone]).then(() => process.exit(0));
  const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
  closeIdle.unref();
  setTimeout(() => {
    console.warn(`[sanctions-watch] requests still in flight after ${SHUTDOWN_DEADLINE_MS / 1000} s: closing them`);
    process.exit(0);
  }, SHUTDOWN_DEADLINE_MS).unref();
}
process.once("SIGTERM", shutDown);
process.once("SIGINT", shutDown);
