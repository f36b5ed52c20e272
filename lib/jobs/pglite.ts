import { types, type PGlite } from "@electric-sql/pglite";
import type PgBoss from "pg-boss";

/**
 * pg-boss on the embedded database, in this process (ENVIRONMENT.md, "Job queue on both databases"). Its
 * statements with parameters go to `query`; its parameterless scripts (schema, locked BEGIN…COMMIT blocks) may hold
 * several statements, which only `exec` runs, answering like `pg` does: one result, or one per statement. PGlite
 * runs them one at a time, between Prisma's, behind the same transaction lock. Prisma's adapter installs its own
 * parsers on the instance (JSON and times as text); pg-boss reads them with PGlite's own, as `pg` would give them.
 */
export function pgliteDb(pglite: PGlite): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (values?.length) return { rows: (await pglite.query(text, values, { parsers: types.parsers })).rows };
      const results = await pglite.exec(text, { parsers: types.parsers });
      return (results.length === 1 ? results[0] : results) as { rows: unknown[] };
    },
  };
}
