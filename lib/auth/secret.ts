import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";

/**
 * A secret the app keeps for itself in the database, made on first use: so that `npm start` on a fresh
 * clone signs sessions with a random secret instead of a value printed in the source, and every
 * instance on one PostgreSQL database uses the same one. One statement makes it or reads it; when two
 * instances make it at once, the one that lost the race reads the winner's on its second try (its
 * first statement's snapshot predates the winner's row).
 */
export async function storedSecret(name: string): Promise<string> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await db.$queryRaw<Array<{ value: string }>>`
      WITH made AS (
        INSERT INTO "app_secret" ("name", "value") VALUES (${name}, ${randomBytes(32).toString("base64url")})
        ON CONFLICT ("name") DO NOTHING RETURNING "value"
      )
      SELECT "value" FROM made UNION ALL SELECT "value" FROM "app_secret" WHERE "name" = ${name} LIMIT 1`;
    if (row) return row.value;
  }
  throw new Error(`Could not make or read the ${name} secret`);
}
