import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databasePglite, db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { enqueue } from "./enqueue";
import { runningQueue, stopQueue } from "./instance";
import { defineJob } from "./job";
import { startQueue } from "./queue";
import { dropTestQueues } from "@/lib/testing/queue";

// The queue on the test database (PGlite in this process, or the PostgreSQL of DATABASE_URL): start and stop,
// sending and working, retries with growing delays, schedules. Queue names are unique per run, so files sharing
// a PostgreSQL database do not see each other's jobs.
withTestDatabase();

const run = randomUUID().slice(0, 8);
const handled: string[] = [];
const echo = defineJob<{ word: string }>({
  name: `test.echo-${run}`,
  handle: async ({ word }) => {
    handled.push(word);
    return { echoed: word };
  },
});
let attempts = 0;
const attemptTimes: number[] = [];
const flaky = defineJob<{ failures: number }>({
  name: `test.flaky-${run}`,
  handle: async ({ failures }) => {
    attempts++;
    attemptTimes.push(Date.now());
    if (attempts <= failures) throw new Error(`attempt ${attempts} failed`);
  },
  queue: { retryLimit: 2, retryDelay: 1, retryBackoff: true },
});
const slowStarted: string[] = [];
const slow = defineJob<{ ms: number }>({
  name: `test.slow-${run}`,
  handle: async ({ ms }, { id }) => {
    slowStarted.push(id);
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { sleptMs: ms };
  },
});
const scheduled = defineJob<{ from: string }>({ name: `test.scheduled-${run}`, handle: async () => {}, schedule: () => ({ cron: "*/5 * * * *", data: { from: "cron" } }) });

beforeAll(async () => {
  await startQueue({ jobs: [echo, flaky, slow, scheduled], pollingIntervalSeconds: 0.5 });
}, 60_000);
afterAll(async () => {
  await dropTestQueues(echo.name, flaky.name, slow.name, scheduled.name);
  await stopQueue();
});

async function finished(name: string, id: string, timeoutMs = 15_000) {
  const boss = runningQueue()!;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await boss.getJobById(name, id);
    if (job && (job.state === "completed" || job.state === "failed")) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the job queue", () => {
  it("starts once per process", async () => {
    expect(await startQueue()).toBe(runningQueue());
  });

  it("runs a job sent to it and keeps what the handler returned", async () => {
    const id = await enqueue(echo, { word: "designated" });
    const job = await finished(echo.name, id!);
    expect(job.state).toBe("completed");
    expect(job.output).toEqual({ echoed: "designated" });
    expect(handled).toEqual(["designated"]);
  });

  it("retries a failing job with growing delays, then completes it", async () => {
    const id = await enqueue(flaky, { failures: 2 });
    const job = await finished(flaky.name, id!, 25_000);
    expect(job.state).toBe("completed");
    expect(attempts).toBe(3);
    expect(job.retryCount).toBe(2);
    // retryDelay 1 s, doubled each time with jitter: the first retry after 1–2 s, the second after 2–4 s.
    const [first, second, third] = attemptTimes as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(1000);
    expect(third - second).toBeGreaterThanOrEqual(2000);
  }, 30_000);

  it("fails a job for good once its retries are spent, keeping the error", async () => {
    attempts = 0;
    const id = await enqueue(flaky, { failures: 5 });
    const job = await finished(flaky.name, id!, 25_000);
    expect(job.state).toBe("failed");
    expect(attempts).toBe(3);
    expect((job.output as { message: string }).message).toBe("attempt 3 failed");
  }, 30_000);

  it("gives every queue exponential backoff unless it says otherwise", async () => {
    const queue = await runningQueue()!.getQueue(echo.name);
    expect(queue).toMatchObject({ retryLimit: 3, retryDelay: 30, retryBackoff: true });
  });

  it("registers the schedule of a job that has one", async () => {
    const schedules = await runningQueue()!.getSchedules();
    expect(schedules.find((s) => s.name === scheduled.name)).toMatchObject({ cron: "*/5 * * * *", data: { from: "cron" }, options: { tz: "UTC" } });
  });

  it("refuses to send when the queue is not running in this process", async () => {
    await stopQueue();
    expect(runningQueue()).toBeUndefined();
    await expect(enqueue(echo, { word: "late" })).rejects.toThrow(/not running/);
    await startQueue({ jobs: [echo, flaky, slow, scheduled], pollingIntervalSeconds: 0.5 });
  }, 60_000);

  it("on stop, lets a running job finish within the grace period, and puts one that outlasts it back in the queue", async () => {
    const started = async (id: string) => {
      while (!slowStarted.includes(id)) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    const quick = (await enqueue(slow, { ms: 800 }))!;
    await started(quick);
    await stopQueue({ graceMs: 5_000 });
    const long = await restartAndSend({ ms: 6_000 });
    await started(long);
    await stopQueue({ graceMs: 1_000 });
    const boss = await startQueue({ pollingIntervalSeconds: 0.5 }); // sends only: nothing runs the job again here
    expect((await boss.getJobById(slow.name, quick))?.state).toBe("completed");
    expect(await boss.getJobById(slow.name, long)).toMatchObject({ state: "retry", output: { value: "pg-boss shut down while active" } });
    await stopQueue();
    await startQueue({ jobs: [echo, flaky, slow, scheduled], pollingIntervalSeconds: 0.5 });
  }, 60_000);

  it("runs a job left running by a process that died again at once on PGlite; on PostgreSQL leaves it to its expiry", async () => {
    const id = (await enqueue(flaky, { failures: 0 }, { startAfter: 3_600 }))!;
    await stopQueue();
    // What a SIGKILL leaves behind: the job "active", the process that took it gone.
    await db.$executeRawUnsafe("UPDATE pgboss.job SET state = 'active', started_on = now(), start_after = now() WHERE id = $1::uuid", id);
    await startQueue({ jobs: [echo, flaky, slow, scheduled], pollingIntervalSeconds: 0.5 });
    if (databasePglite()) {
      // Only this process opens a PGlite database: the job was orphaned, failed at start and retried (after 1–2 s).
      expect(await finished(flaky.name, id)).toMatchObject({ state: "completed", retryCount: 1, output: null });
    } else {
      // Another instance may be running it: untouched until it expires.
      expect(await runningQueue()!.getJobById(flaky.name, id)).toMatchObject({ state: "active", retryCount: 0 });
      await runningQueue()!.cancel(flaky.name, id);
    }
  }, 30_000);
});

async function restartAndSend(data: { ms: number }) {
  await startQueue({ jobs: [echo, flaky, slow, scheduled], pollingIntervalSeconds: 0.5 });
  return (await enqueue(slow, data))!;
}
