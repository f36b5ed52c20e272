import { WholeScriptPrismaPg } from "@/lib/db/connection";
import { deployMigrations } from "@/lib/db/migrations";

// On PostgreSQL the test files share one database: migrate it once, before any file runs.
// (On PGlite each test file gets its own in-memory database, migrated by lib/testing/db.ts.)
export default async function setup() {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  if (!/@(localhost|127\.0\.0\.1|\[::1\])[:/]|host=\/|@\//.test(url) && process.env.ALLOW_REMOTE_TEST_DATABASE !== "1") {
    throw new Error("Tests refuse a non-local DATABASE_URL (they create and delete data). Set ALLOW_REMOTE_TEST_DATABASE=1 to override.");
  }
  await deployMigrations(new WholeScriptPrismaPg({ connectionString: url }));
}
