// The Node.js half of instrumentation.ts: starts the job queue (lib/jobs) in this process, without holding up
// the start (creating its tables on a new database takes seconds). A separate module, imported only in the
// Node.js runtime, so the Edge build never sees Node's APIs.
import { startQueue } from "@/lib/jobs/queue";
import { JOBS } from "@/lib/jobs/registry";

startQueue({ jobs: JOBS }).then(
  () => console.log("[sanctions-watch] job queue started"),
  (error: unknown) => {
    console.error("[sanctions-watch] the job queue could not start", error);
    process.exit(1);
  },
);
