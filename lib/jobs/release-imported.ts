import { enqueue } from "./enqueue";
import { runningQueue, stopQueue } from "./instance";
import { startQueue } from "./queue";

/**
 * The hook every import of a release calls once it is committed (the API upload, `lists:import`, the schedule):
 * it sends the job named "sanctions.release-imported" with `{ releaseId }` when one is registered in JOBS (issue 13:
 * re-screen every team's entities; see README.md here). None is yet, so it does nothing.
 */
export const RELEASE_IMPORTED = "sanctions.release-imported";

export async function releaseImported(releaseId: string): Promise<void> {
  // Loaded here, not imported above: the registry imports the jobs, which import the services that call this.
  const { JOBS } = await import("./registry");
  const job = JOBS.find((candidate) => candidate.name === RELEASE_IMPORTED);
  if (!job) return;
  if (runningQueue()) {
    await enqueue(job, { releaseId });
    return;
  }
  // A process without the queue (the CLI): start it to send only; the server's workers run the job.
  await startQueue({ work: false });
  try {
    await enqueue(job, { releaseId });
  } finally {
    await stopQueue();
  }
}
