import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { ROOT, isAlive } from "./server";

// The database under a test server: a fresh PGlite directory (the default pass), or a fresh
// PostgreSQL database made next to the one in DATABASE_URL (the PostgreSQL pass). The tests read it
// with SQL once the server has stopped, to see what really is on disk.

export type TestDatabase = {
  kind: "pglite" | "postgres";
  /** For AppServer: `{ databaseUrl }` or `{ dataDir }`. */
  server: { databaseUrl?: string; dataDir?: string };
  /** Absolute path of the PGlite directory. */
  dataDir?: string;
  drop(): Promise<void>;
};

/** The PostgreSQL pass sets DATABASE_URL; without it the suite runs on PGlite. */
export const postgresUrl = (): string | undefined => process.env.DATABASE_URL || undefined;

const uniqueName = (label: string) => `${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;

/** A database nobody else uses: a new PGlite directory or a new PostgreSQL database. */
export async function freshDatabase(label: string): Promise<TestDatabase> {
  const url = postgresUrl();
  return url ? freshPostgres(url, label) : freshPglite(label);
}

export function freshPglite(label: string): TestDatabase {
  const relative = `data/reliability-${uniqueName(label).replace(/_/g, "-")}`;
  const dataDir = path.join(ROOT, relative);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    kind: "pglite",
    server: { dataDir: relative },
    dataDir,
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function freshPostgres(baseUrl: string, label: string): Promise<TestDatabase> {
  assertLocal(baseUrl);
  const name = `sw_rel_${uniqueName(label)}`.toLowerCase();
  await withClient(baseUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    kind: "postgres",
    server: { databaseUrl: url.toString() },
    drop: () => withClient(baseUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

/** Like lib/testing/global-setup.ts: these tests create and drop databases, so only on this machine. */
function assertLocal(url: string) {
  if (!/@(localhost|127\.0\.0\.1|\[::1\])[:/]|host=\/|@\//.test(url) && process.env.ALLOW_REMOTE_TEST_DATABASE !== "1") {
    throw new Error("The reliability suite refuses a non-local DATABASE_URL (it creates and drops databases). Set ALLOW_REMOTE_TEST_DATABASE=1 to override.");
  }
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export type Sql = {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
};

/**
 * Opens the database directly, with the server stopped. On PGlite this takes the data directory's
 * lock the way lib/db/connection.ts does (a live owner is an error), so a forgotten server shows.
 */
export async function openSql(database: TestDatabase): Promise<Sql> {
  if (database.kind === "postgres") {
    const client = new pg.Client({ connectionString: database.server.databaseUrl });
    await client.connect();
    return {
      query: async <T>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as T[],
      close: () => client.end(),
    };
  }
  const dir = database.dataDir!;
  const lock = path.join(dir, "sanctions-watch.lock");
  if (existsSync(lock)) {
    const owner = Number(readFileSync(lock, "utf8"));
    if (owner && isAlive(owner)) throw new Error(`${dir} is still open in pid ${owner}`);
    rmSync(lock, { force: true });
  }
  writeFileSync(lock, String(process.pid), { flag: "wx" });
  const pglite = new PGlite(dir);
  try {
    await pglite.waitReady;
  } catch (error) {
    rmSync(lock, { force: true });
    throw error;
  }
  return {
    query: async <T>(text: string, params?: unknown[]) => (await pglite.query<T>(text, params)).rows,
    close: async () => {
      await pglite.close();
      rmSync(lock, { force: true });
    },
  };
}

/**
 * The invariants of the history, on the whole database. Each entry names a record that breaks one;
 * an empty list means: every issue, document and evidence row has the event that records its
 * creation, no event refers to a row that is not there, and each issue's version is 1 + the number
 * of its recorded changes, with one change event per version. (The seed stores its reference
 * article without a "created" event: pass its id in `seededDocuments`.)
 */
export async function historyProblems(sql: Sql, options: { seededDocuments?: string[] } = {}): Promise<string[]> {
  const problems: string[] = [];
  const report = (label: string, rows: Array<Record<string, unknown>>) => {
    for (const row of rows.slice(0, 20)) problems.push(`${label}: ${JSON.stringify(row)}`);
    if (rows.length > 20) problems.push(`${label}: … ${rows.length - 20} more`);
  };

  report(
    "issue without exactly one created event",
    await sql.query(`
      SELECT i.id, (SELECT count(*)::int FROM event e WHERE e."entityType" = 'issue' AND e."entityId" = i.id AND e.action = 'created') AS created
      FROM issue i
      WHERE (SELECT count(*) FROM event e WHERE e."entityType" = 'issue' AND e."entityId" = i.id AND e.action = 'created') <> 1`),
  );
  report(
    "issue event without its issue",
    await sql.query(`
      SELECT e.id, e.action, e."entityId" FROM event e
      WHERE e."entityType" = 'issue' AND NOT EXISTS (SELECT 1 FROM issue i WHERE i.id = e."entityId")`),
  );
  report(
    "evidence without its evidence_added event",
    await sql.query(`
      SELECT v.id, v."issueId" FROM evidence v
      WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e."entityType" = 'evidence' AND e."entityId" = v.id
                          AND e.action = 'evidence_added' AND e.after->>'issueId' = v."issueId")`),
  );
  report(
    "evidence_added event without its evidence",
    await sql.query(`
      SELECT e.id, e."entityId" FROM event e
      WHERE e."entityType" = 'evidence' AND e.action = 'evidence_added'
        AND NOT EXISTS (SELECT 1 FROM evidence v WHERE v.id = e."entityId")
        AND NOT EXISTS (SELECT 1 FROM event r WHERE r."entityType" = 'evidence' AND r."entityId" = e."entityId" AND r.action = 'evidence_removed')`),
  );
  report(
    "document without its created event",
    await sql.query(`
      SELECT d.id FROM document d
      WHERE NOT (d.id = ANY($1))
        AND NOT EXISTS (SELECT 1 FROM event e WHERE e."entityType" = 'document' AND e."entityId" = d.id AND e.action = 'created')`,
      [options.seededDocuments ?? []],
    ),
  );
  report(
    "document event without its document",
    await sql.query(`
      SELECT e.id, e.action, e."entityId" FROM event e
      WHERE e."entityType" = 'document' AND NOT EXISTS (SELECT 1 FROM document d WHERE d.id = e."entityId")`),
  );

  // Versions: every change of an issue (updateIssue, delete, restore) adds 1 and records one event;
  // the changes made by updateIssue name the version they produced.
  const issues = await sql.query<{ id: string; version: number; status: string }>(`SELECT id, version, status::text AS status FROM issue`);
  const events = await sql.query<{ entityId: string; action: string; version: number | null; status: string | null }>(`
    SELECT e."entityId", e.action, (e.after->>'version')::int AS version, e.after->>'status' AS status
    FROM event e
    WHERE e."entityType" = 'issue' AND e.action IN ('created', 'status_changed', 'likelihood_changed', 'updated', 'deleted', 'restored')`);
  const byIssue = new Map<string, typeof events>();
  for (const event of events) byIssue.set(event.entityId, [...(byIssue.get(event.entityId) ?? []), event]);
  for (const issue of issues) {
    const own = byIssue.get(issue.id) ?? [];
    const changes = own.filter((e) => e.action !== "created");
    if (issue.version !== 1 + changes.length) {
      problems.push(`issue ${issue.id}: version ${issue.version} but ${changes.length} change events`);
      continue;
    }
    const versions = changes.filter((c) => c.version !== null).map((c) => c.version!);
    if (new Set(versions).size !== versions.length || versions.some((v) => v < 2 || v > issue.version)) {
      problems.push(`issue ${issue.id}: version ${issue.version}, change events name versions ${versions.sort((a, b) => a - b).join(",")}`);
    }
    // Only a status move changes the status: the issue's is the one its last move (or its creation) recorded.
    const moves = changes.filter((c) => c.action === "status_changed").sort((a, b) => (a.version ?? 0) - (b.version ?? 0));
    const expected = moves.at(-1)?.status ?? own.find((e) => e.action === "created")?.status;
    if (expected && expected !== issue.status) {
      problems.push(`issue ${issue.id}: status ${issue.status} but its history says ${expected}`);
    }
  }
  return problems;
}
