import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "@/lib/testing/db";
import { dropTestQueues } from "@/lib/testing/queue";
import { enqueue } from "./enqueue";
import { runningQueue, stopQueue } from "./instance";
import { defineJob } from "./job";
import { startQueue } from "./queue";

// How a worker runs what it takes at a look (PGlite in this process, or the PostgreSQL of DATABASE_URL): one job
// after another unless the job declares a concurrency; and after a full batch it looks again at once instead of
// waiting its polling interval (which held feed polling to 5 polls every 2 s).
withTestDatabase();

const run = randomUUID().slice(0, 8);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that notes how many of its runs were running at once. */
function counted(name: string, options: { batchSize: number; concurrency?: number }) {
  const tally = { running: 0, mostAtOnce: 0, done: 0 };
  const job = defineJob<{ n: number }>({
    name: `${name}-${run}`,
    handle: async () => {
      tally.mostAtOnce = Math.max(tally.mostAtOnce, ++tally.running);
      await sleep(200);
      tally.running--;
      tally.done++;
    },
    ...options,
  });
  return { job, tally };
}

const together = counted("test.together", { batchSize: 4, concurrency: 2 });
const inTurn = counted("test.in-turn", { batchSize: 4 });
const jobs = [together.job, inTurn.job];
const SENT = 8;

beforeAll(async () => {
  // Sent before any worker looks, so that each look finds full batches waiting.
  await startQueue({ work: false, jobs });
  for (let n = 0; n < SENT; n++) {
    await enqueue(together.job, { n });
    await enqueue(inTurn.job, { n });
  }
  await stopQueue();
  // A polling interval longer than the test: only looking again after a full batch gets through all the jobs.
  await startQueue({ jobs, pollingIntervalSeconds: 60 });
}, 60_000);

afterAll(async () => {
  await dropTestQueues(...jobs.map((job) => job.name));
  await stopQueue();
});

async function allDone(tally: { done: number }) {
  const deadline = Date.now() + 30_000;
  while (tally.done < SENT) {
    if (Date.now() > deadline) throw new Error(`${tally.done} of ${SENT} done before the next polling interval`);
    await sleep(100);
  }
}

describe("a worker's batch of jobs", () => {
  it("runs every waiting job, taking the next batch after a full one without waiting its polling interval", async () => {
    await allDone(together.tally);
    await allDone(inTurn.tally);
    const boss = runningQueue()!;
    for (const job of jobs) expect(await boss.getQueueSize(job.name, { before: "completed" })).toBe(0);
  }, 40_000);

  it("runs a batch's jobs together, at most the job's concurrency at once", () => {
    expect(together.tally.mostAtOnce).toBe(2);
  });

  it("runs them one after another when the job declares no concurrency", () => {
    expect(inTurn.tally.mostAtOnce).toBe(1);
  });
});
