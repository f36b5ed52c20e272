import { afterAll, beforeAll } from "vitest";
import { closeDatabase, databaseAdapter, databaseKind } from "@/lib/db/client";
import { deployMigrations } from "@/lib/db/migrations";

/**
 * Call at the top of a test file that touches the database. PGlite: a fresh in-memory database for
 * this file, migrated from empty. PostgreSQL: the shared test database (migrated by global-setup);
 * tests isolate themselves by creating their own team.
 */
export function withTestDatabase() {
  beforeAll(async () => {
    if (databaseKind() === "pglite") await deployMigrations(databaseAdapter());
  });
  afterAll(async () => {
    await closeDatabase();
  });
}
