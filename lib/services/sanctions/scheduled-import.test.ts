import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { enqueue } from "@/lib/jobs/enqueue";
import { importList } from "@/lib/jobs/handlers/import-list";
import { importLists } from "@/lib/jobs/handlers/import-lists";
import { runningQueue, stopQueue } from "@/lib/jobs/instance";
import { startQueue } from "@/lib/jobs/queue";
import { RELEASE_IMPORTED } from "@/lib/jobs/release-imported";
import { sanctionsFixturePath, type SanctionsFixture } from "@/lib/sanctions/fixtures/fixtures";
import { withTestDatabase } from "@/lib/testing/db";
import { importListFromUrl } from "./scheduled-import";
import { dropTestQueues } from "@/lib/testing/queue";

// Scheduled list imports (issue 13, SANCTIONS_LIST_URLS): the real fixture files served from 127.0.0.1, fetched
// with conditional GETs, imported as releases by "schedule"; unchanged files are quiet successes, refused ones fail
// the job with the importer's reason. Lists of their own (`suffix`), for a shared PostgreSQL.

const suffix = randomUUID().slice(0, 8);
const SDN = `sched-sdn-${suffix}`;
const OTHER = `sched-other-${suffix}`;

/** What the local server answers: a fixture, with or without an ETag; requests are counted by their conditional header. */
const served: { fixture: SanctionsFixture; etag?: string | undefined } = { fixture: "ofacSdn2024Apr26" };
const requests: { ifNoneMatch: string | undefined }[] = [];
const server = createServer((request, response) => {
  requests.push({ ifNoneMatch: request.headers["if-none-match"] });
  if (served.etag && request.headers["if-none-match"] === served.etag) return void response.writeHead(304).end();
  response.writeHead(200, { "content-type": "application/gzip", ...(served.etag ? { etag: served.etag } : {}) });
  response.end(readFileSync(sanctionsFixturePath(served.fixture)));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// Read by the scheduled job (lib/env.ts): one bare URL (its format says the list) would collide with the other
// test files' lists on PostgreSQL, so both name theirs.
// The test server is on 127.0.0.1, which the fetch guard refuses unless allowed (lib/fetch).
process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";
process.env.SANCTIONS_LIST_URLS = `${SDN}=${base}/sdn.csv.gz ${OTHER}=${base}/other.csv.gz`;
process.env.SANCTIONS_LIST_SCHEDULE = "30 5 * * 1";

withTestDatabase();

beforeAll(async () => {
  await startQueue({ jobs: [importLists, importList], pollingIntervalSeconds: 0.5 });
  // Each import sends the re-screening job; nothing works it here: on PostgreSQL it would re-screen the entities of
  // the test files running beside this one (e2e/designations.spec.ts runs it on the server).
  await runningQueue()!.createQueue(RELEASE_IMPORTED);
}, 60_000);
afterAll(async () => {
  await dropTestQueues(RELEASE_IMPORTED);
  await runningQueue()?.unschedule(importLists.name); // the schedule outlives the process, in a shared database
  await stopQueue();
  await db.sanctionsList.deleteMany({ where: { slug: { endsWith: suffix } } });
  await db.sanctionsListDownload.deleteMany({ where: { url: { startsWith: base } } });
  server.close();
});

async function finished(name: string, id: string) {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const job = await runningQueue()!.getJobById(name, id);
    if (job?.state === "completed" || job?.state === "failed") return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job?.state}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const sdn = { list: SDN, url: `${base}/sdn.csv.gz` };

describe("scheduled list imports", () => {
  it("imports a configured URL as a release by the schedule, then answers a 304 as unchanged", async () => {
    Object.assign(served, { fixture: "ofacSdn2024Apr26", etag: '"apr26"' });
    const first = await importListFromUrl(sdn);
    expect(first).toMatchObject({ outcome: "imported", list: SDN, added: 0 });
    expect(first.outcome === "imported" && first.entries).toBeGreaterThan(10_000);
    const release = await db.sanctionsRelease.findFirstOrThrow({ where: { list: { slug: SDN } } });
    expect(release.importedBy).toBe("schedule");

    requests.length = 0;
    expect(await importListFromUrl(sdn)).toMatchObject({ outcome: "unchanged", reason: expect.stringMatching(/304/) });
    expect(requests).toEqual([{ ifNoneMatch: '"apr26"' }]);
    expect(await db.sanctionsRelease.count({ where: { list: { slug: SDN } } })).toBe(1);
  }, 60_000);

  it("treats a file already imported (409) as unchanged", async () => {
    served.etag = undefined; // a server without validators sends the same file again
    expect(await importListFromUrl(sdn)).toMatchObject({ outcome: "unchanged", reason: expect.stringMatching(/already a release/) });
    expect(await db.sanctionsRelease.count({ where: { list: { slug: SDN } } })).toBe(1);
  }, 60_000);

  it("fails the job of a refused file (422) with the importer's reason, and writes nothing", async () => {
    Object.assign(served, { fixture: "ofacSdn2024May04Empty", etag: '"may04"' });
    const id = await enqueue(importList, sdn, { singletonKey: sdn.url, retryLimit: 0 });
    const job = await finished(importList.name, id!);
    expect(job.state).toBe("failed");
    expect((job.output as { message: string }).message).toMatch(/sdn\.csv\.gz: The file was refused: the file is empty/);
    expect(await db.sanctionsRelease.count({ where: { list: { slug: SDN } } })).toBe(1);
    // Not remembered: the next run downloads it again rather than calling it unchanged.
    expect((await db.sanctionsListDownload.findUniqueOrThrow({ where: { url: sdn.url } })).etag).not.toBe('"may04"');
  }, 60_000);

  it("on the schedule, sends one import per configured URL, which imports the new release", async () => {
    const schedules = await runningQueue()!.getSchedules();
    expect(schedules.find((s) => s.name === importLists.name)).toMatchObject({ cron: "30 5 * * 1" });

    Object.assign(served, { fixture: "ofacSdn2024May01", etag: '"may01"' });
    const id = await enqueue(importLists, {});
    expect((await finished(importLists.name, id!)).output).toEqual({ urls: 2 });
    const imports = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM pgboss.job WHERE name = ${importList.name} AND data->>'list' = ${SDN} AND created_on > now() - interval '1 minute' AND state <> 'failed'`;
    expect(imports).toHaveLength(1);
    const job = await finished(importList.name, imports[0]!.id);
    expect(job.output).toMatchObject({ outcome: "imported", list: SDN, added: 298, removed: 0 });
    // …and asks for every team's entities to be screened again against it.
    const release = await db.sanctionsRelease.findFirstOrThrow({ where: { list: { slug: SDN }, added: 298 } });
    const rescreens = await db.$queryRaw<{ id: string }[]>`SELECT id::text FROM pgboss.job WHERE name = ${RELEASE_IMPORTED} AND data->>'releaseId' = ${release.id}`;
    expect(rescreens).toHaveLength(1);
  }, 90_000);
});
