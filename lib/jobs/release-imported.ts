import { enqueue } from "./enqueue";
import { startedQueue } from "./queue";

/**
 * The hook every import of a release calls once it is committed (the API upload, `lists:import`, the schedule):
 * it sends "sanctions.release-imported" (handlers/rescreen.ts: every team's entities screened again, issue 13).
 * The server always runs the queue (instrumentation.ts) and the CLI starts one to send; a process with none
 * (a test of the import alone) has nowhere to send it, and says so in the return value.
 */
export const RELEASE_IMPORTED = "sanctions.release-imported";

export async function releaseImported(releaseId: string): Promise<boolean> {
  if (!(await startedQueue())) return false;
  // Loaded here, not imported above: the job imports the services that call this.
  const { rescreenAfterRelease } = await import("./handlers/rescreen");
  await enqueue(rescreenAfterRelease, { releaseId });
  return true;
}
