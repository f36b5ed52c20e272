// Where the benchmark datasets live and when they are regenerated.
// - PGlite: a generated data directory cached under data/bench-cache/, keyed by a fingerprint of the
//   migrations folder, the generator version and the sizes; each run works on a fresh copy of it.
// - PostgreSQL: one team (slug bench-<fingerprint>) in the given database, next to whatever else is
//   there; other teams are never touched. A stale benchmark team is purged and regenerated.
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { AwaitedScriptsPGlite, WholeScriptPrismaPg } from "@/lib/db/connection";
import { deployMigrations, migrationsDir } from "@/lib/db/migrations";
import { GENERATOR_VERSION, generateDataset, type DatasetManifest, type Sizes, type SqlRunner } from "./dataset";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CACHE_DIR = path.join(ROOT, "data/bench-cache");
export const RUN_DIR = path.join(ROOT, "data/bench-run");
const MANIFEST = "bench-dataset.json";

export function fingerprint(sizes: Sizes): string {
  const hash = createHash("sha256").update(JSON.stringify({ GENERATOR_VERSION, sizes }));
  for (const name of readdirSync(migrationsDir).sort()) {
    const file = path.join(migrationsDir, name, "migration.sql");
    hash.update(name);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  // A data directory written by one PGlite version may not open in another.
  hash.update(JSON.parse(readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version);
  return hash.digest("hex");
}

function pgliteRunner(db: PGlite): SqlRunner {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await db.query<T>(sql, params)).rows,
    exec: async (sql: string) => {
      await db.exec(sql);
    },
  };
}

export function pgRunner(client: pg.Client): SqlRunner {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
    exec: async (sql: string) => {
      await client.query(sql);
    },
  };
}

export type PgliteDataset = { manifest: DatasetManifest; cacheDir: string; generated: boolean; seconds: number };

/** The cached PGlite dataset of these sizes, generated when missing or stale. */
export async function ensurePgliteDataset(name: string, sizes: Sizes, log: (m: string) => void, track: (db: PGlite | null) => void): Promise<PgliteDataset> {
  const fp = fingerprint(sizes);
  const dir = path.join(CACHE_DIR, `pglite-${name}-${fp.slice(0, 12)}`);
  const manifestPath = path.join(dir, MANIFEST);
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const entry of readdirSync(CACHE_DIR)) {
    if (entry.startsWith(`pglite-${name}-`) && path.join(CACHE_DIR, entry) !== dir) {
      log(`Removing the stale dataset ${entry}`);
      rmSync(path.join(CACHE_DIR, entry), { recursive: true, force: true });
    }
  }
  if (existsSync(manifestPath)) {
    return { manifest: JSON.parse(readFileSync(manifestPath, "utf8")), cacheDir: dir, generated: false, seconds: 0 };
  }
  rmSync(dir, { recursive: true, force: true }); // an unfinished earlier attempt
  log(`Generating the ${name} PGlite dataset (${sizes.issues} issues, ${sizes.evidence} evidence, ${sizes.documents} documents) in ${path.relative(ROOT, dir)}`);
  const started = performance.now();
  const db = new PGlite(dir);
  track(db);
  try {
    await deployMigrations(new AwaitedScriptsPGlite(db));
    const manifest = await generateDataset(pgliteRunner(db), { sizes, fingerprint: fp, log });
    await db.close();
    track(null);
    writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
    return { manifest, cacheDir: dir, generated: true, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await db.close().catch(() => {});
    track(null);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A fresh working copy of a cached PGlite dataset (the server and the in-process runs write to it). */
export function copyForRun(cacheDir: string, name: string): string {
  const target = path.join(RUN_DIR, name);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(RUN_DIR, { recursive: true });
  cpSync(cacheDir, target, { recursive: true });
  rmSync(path.join(target, "sanctions-watch.lock"), { force: true });
  return target;
}

export type PostgresDataset = { manifest: DatasetManifest; generated: boolean; seconds: number };

export function assertLocalDatabase(url: string) {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]", ""].includes(host) && process.env.BENCH_ALLOW_REMOTE !== "1") {
    throw new Error(`The benchmark only loads a local PostgreSQL (got host ${host}); set BENCH_ALLOW_REMOTE=1 to override.`);
  }
}

/** The benchmark team in this PostgreSQL database, generated when missing or stale. */
export async function ensurePostgresDataset(url: string, sizes: Sizes, log: (m: string) => void): Promise<PostgresDataset> {
  assertLocalDatabase(url);
  const fp = fingerprint(sizes);
  const slug = `bench-${fp.slice(0, 12)}`;
  // Apply pending migrations as `npm start` would.
  await deployMigrations(new WholeScriptPrismaPg({ connectionString: url }));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const sql = pgRunner(client);
    const manifestRows = await sql.query<{ value: string }>(
      `SELECT e."after"::text AS value FROM "event" e JOIN "team" t ON t."id" = e."teamId"
       WHERE t."slug" = $1 AND e."entityType" = 'team' AND e."action" = 'bench_dataset' LIMIT 1`,
      [slug],
    );
    if (manifestRows[0]) return { manifest: JSON.parse(manifestRows[0].value) as DatasetManifest, generated: false, seconds: 0 };

    const stale = await sql.query<{ id: string; slug: string }>(`SELECT "id", "slug" FROM "team" WHERE "slug" LIKE 'bench-%'`);
    for (const team of stale) {
      log(`Purging the stale benchmark team ${team.slug} from PostgreSQL`);
      await purgeTeam(sql, team.id);
    }
    log(`Generating the PostgreSQL dataset (${sizes.issues} issues, ${sizes.evidence} evidence, ${sizes.documents} documents)`);
    const started = performance.now();
    const manifest = await generateDataset(sql, { sizes, fingerprint: fp, log });
    // The manifest is kept as the team's last history event: it marks the dataset complete.
    await sql.query(
      `INSERT INTO "event" ("id", "teamId", "actorId", "actorLabel", "entityType", "entityId", "action", "after", "at")
       VALUES (gen_random_uuid()::text, $1, $2, 'Benchmark', 'team', $1, 'bench_dataset', $3::jsonb, now())`,
      [manifest.teamId, manifest.userId, JSON.stringify(manifest)],
    );
    return { manifest, generated: true, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** Removes a benchmark team with everything in it, history included (the sanctioned purge), and its users. */
async function purgeTeam(sql: SqlRunner, teamId: string) {
  await sql.exec("BEGIN");
  try {
    await sql.query(`SELECT set_config('sanctions_watch.purge', 'on', true)`);
    const users = await sql.query<{ userId: string }>(`SELECT "userId" FROM "membership" WHERE "teamId" = $1`, [teamId]);
    await sql.query(`DELETE FROM "team" WHERE "id" = $1`, [teamId]);
    for (const { userId } of users) {
      await sql.query(`DELETE FROM "user" WHERE "id" = $1 AND "email" LIKE '%@bench.test' AND NOT EXISTS (SELECT 1 FROM "membership" m WHERE m."userId" = $1)`, [userId]);
    }
    await sql.exec("COMMIT");
  } catch (error) {
    await sql.exec("ROLLBACK");
    throw error;
  }
}
