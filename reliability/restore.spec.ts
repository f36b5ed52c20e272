import { createHash, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "./lib/database";
import { httpRequest, signIn, type ApiClient } from "./lib/http";
import { AppServer, freePort, sleep } from "./lib/server";

// Issue 18, finding 6: an 8.7 MB restore blocked every request for 6 s (one transaction, parsed and
// written on the request thread). Now the file is parsed and checked in a worker and written in short
// batches: a restore of a ~10 MB backup (10,000 documents) runs while /api/health, polled every 50 ms,
// keeps answering within its usual latency.

const kind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const DOCUMENTS = 10_000;
/**
 * /api/health answers in milliseconds; a stall of the event loop shows as a slow answer. Before, this
 * restore kept it waiting for the whole restore (over 10 s). The margin is for 2 shared, busy cores.
 */
const HEALTH_BUDGET_MS = 3_000;

type Backup = { exportedAt: string; documents: Array<Record<string, unknown>>; events: Array<Record<string, unknown>> };

/** The team's backup with `count` more documents (and their history events), about 1 KB of text each. */
function enlarged(backup: Backup, count: number): Backup {
  const paragraph = "Officials said the export controls on machine tools would widen to dual-use components shipped through third countries. ";
  const documents = [...backup.documents];
  const events = [...backup.events];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const text = `Report ${i}. ${paragraph.repeat(8)}`;
    documents.push({ id, sourceId: null, title: `Report ${i}`, url: null, publishedAt: null, retrievedAt: backup.exportedAt, text, contentHash: createHash("sha256").update(text).digest("hex"), attribution: null, createdById: null, createdAt: backup.exportedAt });
    events.push({ id: randomUUID(), actorId: null, actorLabel: "Importer", entityType: "document", entityId: id, action: "created", before: null, after: { title: `Report ${i}` }, at: backup.exportedAt });
  }
  return { ...backup, documents, events };
}

describe(`a large restore (${kind})`, () => {
  let database: TestDatabase | undefined;
  let server: AppServer;
  let admin: ApiClient;

  beforeAll(async () => {
    database = await freshDatabase("restore");
    server = await AppServer.start({ name: "restore", port: await freePort(), ...database.server });
    admin = await signIn(server.url);
  });

  afterAll(async () => {
    admin?.close();
    await server?.kill();
    await database?.drop();
  });

  it(`restores ${DOCUMENTS.toLocaleString("en")} documents while /api/health keeps answering within ${HEALTH_BUDGET_MS} ms`, async () => {
    const backup = await admin.get<Backup>("/api/admin/backup");
    expect(backup.status).toBe(200);
    const body = JSON.stringify(enlarged(backup.json, DOCUMENTS));
    console.log(`[restore] backup of ${(body.length / 1024 / 1024).toFixed(1)} MB`);
    // Load the route and the worker's code once, so the measured restore is not the first.
    await admin.post("/api/admin/restore", {});

    const latencies: number[] = [];
    let restoring = true;
    const poll = (async () => {
      while (restoring) {
        const started = performance.now();
        const reply = await httpRequest(`${server.url}/api/health`, { timeoutMs: 30_000 });
        expect(reply.status).toBe(200);
        latencies.push(performance.now() - started);
        await sleep(50);
      }
    })();
    const started = performance.now();
    const restored = await admin.request<{ counts: { documents: number } }>("POST", "/api/admin/restore", { body, headers: { "content-type": "application/json" }, timeoutMs: 280_000 });
    const seconds = (performance.now() - started) / 1000;
    restoring = false;
    await poll;

    expect(restored.status, restored.text.slice(0, 300)).toBe(201);
    expect(restored.json.counts.documents).toBe(backup.json.documents.length + DOCUMENTS);
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = sorted[Math.floor(sorted.length / 2)]!;
    const max = sorted[sorted.length - 1]!;
    console.log(`[restore] ${seconds.toFixed(1)} s; /api/health answered ${latencies.length} times meanwhile: p50 ${p50.toFixed(0)} ms, max ${max.toFixed(0)} ms`);
    // Polled all along (a blocked server answers once at the end, late), and never slow.
    expect(latencies.length).toBeGreaterThan(seconds * 2);
    expect(max).toBeLessThan(HEALTH_BUDGET_MS);
  }, 300_000);
});
