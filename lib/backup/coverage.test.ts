import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { BACKUP_COVERAGE } from "./coverage";

// The guard: every table of the migrated database is held by a backup or left out with a reason
// (lib/backup/coverage.ts). Read from the database itself, so a table made by hand-written SQL counts too.

withTestDatabase();

async function tables() {
  const rows = await db.$queryRaw<Array<{ name: string }>>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`;
  return rows.map((row) => row.name);
}

describe("backup coverage", () => {
  it("every table is in a backup or left out with its reason", async () => {
    const forgotten = (await tables()).filter((table) => !(table in BACKUP_COVERAGE));
    expect(forgotten, "Add these tables to lib/backup/coverage.ts: a backup section, or why no backup holds them").toEqual([]);
  });

  it("lists no table the database does not have", async () => {
    const present = new Set(await tables());
    expect(Object.keys(BACKUP_COVERAGE).filter((table) => !present.has(table))).toEqual([]);
  });

  it("gives each table a section or a reason", () => {
    for (const [table, coverage] of Object.entries(BACKUP_COVERAGE)) {
      const placed = "leftOut" in coverage ? coverage.leftOut.length > 0 : Boolean(coverage.team ?? coverage.database);
      expect(placed, table).toBe(true);
    }
  });
});
