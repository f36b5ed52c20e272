import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { httpRequest } from "./http";

// The production server as a deployment runs it: `npm start` (migrations and seed, then server.ts:
// Next.js with timeouts, decision 006) on the existing build. Each server is started in its own process group, so a
// stop or a SIGKILL reaches npm, the shell and next-server at once, and nothing outlives the test.

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PORT_RANGE = { first: 3400, last: 3499 };

export type ServerOptions = {
  /** For logs and error messages. */
  name: string;
  port: number;
  /** PostgreSQL; without it the server uses PGlite in `dataDir`. */
  databaseUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  startTimeoutMs?: number;
};

const running = new Set<AppServer>();
// Whatever happens to the test process, no server it started survives it.
process.once("exit", () => {
  for (const server of running) server.killGroupNow();
});

/** The production build must exist: `npm test` builds it in test:e2e; this suite never rebuilds. */
export function assertBuilt() {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("No production build in .next: run `npm run build` first (npm test does it in test:e2e).");
  }
}

export class AppServer {
  readonly url: string;
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private readonly exited: Promise<void>;

  private constructor(readonly options: ServerOptions) {
    this.url = `http://localhost:${options.port}`;
    const env: Record<string, string | undefined> = {
      ...process.env,
      PORT: String(options.port),
      APP_URL: this.url,
      NEXT_TELEMETRY_DISABLED: "1",
      // The suite's clients use sessions; a generous token budget keeps any token use out of the way.
      RATE_LIMIT_TOKEN_PER_MINUTE: "1000000",
      // The demo's SDN release adds seconds to each first start and no test here reads it (the import test sends its own).
      SEED_SANCTIONS_LIST: "0",
      ...options.env,
    };
    // server.ts sets production itself (as `next start` did); the test runner's NODE_ENV=test must not leak in.
    delete env.NODE_ENV;
    delete env.DATABASE_URL;
    delete env.PGLITE_DATA_DIR;
    if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
    else env.PGLITE_DATA_DIR = options.dataDir ?? `data/reliability-${options.name}`;
    this.child = spawn("npm", ["start"], { cwd: ROOT, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const keep = (data: Buffer) => {
      for (const line of data.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        this.lines.push(line);
        if (this.lines.length > 400) this.lines.shift();
      }
    };
    this.child.stdout!.on("data", keep);
    this.child.stderr!.on("data", keep);
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
    running.add(this);
  }

  /** Starts `npm start` and waits until `GET /api/health` answers 200. */
  static async start(options: ServerOptions): Promise<AppServer> {
    assertBuilt();
    const server = new AppServer(options);
    try {
      await server.waitHealthy(options.startTimeoutMs ?? 120_000);
    } catch (error) {
      await server.kill();
      throw error;
    }
    return server;
  }

  /** The same configuration (port, database) started again. */
  restart(): Promise<AppServer> {
    return AppServer.start(this.options);
  }

  get pgid(): number {
    return this.child.pid!;
  }

  get name() {
    return this.options.name;
  }

  /** The process serving requests (`next-server`), whose memory and lock we look at. */
  serverPid(): number {
    const pid = groupMembers(this.pgid).find((p) => readCmdline(p).startsWith("next-server"));
    if (!pid) throw new Error(`${this.name}: no next-server process in group ${this.pgid}`);
    return pid;
  }

  /** Resident memory of next-server, in bytes. */
  rss(): number {
    const status = readFileSync(`/proc/${this.serverPid()}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    return kb * 1024;
  }

  /** The last lines the server printed. */
  log(last = 60): string {
    return this.lines.slice(-last).join("\n");
  }

  /** Lines where the app reported an unexpected error (its 500s). */
  unexpectedErrors(): string[] {
    return this.lines.filter((line) => line.includes("unexpected error"));
  }

  private async waitHealthy(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => (exited = true));
    while (Date.now() < deadline) {
      if (exited) throw new Error(`${this.name}: npm start exited before serving.\n${this.log()}`);
      const reply = await httpRequest(`${this.url}/api/health`, { timeoutMs: 2_000 }).catch(() => null);
      if (reply?.status === 200) return;
      await sleep(200);
    }
    throw new Error(`${this.name}: not healthy within ${timeoutMs} ms.\n${this.log()}`);
  }

  /** SIGKILL to the whole group (npm, sh, next-server), then waits until every process is gone. */
  async kill(): Promise<void> {
    this.killGroupNow();
    await this.waitGone(15_000);
  }

  /** SIGTERM (next-server shuts down and releases the PGlite lock), SIGKILL after 15 s. */
  async stop(): Promise<void> {
    if (!running.has(this)) return;
    signalGroup(this.pgid, "SIGTERM");
    try {
      await this.waitGone(15_000);
    } catch {
      await this.kill();
    }
  }

  killGroupNow() {
    signalGroup(this.pgid, "SIGKILL");
  }

  private async waitGone(timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    await Promise.race([this.exited, sleep(timeoutMs)]);
    while (groupMembers(this.pgid).length > 0) {
      if (Date.now() > deadline) throw new Error(`${this.name}: processes of group ${this.pgid} still running`);
      await sleep(50);
    }
    running.delete(this);
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

/** Live (non-zombie) processes of a process group, from /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcStat(Number(entry));
    if (stat && stat.pgrp === pgid && stat.state !== "Z" && stat.state !== "X") members.push(Number(entry));
  }
  return members;
}

/** Whether a pid names a live process (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  const stat = readProcStat(pid);
  return stat !== null && stat.state !== "Z" && stat.state !== "X";
}

function readProcStat(pid: number): { state: string; pgrp: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0]!, pgrp: Number(fields[2]) };
  } catch {
    return null;
  }
}

function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ").trim();
  } catch {
    return "";
  }
}

const handedOut = new Set<number>();

/** A port in 3400–3499 that nothing listens on (other runs of the suite may use some). */
export async function freePort(): Promise<number> {
  const span = PORT_RANGE.last - PORT_RANGE.first + 1;
  const offset = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = PORT_RANGE.first + ((offset + i) % span);
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`No free port in ${PORT_RANGE.first}–${PORT_RANGE.last}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task` for each item with at most `limit` at once. */
export async function inParallel<T, R>(items: T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!, index);
      }
    }),
  );
  return results;
}
