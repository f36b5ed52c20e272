// cron-parser 4 is CommonJS: Node gives its exports to a default import only.
import cronParser from "cron-parser";
import { z } from "zod";

// The server's configuration, validated once at start-up: a wrong value fails loudly here,
// not as a confusing error deep in a request.
/** The development secret earlier versions fell back to: public, so production refuses it. */
export const PUBLIC_DEV_SECRET = "dev-only-secret-change-me-in-production-0123456789";
export const DEMO_ADMIN = { email: "admin@example.org", password: "watch-the-risk-2024" } as const;

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://… for PostgreSQL; unset for the embedded PGlite database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** PGlite data directory; `memory://` keeps the database in memory (tests). */
  PGLITE_DATA_DIR: z.string().default("data/pglite"),
  PORT: z.coerce.number().int().positive().default(3000),
  /** The public origin: cookies and the origin check of mutating requests depend on it. */
  APP_URL: z.url().optional(),
  BETTER_AUTH_SECRET: z.string().min(32).optional(),
  SEED_ADMIN_EMAIL: z.email().optional(),
  SEED_ADMIN_PASSWORD: z.string().min(12).optional(),
  /** How many reverse proxies in front of the app append to X-Forwarded-For; unset or 0 believes none. */
  TRUST_PROXY: z
    .string()
    .regex(/^\d{0,2}$/, "TRUST_PROXY must be the number of trusted proxy hops (0, 1, 2, …)")
    .optional()
    .transform((hops) => Number(hops ?? 0)),
  /** The production server (server.ts) closes connections whose headers, or whole request, take longer. */
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(15_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** Open connections allowed from one address; 0 for no cap (e.g. behind a proxy that caps them). */
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(0).max(100_000).default(64),
  /** Comma-separated emails of the people who may import sanctions lists; default: the seed admin. */
  LIST_ADMINS: z.string().optional(),
  /** 0: the first start does not import the demo's OFAC SDN release (e.g. when current lists come from elsewhere). */
  SEED_SANCTIONS_LIST: z.enum(["0", "1"]).default("1"),
  /** 1 lets the server fetch private, loopback and other internal addresses (lib/fetch); for tests and closed networks. */
  FETCH_ALLOW_PRIVATE: z.enum(["0", "1", ""]).optional(),
  /** Comma-separated host names (or addresses) the server may fetch whatever they resolve to. */
  FETCH_ALLOW_HOSTS: z.string().optional(),
  /** Sanctions list files to import on a schedule: whitespace-separated `https://…` or `list=https://…`. */
  SANCTIONS_LIST_URLS: z.string().optional(),
  /** When to fetch them: a cron expression (UTC); default daily at 06:00. */
  SANCTIONS_LIST_SCHEDULE: z
    .string()
    .trim()
    .default("0 6 * * *")
    .refine((cron) => isCron(cron), "SANCTIONS_LIST_SCHEDULE must be a cron expression of five fields, e.g. 0 6 * * *"),
  /** smtp://user:pass@host:587 or smtps://…: email notifications (issue 15); unset, email is off. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The From of notification emails, e.g. "Sanctions Watch <alerts@example.org>". */
  MAIL_FROM: z.string().trim().min(3).optional(),
});

function isCron(expression: string): boolean {
  if (expression.split(/\s+/).length !== 5) return false;
  try {
    cronParser.parseExpression(expression);
    return true;
  } catch {
    return false;
  }
}

/** A list file to import on a schedule: its list's slug when given, else the list its format belongs to. */
export type ScheduledList = { list?: string; url: string };

/** `SANCTIONS_LIST_URLS`: each whitespace-separated item is a URL, or `slug=URL` to say which list the file is. */
export function parseListUrls(value: string | undefined): ScheduledList[] {
  const items = (value ?? "").split(/\s+/).filter(Boolean);
  return items.map((item) => {
    const named = /^([a-z0-9][a-z0-9-]{1,39})=(.+)$/.exec(item);
    const url = named ? named[2]! : item;
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new Error(`Invalid configuration: SANCTIONS_LIST_URLS: "${item}" is not an http(s) URL or list=URL`);
    }
    return named ? { list: named[1]!, url } : { url };
  });
}

export type Env = {
  nodeEnv: "development" | "production" | "test";
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  port: number;
  appUrl: string;
  /** Unset: the app makes one and keeps it in the database (lib/auth/secret.ts). */
  authSecret: string | undefined;
  seedAdmin: { email: string; password: string; isDefault: boolean };
  /** Whether the first start imports the demo's sanctions list release. */
  seedSanctionsList: boolean;
  trustProxyHops: number;
  server: { headersTimeoutMs: number; requestTimeoutMs: number; maxConnectionsPerAddress: number };
  /** Lowercased. */
  listAdmins: string[];
  /** What lib/fetch may reach beyond public addresses. Host names lowercased. */
  fetch: { allowPrivate: boolean; allowHosts: string[] };
  sanctionsLists: { urls: ScheduledList[]; schedule: string };
  /** Email notifications; null when SMTP_URL is unset (email off). */
  mail: { smtpUrl: string; from: string } | null;
};

export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  if (e.HEADERS_TIMEOUT_MS > e.REQUEST_TIMEOUT_MS) {
    throw new Error("Invalid configuration: HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (the headers are part of the request)");
  }
  if (e.NODE_ENV === "production" && e.BETTER_AUTH_SECRET === PUBLIC_DEV_SECRET) {
    // Anyone who read the source could sign session cookies with it.
    throw new Error("Invalid configuration: BETTER_AUTH_SECRET is the public development value; set a random one (openssl rand -base64 32) or unset it");
  }
  return {
    nodeEnv: e.NODE_ENV,
    databaseUrl: e.DATABASE_URL,
    pgliteDataDir: e.PGLITE_DATA_DIR,
    port: e.PORT,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    authSecret: e.BETTER_AUTH_SECRET,
    seedAdmin: {
      email: e.SEED_ADMIN_EMAIL ?? DEMO_ADMIN.email,
      password: e.SEED_ADMIN_PASSWORD ?? DEMO_ADMIN.password,
      isDefault: e.SEED_ADMIN_PASSWORD === undefined,
    },
    seedSanctionsList: e.SEED_SANCTIONS_LIST === "1",
    trustProxyHops: e.TRUST_PROXY,
    server: { headersTimeoutMs: e.HEADERS_TIMEOUT_MS, requestTimeoutMs: e.REQUEST_TIMEOUT_MS, maxConnectionsPerAddress: e.MAX_CONNECTIONS_PER_ADDRESS },
    fetch: { allowPrivate: e.FETCH_ALLOW_PRIVATE === "1", allowHosts: commaList(e.FETCH_ALLOW_HOSTS) },
    listAdmins: commaList(e.LIST_ADMINS ?? e.SEED_ADMIN_EMAIL ?? DEMO_ADMIN.email),
    sanctionsLists: { urls: parseListUrls(e.SANCTIONS_LIST_URLS), schedule: e.SANCTIONS_LIST_SCHEDULE },
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? `Sanctions Watch <no-reply@${new URL(e.APP_URL ?? "http://localhost").hostname}>` } : null,
  };
}

/** "a, B ,," → ["a", "b"]. */
function commaList(value: string | undefined): string[] {
  return (value ?? "").split(",").map((item) => item.trim().toLowerCase()).filter(Boolean);
}

let cached: Env | undefined;
/** The process's configuration (read once). */
export function env(): Env {
  cached ??= readEnv();
  return cached;
}
