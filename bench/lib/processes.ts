// The processes the benchmark starts: each in its own process group, so that stopping one stops
// its children too (npm → sh → next). Every one is stopped on exit, on errors and on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const running = new Set<Started>();

export type Started = { child: ChildProcess; logPath: string; exited: Promise<number | null> };

export function start(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logPath: string; echoStderr?: boolean }): Started {
  mkdirSync(path.dirname(options.logPath), { recursive: true });
  const log = createWriteStream(options.logPath);
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  if (options.echoStderr) child.stderr!.pipe(process.stderr);
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", () => resolve(null));
  });
  const started: Started = { child, logPath: options.logPath, exited };
  running.add(started);
  void exited.then(() => running.delete(started));
  return started;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal); // the group this child leads
  } catch {
    // already gone
  }
}

export async function stop(started: Started, graceMs = 10_000) {
  if (started.child.exitCode !== null || started.child.signalCode !== null) {
    signalGroup(started.child, "SIGKILL"); // leftovers of the group, if any
    return;
  }
  signalGroup(started.child, "SIGTERM");
  const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
  if ((await Promise.race([started.exited, timeout])) === "timeout") {
    signalGroup(started.child, "SIGKILL");
    await started.exited;
  }
  signalGroup(started.child, "SIGKILL");
}

/** Synchronous last resort (process exit): SIGKILL every group still running. */
export function killAll() {
  for (const started of running) signalGroup(started.child, "SIGKILL");
  running.clear();
}

export async function stopAll() {
  await Promise.all([...running].map((started) => stop(started)));
}

/** Runs a command to completion; rejects with the end of its log when it fails. */
export async function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; logPath: string; timeoutMs: number; echoStderr?: boolean }) {
  const started = start(command, args, options);
  const timer = setTimeout(() => signalGroup(started.child, "SIGKILL"), options.timeoutMs);
  const code = await started.exited;
  clearTimeout(timer);
  if (code !== 0) {
    const tail = readFileSync(options.logPath, "utf8").split("\n").slice(-30).join("\n");
    throw new Error(`${command} ${args.join(" ")} failed (exit ${code}); end of ${options.logPath}:\n${tail}`);
  }
}

export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export async function waitForHttp(url: string, started: Started, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void started.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) {
      const tail = readFileSync(started.logPath, "utf8").split("\n").slice(-30).join("\n");
      throw new Error(`The server exited before it was ready; end of ${started.logPath}:\n${tail}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} was not ready after ${timeoutMs / 1000} s (log: ${started.logPath})`);
}
