import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Fixed-window rate limits kept in the database, so every app instance counts the same requests.
 * One statement per hit: the counter is created, incremented or restarted atomically.
 */
export type Limit = { limit: number; windowMs: number };

export const limits = {
  /** Sign-in attempts from one address. */
  signInPerAddress: { limit: 20, windowMs: 5 * 60_000 },
  /** Failed sign-ins for one account, whatever the address (guessing one password). */
  signInFailuresPerAccount: { limit: 5, windowMs: 15 * 60_000 },
  /** Requests with one API token. */
  tokenRequests: { limit: Number(process.env.RATE_LIMIT_TOKEN_PER_MINUTE ?? 1200), windowMs: 60_000 },
} satisfies Record<string, Limit>;

export type Verdict = { allowed: boolean; count: number; retryAfterSeconds: number };

/** The fixed window `now` falls in, and how long until the next one starts. */
export function windowOf(now: number, windowMs: number) {
  const start = Math.floor(now / windowMs) * windowMs;
  return { start: new Date(start), retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
}

export const verdictOf = (count: number, { limit }: Limit, retryAfterSeconds: number): Verdict => ({ allowed: count <= limit, count, retryAfterSeconds });

/**
 * The statement that counts one hit of each key `keys` yields (a subquery with one text column):
 * the counter is created, incremented, or restarted when its window has passed. It returns each
 * key's count. Besides hit() below, the token lookup runs it inside its own statement
 * (lib/auth/actor.ts), so that a request with a token costs one round trip, not three.
 */
export function countHits(keys: Prisma.Sql, windowStart: Date): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "rate_limit" ("key", "windowStart", "count") SELECT counted."key", ${windowStart}, 1 FROM ${keys} AS counted("key")
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "rate_limit"."windowStart" = EXCLUDED."windowStart" THEN "rate_limit"."count" + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart"
    RETURNING "count"`;
}

/** Counts one request against `key`; allowed while the count stays within the limit. */
export async function hit(key: string, limit: Limit, now = Date.now()): Promise<Verdict> {
  const window = windowOf(now, limit.windowMs);
  const [row] = await db.$queryRaw<[{ count: number }]>(countHits(Prisma.sql`(VALUES (${key}::text))`, window.start));
  return verdictOf(row.count, limit, window.retryAfterSeconds);
}

export async function clear(key: string) {
  await db.rateLimit.deleteMany({ where: { key } });
}

/**
 * The client's address, when reverse proxies we trust report it (TRUST_PROXY=<hops>). Each proxy
 * appends the address it saw to X-Forwarded-For, so the client is the entry `hops` from the right;
 * entries left of it are whatever the client sent. Without a proxy, a route handler cannot see the
 * socket's address, and a spoofable header must not be believed.
 */
export function clientAddress(headers: Headers, hops = env().trustProxyHops): string | null {
  if (hops < 1) return null;
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  // Fewer entries than proxies: the chain is shorter than configured; the farthest one is the best known.
  const forwarded = entries[Math.max(0, entries.length - hops)];
  return forwarded || headers.get("x-real-ip") || null;
}
