import { Client } from "pg";

/** A database a bench phase runs its server on: how to reach it, and how to remove it afterwards. */
export type PhaseDb = { label: string; env: Record<string, string>; cleanup?: () => Promise<void> };

/** A database of the phase's own next to the bench's PostgreSQL one (`<name>_<suffix>`), made fresh and dropped afterwards. */
export async function ownPostgresDatabase(url: string, suffix: string): Promise<PhaseDb> {
  const own = new URL(url);
  const name = `${own.pathname.slice(1)}_${suffix}`;
  own.pathname = `/${name}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin(`CREATE DATABASE "${name}"`);
  return { label: "postgres", env: { DATABASE_URL: own.toString() }, cleanup: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
