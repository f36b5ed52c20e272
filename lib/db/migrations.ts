import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

// Prisma's migrations through its official WebAssembly schema engine, so no native engine has to be
// downloaded (docs/decisions/001-migrations-without-native-engines.md). Same folder format and
// `_prisma_migrations` bookkeeping as `prisma migrate deploy`.

const root = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const migrationsDir = path.join(root, "prisma/migrations");
const lockfilePath = path.join(migrationsDir, "migration_lock.toml");
const filters = { externalTables: [], externalEnums: [] };

let wasmReady: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    // The package exports only its JS; the .wasm sits beside it.
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return wasmReady;
}

async function openEngine(adapter: SqlMigrationAwareDriverAdapterFactory) {
  await loadWasm();
  const schema = readFileSync(schemaPath, "utf8");
  return bg.SchemaEngine.new(
    { datamodels: [[schemaPath, schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
}

/** The committed migration history, in the shape the engine reads. */
export function migrationsList() {
  const directories = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort()
    : [];
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockfilePath, content: existsSync(lockfilePath) ? readFileSync(lockfilePath, "utf8") : 'provider = "postgresql"\n' },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") },
      },
    })),
  };
}

/** Applies pending migrations; returns the names applied now. */
export async function deployMigrations(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openEngine(adapter);
  try {
    const result = await engine.applyMigrations({ migrationsList: migrationsList(), filters });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** Our own advisory lock key for deploys ("swdeploy"), distinct from the one Prisma takes inside. */
export const DEPLOY_LOCK = 0x73776470;

/**
 * Runs `deploy` while holding a PostgreSQL session lock of our own, waited for without a timeout.
 * Several instances starting together take turns: the first applies the migrations, the others then
 * find nothing to apply. (Prisma's own lock gives up after 10 s, and its timed-out lock request stays
 * queued on a connection the schema engine never closes, so a long migration must not be raced.)
 */
export async function withDeployLock<T>(databaseUrl: string, deploy: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [DEPLOY_LOCK]);
    return await deploy();
  } finally {
    await client.end(); // the session ends, and its lock with it
  }
}

/**
 * The SQL that takes the committed migration history (replayed in a shadow database) to the current
 * schema; empty when the migrations already match it.
 */
export async function pendingSchemaSql(adapter: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const engine = await openEngine(adapter);
  try {
    const list = migrationsList();
    const result = await engine.diff({
      from: list.migrationDirectories.length ? { tag: "migrations", ...list } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }] },
      script: true,
      exitCode: null,
      filters,
    });
    const sql = result.stdout ?? "";
    return sql.includes("This is an empty migration") ? "" : sql.trim();
  } finally {
    engine.free();
  }
}

/** Writes a new migration folder for the pending schema change; returns its path, or null when there is none. */
export async function createMigration(adapter: SqlMigrationAwareDriverAdapterFactory, name: string): Promise<string | null> {
  const sql = await pendingSchemaSql(adapter);
  if (!sql) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const dir = path.join(migrationsDir, `${stamp}_${name.replace(/[^a-z0-9]+/gi, "_").toLowerCase()}`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(lockfilePath)) writeFileSync(lockfilePath, '# Managed by scripts/db.ts (Prisma migration format)\nprovider = "postgresql"\n');
  writeFileSync(path.join(dir, "migration.sql"), sql + "\n");
  return dir;
}
