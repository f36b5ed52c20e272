import "server-only";
import { databaseKind, db } from "@/lib/db/client";
import packageJson from "@/package.json";

/** Liveness with a real round trip to the database. */
export async function checkHealth() {
  await db.$queryRaw`SELECT 1`;
  return { status: "ok" as const, db: databaseKind(), version: packageJson.version };
}
