import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openConnection } from "./connection";

const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sw-lock-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the PGlite data directory lock", () => {
  it("refuses a directory a live process holds", () => {
    const dir = dataDir();
    const holder = spawn("sleep", ["30"]);
    try {
      writeFileSync(path.join(dir, "sanctions-watch.lock"), String(holder.pid));
      expect(() => openConnection({ pgliteDataDir: dir })).toThrow(/open in another process/);
    } finally {
      holder.kill("SIGKILL");
    }
  });

  it.runIf(process.platform === "linux")("takes over from a killed process not yet reaped (a zombie)", async () => {
    // `sleep 0` exits at once, and its parent (exec'd into `sleep 5`) never reaps it: a zombie while the parent lives.
    const parent = spawn("sh", ["-c", "sleep 0 & echo $!; exec sleep 5 >/dev/null"]);
    const zombie = Number(await new Promise<string>((resolve) => parent.stdout.once("data", (data: Buffer) => resolve(data.toString()))));
    for (let i = 0; i < 50 && !readFileSync(`/proc/${zombie}/stat`, "utf8").includes(") Z "); i++) await new Promise((r) => setTimeout(r, 20));
    expect(readFileSync(`/proc/${zombie}/stat`, "utf8")).toMatch(/\) Z /);
    const dir = dataDir();
    writeFileSync(path.join(dir, "sanctions-watch.lock"), String(zombie));
    const connection = openConnection({ pgliteDataDir: dir });
    expect(readFileSync(path.join(dir, "sanctions-watch.lock"), "utf8")).toBe(String(process.pid));
    await connection.close();
    parent.kill("SIGKILL");
  });
});

describe("the embedded database's settings", () => {
  it("sizes new WAL segments without zero-filling them (the slowest commits were those writes)", async () => {
    const connection = openConnection({ pgliteDataDir: dataDir() });
    try {
      const { rows } = await connection.pglite!.query<{ wal_init_zero: string }>("SHOW wal_init_zero");
      expect(rows[0]?.wal_init_zero).toBe("off");
    } finally {
      await connection.close();
    }
  });
});
