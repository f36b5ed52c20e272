import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "@/lib/jobs/enqueue";
import { runningQueue, stopQueue } from "@/lib/jobs/instance";
import { defineJob } from "@/lib/jobs/job";
import { startQueue } from "@/lib/jobs/queue";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as retry from "./jobs/[id]/retry/route";
import * as jobs from "./jobs/route";
import { dropTestQueues } from "@/lib/testing/queue";

// The Jobs page's API (issue 14): admins see the instance's jobs and their team's, filter and page them, and retry
// a failed one; another team's jobs are 404. Queue names are unique per run, for a shared PostgreSQL.
withTestDatabase();

const run = randomUUID().slice(0, 8);
/** Fails its first run with the reason given, then succeeds: a retry from the page completes it. */
const triedOnce = new Set<string>();
const flaky = defineJob<{ reason: string; teamId?: string }>({
  name: `test.page-${run}`,
  handle: async ({ reason }, { id }) => {
    if (triedOnce.has(id)) return { done: true };
    triedOnce.add(id);
    throw new Error(reason);
  },
  queue: { retryLimit: 0 },
});

let home: TestTeam;
let other: TestTeam;
const ids: Record<"instance" | "home" | "other", string> = { instance: "", home: "", other: "" };

async function settled(id: string, states = ["completed", "failed"]) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = await runningQueue()!.getJobById(flaky.name, id);
    if (job && states.includes(job.state)) return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  [home, other] = await Promise.all([createTestTeam("Jobs"), createTestTeam("Other jobs")]);
  await startQueue({ jobs: [flaky], pollingIntervalSeconds: 0.5 });
  ids.instance = (await enqueue(flaky, { reason: "https://lists.example/sdn.csv: The file was refused: the file is empty" }))!;
  ids.home = (await enqueue(flaky, { reason: "home team's job failed", teamId: home.teamId }))!;
  ids.other = (await enqueue(flaky, { reason: "other team's job failed", teamId: other.teamId }))!;
  for (const id of Object.values(ids)) await settled(id);
}, 60_000);
afterAll(async () => {
  await dropTestQueues(flaky.name);
  await stopQueue();
  await Promise.all([purgeTeam(home.teamId), purgeTeam(other.teamId)]);
});

type Page = { items: { id: string; name: string; state: string; attempts: number; maxAttempts: number; lastError: string | null }[]; total: number };
const mine = (page: Page) => page.items.filter((job) => job.name === flaky.name);

describe("GET /api/admin/jobs", () => {
  it("is for admins", async () => {
    expect((await call(jobs.GET, "GET", "/api/admin/jobs", { token: home.tokens.analyst })).status).toBe(403);
    expect((await call(jobs.GET, "GET", "/api/admin/jobs")).status).toBe(401);
  });

  it("lists the instance's jobs and the team's own, with why they failed, never another team's", async () => {
    const { status, json } = await call(jobs.GET, "GET", "/api/admin/jobs?pageSize=100", { token: home.tokens.admin });
    expect(status).toBe(200);
    const listed = mine(json as unknown as Page);
    expect(listed.map((job) => job.id).sort()).toEqual([ids.instance, ids.home].sort());
    expect(listed.find((job) => job.id === ids.instance)).toMatchObject({ state: "failed", attempts: 1, maxAttempts: 1, lastError: "https://lists.example/sdn.csv: The file was refused: the file is empty" });
    expect(JSON.stringify(json)).not.toContain(ids.other);
    expect(JSON.stringify(json)).not.toMatch(/ at .*\.ts:\d+/); // the error's message, never its stack
  });

  it("filters by state and pages", async () => {
    const failed = await call(jobs.GET, "GET", "/api/admin/jobs?state=failed&pageSize=100", { token: home.tokens.admin });
    expect(mine(failed.json as unknown as Page)).toHaveLength(2);
    const completed = await call(jobs.GET, "GET", "/api/admin/jobs?state=completed,running&pageSize=100", { token: home.tokens.admin });
    expect(mine(completed.json as unknown as Page)).toHaveLength(0);
    const first = await call(jobs.GET, "GET", "/api/admin/jobs?pageSize=1", { token: home.tokens.admin });
    expect(first.json).toMatchObject({ page: 1, pageSize: 1 });
    expect((first.json as unknown as Page).items).toHaveLength(1);
    expect((first.json as unknown as Page).total).toBeGreaterThanOrEqual(2);
  });

  it("refuses an unknown state with 422", async () => {
    const { status, json } = await call(jobs.GET, "GET", "/api/admin/jobs?state=stuck", { token: home.tokens.admin });
    expect(status).toBe(422);
    expect(json.error?.code).toBe("validation_failed");
  });
});

describe("POST /api/admin/jobs/{id}/retry", () => {
  const retryOf = (id: string, token: string) => call(retry.POST, "POST", `/api/admin/jobs/${id}/retry`, { token, params: { id } });

  it("is for admins, and another team's job or no job is 404", async () => {
    expect((await retryOf(ids.home, home.tokens.analyst)).status).toBe(403);
    expect((await retryOf(ids.other, home.tokens.admin)).status).toBe(404);
    expect((await retryOf(randomUUID(), home.tokens.admin)).status).toBe(404);
    expect((await retryOf("not-a-job", home.tokens.admin)).status).toBe(404);
  });

  it("runs a failed job again, which then completes; a job that has not failed is 409", async () => {
    const { status, json } = await retryOf(ids.instance, home.tokens.admin);
    expect(status).toBe(200);
    expect(json).toMatchObject({ id: ids.instance, state: "retry", maxAttempts: 2 });
    expect((await settled(ids.instance)).state).toBe("completed");
    const again = await retryOf(ids.instance, home.tokens.admin);
    expect(again.status).toBe(409);
    expect(again.json.error?.message).toMatch(/completed/);
  }, 30_000);
});
