import { PGlite } from "@electric-sql/pglite";
import { WholeScriptPrismaPg } from "@/lib/db/connection";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { AwaitedScriptsPGlite } from "./connection";
import { DEPLOY_LOCK, deployMigrations, migrationsList, pendingSchemaSql, withDeployLock } from "./migrations";

const databaseUrl = process.env.DATABASE_URL;

async function tableNames(query: (sql: string) => Promise<{ rows: Array<{ table_name: string }> }>) {
  const result = await query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
  return result.rows.map((r) => r.table_name);
}

const expectedTables = ["_prisma_migrations", "account", "api_token", "app_secret", "briefing", "briefing_schedule", "briefing_schedule_run", "capture", "category", "comment", "document", "email_preference", "entity", "entity_document", "entity_issue", "event", "evidence", "evidence_tally", "evidence_week", "feed", "follow", "hit", "inbox_item", "invitation", "issue", "membership", "notification", "notification_feed_token", "rate_limit", "relevance_model", "review_reminder", "sanctions_change", "sanctions_entry", "sanctions_list", "sanctions_list_download", "sanctions_release", "security_event_repeat", "session", "source", "team", "user", "verification", "webhook", "webhook_attempt", "webhook_delivery"];

// Each test builds whole databases from empty: seconds alone, a minute and more on a busy machine.
describe("migrations", { timeout: 120_000 }, () => {
  it("apply from empty on PGlite, once", async () => {
    const pglite = new PGlite("memory://");
    const adapter = new AwaitedScriptsPGlite(pglite);
    expect(await deployMigrations(adapter)).toEqual(migrationsList().migrationDirectories.map((d) => d.path));
    expect(await tableNames((sql) => pglite.query(sql))).toEqual(expectedTables);
    expect(await deployMigrations(adapter)).toEqual([]);
    await pglite.close();
  });

  it.runIf(databaseUrl)("apply from empty on PostgreSQL, once, one instance at a time", async () => {
    // A throwaway database beside the test database, so "from empty" really is empty.
    const name = `sw_migrate_${Date.now()}`;
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const url = new URL(databaseUrl!);
      url.pathname = `/${name}`;
      const adapter = new WholeScriptPrismaPg({ connectionString: url.toString() });
      expect((await deployMigrations(adapter)).length).toBe(migrationsList().migrationDirectories.length);
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      expect(await tableNames((sql) => client.query(sql))).toEqual(expectedTables);
      expect(await deployMigrations(adapter)).toEqual([]);

      // Another instance deploying holds the deploy lock: this one waits its turn, however long.
      await client.query("SELECT pg_advisory_lock($1)", [DEPLOY_LOCK]);
      let done = false;
      const waiting = withDeployLock(url.toString(), () => deployMigrations(adapter)).finally(() => (done = true));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(done).toBe(false);
      await client.query("SELECT pg_advisory_unlock($1)", [DEPLOY_LOCK]);
      expect(await waiting).toEqual([]);
      await client.end();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it("match the schema: every schema change has its migration", async () => {
    const pglite = new PGlite("memory://");
    const sql = await pendingSchemaSql(new AwaitedScriptsPGlite(pglite));
    expect(sql, "run `npm run db:migrate -- <name>` and commit the new migration").toBe("");
    await pglite.close();
  });

  it("keep the history append-only", async () => {
    const pglite = new PGlite("memory://");
    await deployMigrations(new AwaitedScriptsPGlite(pglite));
    await pglite.query(`INSERT INTO event (id, "actorLabel", "entityType", "entityId", action) VALUES ('e1', 'test', 'issue', 'i1', 'created')`);
    await expect(pglite.query(`UPDATE event SET action = 'forged' WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
    await expect(pglite.query(`DELETE FROM event WHERE id = 'e1'`)).rejects.toThrow(/append-only/);
    await pglite.close();
  });
});
