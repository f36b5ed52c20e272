// Where the CPU went during a measurement, from Linux's /proc: how busy the whole machine was, and
// how much each party used (the app instances, PostgreSQL, the load generator). A throughput ratio
// means little without it: two instances cannot serve more when the cores are already all busy.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { round } from "./measure";

/** Names a process's party, or null to leave it out. */
export type Classify = (process: { pid: number; group: number; command: string }) => string | null;

type Snapshot = { busy: number; total: number; byParty: Map<string, number> };

/** CPU use over a measurement: the machine's busy share of all its cores, and each party's use in cores. */
export type CpuUse = { cores: number; machineBusyPercent: number; coresUsed: Record<string, number> };

/** Jiffies spent busy and in all, over every core (the first line of /proc/stat). */
function machineTimes(): { busy: number; total: number } {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n", 1)[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = fields.map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}

/** Jiffies of user and system time used so far by the live processes of each party. */
function partyTimes(classify: Classify): Map<string, number> {
  const byParty = new Map<string, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // "pid (command) state ppid pgrp …": the command may hold spaces and parentheses.
    const command = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const party = classify({ pid, group: Number(rest[2]), command });
    if (party) byParty.set(party, (byParty.get(party) ?? 0) + Number(rest[11]) + Number(rest[12]));
  }
  return byParty;
}

function snapshot(classify: Classify): Snapshot {
  return { ...machineTimes(), byParty: partyTimes(classify) };
}

/** Runs `work` and reports the CPU used meanwhile; where /proc is missing (not Linux), only the work's result. */
export async function withCpuUse<T>(classify: Classify, work: () => Promise<T>): Promise<{ result: T; cpu: CpuUse | null }> {
  const before = existsSync("/proc/stat") ? snapshot(classify) : null;
  const result = await work();
  if (!before) return { result, cpu: null };
  const after = snapshot(classify);
  const elapsed = after.total - before.total; // jiffies of all cores together
  const cores = os.cpus().length;
  const coresUsed: Record<string, number> = {};
  for (const [party, used] of after.byParty) coresUsed[party] = round(((used - (before.byParty.get(party) ?? 0)) / elapsed) * cores, 2);
  return { result, cpu: { cores, machineBusyPercent: round(((after.busy - before.busy) / elapsed) * 100, 1), coresUsed } };
}
