import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { sanctionsFixturePath, type SanctionsFixture } from "@/lib/sanctions/fixtures/fixtures";
import { freshDatabase, openSql, type TestDatabase } from "./lib/database";
import { signIn, type ApiClient, type Reply } from "./lib/http";
import { AppServer, freePort, sleep } from "./lib/server";

// Issue 13: "a reliability test that kills the server during an import and finds either the whole release or
// none of it". The 26 April 2024 SDN release is imported and timed; the 1 May release is sent and the server
// gets SIGKILL part-way through its import (at 40 % of the first one's time). After the restart the list has
// either both releases, complete, or only the first; the database holds no entry or change of a release that is
// not there, and each release's stored counts match its rows. Importing the 1 May file again then succeeds
// (201), or answers 409 when the release had landed.

const kind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";
const SDN = "ofac-sdn";

type Release = { id: string; publishedAt: string; entries: number; added: number; removed: number; changed: number };
type Lists = { items: Array<{ slug: string; releases: Release[] }> };

async function upload(client: ApiClient, fixture: SanctionsFixture, publishedAt: string): Promise<Reply<Release>> {
  const form = new FormData();
  form.set("file", new Blob([readFileSync(sanctionsFixturePath(fixture))]), `${fixture}.csv.gz`);
  form.set("list", SDN);
  form.set("publishedAt", publishedAt);
  const request = new Request("http://multipart.invalid", { method: "POST", body: form });
  return client.request<Release>("POST", "/api/sanctions/releases", {
    body: Buffer.from(await request.arrayBuffer()),
    headers: { "content-type": request.headers.get("content-type")! },
    timeoutMs: 120_000,
  });
}

describe(`a sanctions import interrupted by a crash (${kind})`, () => {
  let database: TestDatabase | undefined;
  let server: AppServer | undefined;

  afterAll(async () => {
    await server?.kill();
    await database?.drop();
  });

  it("keeps either the whole release or none of it through a SIGKILL during the import", async () => {
    database = await freshDatabase("sanctions-import");
    server = await AppServer.start({ name: "sanctions-import", port: await freePort(), ...database.server });
    let admin = await signIn(server.url);

    const started = performance.now();
    const april = await upload(admin, "ofacSdn2024Apr26", "2024-04-26");
    const importMs = performance.now() - started;
    expect(april.status, april.text.slice(0, 300)).toBe(201);

    const interrupted = upload(admin, "ofacSdn2024May01", "2024-05-01").then(
      (reply) => `answered ${reply.status}`,
      (error: Error) => `no answer (${error.message.slice(0, 80)})`,
    );
    await sleep(importMs * 0.4);
    const dying = server;
    dying.killGroupNow();
    await dying.kill();
    const outcome = await interrupted;
    admin.close();
    server = await dying.restart();
    admin = await signIn(server.url);

    const lists = await admin.get<Lists>("/api/sanctions/lists");
    expect(lists.status).toBe(200);
    const releases = lists.json.items.find((list) => list.slug === SDN)!.releases;
    const landed = releases.some((release) => release.publishedAt.startsWith("2024-05-01"));
    console.log(`[sanctions-import] first import ${Math.round(importMs)} ms; the killed one: ${outcome}; after the restart the release is ${landed ? "there, whole" : "absent"}`);
    expect(releases).toHaveLength(landed ? 2 : 1);

    const again = await upload(admin, "ofacSdn2024May01", "2024-05-01");
    expect(again.status, again.text.slice(0, 300)).toBe(landed ? 409 : 201);
    if (!landed) expect(again.json).toMatchObject({ entries: 14966, added: 298, removed: 0 });
    admin.close();
    await server.stop();

    // With the server stopped: every stored row belongs to a release that is there, with the counts it states.
    const sql = await openSql(database);
    try {
      const mismatched = await sql.query(`
        SELECT r."id", r."entries", r."added" + r."removed" + r."changed" AS "changes",
          (SELECT count(*)::int FROM "sanctions_entry" e WHERE e."releaseId" = r."id") AS "entryRows",
          (SELECT count(*)::int FROM "sanctions_change" c WHERE c."releaseId" = r."id") AS "changeRows"
        FROM "sanctions_release" r`);
      expect(mismatched).toHaveLength(2);
      for (const row of mismatched) expect(row).toMatchObject({ entryRows: row.entries, changeRows: row.changes });
      const [orphans] = await sql.query<{ entries: number; changes: number }>(`
        SELECT (SELECT count(*)::int FROM "sanctions_entry" e WHERE NOT EXISTS (SELECT 1 FROM "sanctions_release" r WHERE r."id" = e."releaseId")) AS "entries",
          (SELECT count(*)::int FROM "sanctions_change" c WHERE NOT EXISTS (SELECT 1 FROM "sanctions_release" r WHERE r."id" = c."releaseId")) AS "changes"`);
      expect(orphans).toEqual({ entries: 0, changes: 0 });
    } finally {
      await sql.close();
    }
  }, 420_000);
});
