import "server-only";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { openConnection, type Connection } from "./connection";

// One Prisma client per process, on the driver adapter of the configured database.
// Cached on globalThis so Next.js dev reloads do not open the PGlite data directory twice.
type Cached = { connection: Connection; prisma: PrismaClient };
const globalForDb = globalThis as unknown as { sanctionsWatchDb?: Cached };

function open(): Cached {
  const { databaseUrl, pgliteDataDir } = env();
  const connection = openConnection({ databaseUrl, pgliteDataDir });
  return { connection, prisma: new PrismaClient({ adapter: connection.adapter }) };
}

function cached(): Cached {
  globalForDb.sanctionsWatchDb ??= open();
  return globalForDb.sanctionsWatchDb;
}

/** The Prisma client. Only services import it; pages and routes go through the services. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  // Opened on first use, so importing a service does not open the database (e.g. during `next build`).
  get(_target, property) {
    const client = cached().prisma;
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export function databaseKind() {
  return cached().connection.kind;
}

/** The embedded PGlite database when there is one (not on PostgreSQL): the job queue runs on it in-process. */
export function databasePglite() {
  return cached().connection.pglite;
}

/** The adapter under the client: for running migrations in the same process (tests). */
export function databaseAdapter() {
  return cached().connection.adapter;
}

export async function closeDatabase() {
  const current = globalForDb.sanctionsWatchDb;
  if (!current) return;
  globalForDb.sanctionsWatchDb = undefined;
  await current.prisma.$disconnect();
  await current.connection.close();
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
