import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

export type DatabaseKind = "pglite" | "postgres";

export type DatabaseTarget = { databaseUrl?: string | undefined; pgliteDataDir: string };

/** An opened database: the driver adapter Prisma runs on, and how to let go of it. */
export type Connection = {
  kind: DatabaseKind;
  adapter: SqlMigrationAwareDriverAdapterFactory;
  /** The embedded database itself, for what runs beside Prisma in this process (the job queue). */
  pglite?: PGlite;
  close: () => Promise<void>;
};

// PGlite is one Postgres backend in this process. It runs one statement at a time and holds an
// open transaction exclusively (its transaction mutex), so concurrent requests are serialized
// rather than interleaved. Inside a transaction, use only the transaction's client.
export function openConnection(target: DatabaseTarget): Connection {
  if (target.databaseUrl) {
    const adapter = new WholeScriptPrismaPg({ connectionString: target.databaseUrl, max: 10 });
    return { kind: "postgres", adapter, close: async () => {} };
  }
  const dataDir = target.pgliteDataDir;
  if (dataDir.startsWith("memory://")) {
    const pglite = openPGlite(dataDir);
    return { kind: "pglite", adapter: new AwaitedScriptsPGlite(pglite), pglite, close: () => pglite.close() };
  }
  mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  const pglite = openPGlite(dataDir);
  return {
    kind: "pglite",
    adapter: new AwaitedScriptsPGlite(pglite),
    pglite,
    close: async () => {
      await pglite.close();
      release();
    },
  };
}

/**
 * PGlite with one setting of its own. PostgreSQL fills each new 16 MB WAL segment with zeros before using it; here
 * that ran in the request thread, once every ~13 events that notify 1,000 followers, and made the slowest commits
 * (80–111 ms against a p50 of 43; bench/README.md, "Alerts"). `wal_init_zero=off` only sizes the file, as
 * PostgreSQL offers for file systems that gain nothing from the zeros; recovery does not read them (each WAL
 * record carries its own checksum).
 */
function openPGlite(dataDir: string): PGlite {
  return new PGlite(dataDir, { startParams: [...PGlite.defaultStartParams, "-c", "wal_init_zero=off"] });
}

/**
 * Two processes opening one PGlite data directory corrupt it (each is a whole Postgres with no
 * shared locking). A lock file holding the owner's pid turns that into a clear error; a lock left
 * by a process that no longer runs is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "sanctions-watch.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      const release = () => rmSync(lockPath, { force: true });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The database in ${dataDir} is open in another process (pid ${owner}). Stop it first, ` +
            "or use PostgreSQL (DATABASE_URL) to run several processes on one database.",
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the database in ${dataDir}`);
}

/**
 * Whether a pid names a live process. A zombie (killed, not yet reaped by its parent) holds no
 * database, but answers signal 0 like a live one: where /proc tells the state, it counts as gone
 * (a server killed with its whole process group is a zombie until init reaps it).
 */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    return state !== "Z" && state !== "X";
  } catch {
    return true; // no /proc (macOS): signal 0 is all we know
  }
}

type ScriptRunner = { executeScript(script: string): Promise<void>; onError(error: unknown): never };

/**
 * @prisma/adapter-pg 7.10 runs a migration script split on every ";", which breaks any function body
 * (our append-only trigger on events). Postgres's simple query protocol runs a whole script as is.
 */
export class WholeScriptPrismaPg extends PrismaPg {
  override async connect() {
    const adapter = await super.connect();
    const runner = adapter as unknown as ScriptRunner & { client: { query(sql: string): Promise<unknown> } };
    runner.executeScript = async (script: string) => {
      try {
        await runner.client.query(script);
      } catch (error) {
        runner.onError(error);
      }
    };
    return adapter;
  }
}

/**
 * pglite-prisma-adapter 0.7.2 starts `executeScript` (used for migrations) without awaiting it, so a
 * migration could be reported applied before it ran, and its errors were lost. This awaits it.
 */
export class AwaitedScriptsPGlite extends PrismaPGlite {
  constructor(private readonly pglite: PGlite) {
    super(withParsersInstalled(pglite));
  }
  override async connect() {
    return awaitScripts(await super.connect(), this.pglite);
  }
  override async connectToShadowDb() {
    const shadow = new PGlite("memory://");
    return awaitScripts(await new PrismaPGlite(shadow).connect(), shadow);
  }
}

function awaitScripts<A extends object>(adapter: A, pglite: PGlite): A {
  const runner = adapter as unknown as ScriptRunner;
  runner.executeScript = async (script: string) => {
    try {
      await pglite.exec(script);
    } catch (error) {
      runner.onError(error);
    }
  };
  return adapter;
}

type QueryOptions = Parameters<PGlite["query"]>[2];
type Queryable = Pick<PGlite, "query">;

/**
 * pglite-prisma-adapter 0.7.2 passes its type parsers with every query, and PGlite then copies all of
 * its own parsers into a new object for that query: about 0.15 ms per statement, as much as a small
 * statement itself costs (measured: `SELECT 1` 0.15 → 0.30 ms). The adapter's parsers are installed
 * on the PGlite instance the first time they are seen, which is what PGlite merges them with, and
 * dropped from each query: the same parsers apply, once.
 */
function withParsersInstalled(pglite: PGlite): PGlite {
  let installed: object | undefined;
  const withoutParsers = (options: QueryOptions): QueryOptions => {
    if (!options?.parsers) return options;
    if (installed === undefined) {
      pglite.parsers = { ...pglite.parsers, ...options.parsers };
      installed = options.parsers;
    }
    if (options.parsers !== installed) return options; // someone else's parsers: leave them be
    const { parsers: _installed, ...rest } = options;
    return rest;
  };
  const queryWithout = <T extends Queryable>(target: T): T["query"] => (sql, params, options) => target.query(sql, params, withoutParsers(options));
  const forward = <T extends object>(target: T, overrides: Partial<T>): T =>
    new Proxy(target, {
      get(object, property) {
        if (property in overrides) return overrides[property as keyof T];
        const value: unknown = Reflect.get(object, property, object);
        return typeof value === "function" ? value.bind(object) : value; // PGlite's private fields need the real object as `this`
      },
    });
  return forward(pglite, {
    query: queryWithout(pglite),
    transaction: ((callback) => pglite.transaction((tx) => callback(forward(tx, { query: queryWithout(tx) })))) as PGlite["transaction"],
  });
}
