// Database commands (package.json `db:*` scripts and `npm start`):
//   migrate <name>  write a new migration from the schema diff (run on an empty in-memory PGlite)
//   deploy          apply pending migrations to the configured database
//   reset           drop everything, re-apply all migrations and seed
//   seed            seed the demo team (idempotent)
//   prepare         deploy, then seed if the database has no team yet (what `npm start` runs)
//   backup <file>   write the whole database (accounts, sanctions lists and every team) to a JSON file
//   restore <file>  load such a file into an empty, migrated database (ids kept): how to move
//                   from PGlite to PostgreSQL (README, "Moving to PostgreSQL")
import { PGlite } from "@electric-sql/pglite";
import { AwaitedScriptsPGlite } from "@/lib/db/connection";
import { readFileSync, rmSync, statSync } from "node:fs";
import { env } from "@/lib/env";
import { createMigration, deployMigrations, withDeployLock } from "@/lib/db/migrations";
import { closeDatabase, databaseAdapter, db } from "@/lib/db/client";
import { seedTrackedEntities } from "@/lib/seed/entities";
import { seedSanctionsList } from "@/lib/seed/sanctions-list";
import { seedDemoTeam, hasAnyTeam } from "@/lib/seed/seed";
import { writeJsonFile } from "@/lib/backup/json-file";
import { exportDatabase, importDatabase } from "@/lib/services/backup";

// One process opens the database once: PGlite's data directory belongs to one PGlite instance.
async function deploy() {
  const { databaseUrl } = env();
  const apply = () => deployMigrations(databaseAdapter());
  const applied = databaseUrl ? await withDeployLock(databaseUrl, apply) : await apply();
  console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database schema is up to date.");
}

async function seed(onlyIfEmpty: boolean) {
  if (onlyIfEmpty && (await hasAnyTeam())) return;
  console.log(await seedDemoTeam());
  if (env().seedSanctionsList) console.log(await seedSanctionsList());
  console.log(await seedTrackedEntities());
}

async function reset() {
  const { databaseUrl, pgliteDataDir } = env();
  if (databaseUrl) {
    await db.$executeRawUnsafe("DROP SCHEMA public CASCADE");
    await db.$executeRawUnsafe("CREATE SCHEMA public");
  } else if (!pgliteDataDir.startsWith("memory://")) {
    rmSync(pgliteDataDir, { recursive: true, force: true });
  }
  await deploy();
  await seed(false);
}

async function migrate(name = "change") {
  // Diffed against an empty in-memory database: the committed history is replayed in a shadow database.
  const pglite = new PGlite("memory://");
  try {
    const dir = await createMigration(new AwaitedScriptsPGlite(pglite), name);
    console.log(dir ? `Created ${dir}` : "No schema changes: no migration created.");
  } finally {
    await pglite.close();
  }
}

async function backup(file?: string) {
  if (!file) throw new Error("usage: npm run db:backup -- <file.json>");
  const started = performance.now();
  const data = await exportDatabase(db);
  await writeJsonFile(file, data);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const megabytes = (statSync(file).size / 1024 / 1024).toFixed(1);
  console.log(
    `Wrote ${file} (${megabytes} MB in ${seconds} s): ${data.users.length} accounts, ${data.teams.length} teams, ` +
      `${data.teams.reduce((n, t) => n + t.issues.length, 0)} issues, ${data.sanctionsLists.length} sanctions lists, ${data.sanctionsEntries.length} entries.`,
  );
}

async function restore(file?: string) {
  if (!file) throw new Error("usage: npm run db:restore -- <file.json>");
  await deploy();
  const data = await importDatabase(db, JSON.parse(readFileSync(file, "utf8")));
  console.log(`Restored ${file}: ${data.users.length} accounts, ${data.teams.length} teams, ${data.sanctionsLists.length} sanctions lists, ${data.sanctionsEntries.length} entries.`);
}

const commands: Record<string, (arg?: string) => Promise<void>> = {
  migrate,
  deploy,
  seed: () => seed(false),
  prepare: async () => {
    await deploy();
    await seed(true);
    const { appUrl, seedAdmin } = env();
    const password = seedAdmin.isDefault ? seedAdmin.password : "(your SEED_ADMIN_PASSWORD)";
    console.log(`\nSanctions Watch: open ${appUrl} and sign in as ${seedAdmin.email} / ${password}\n`);
  },
  reset,
  backup,
  restore,
};

const [command = "", arg] = process.argv.slice(2);
const run = commands[command];
if (!run) {
  console.error(`usage: tsx scripts/db.ts ${Object.keys(commands).join(" | ")}`);
  process.exit(2);
}
try {
  await run(arg);
} finally {
  await closeDatabase();
}
