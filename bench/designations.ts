// Designation watch in one process on one database (issue 13), run by bench/run.ts in a child process: the
// database is chosen by PGLITE_DATA_DIR (an empty directory) or DATABASE_URL, exactly as for the app, and opened
// through lib/db. The lists are imported under names of their own (bench-…) and deleted at the end, so a shared
// PostgreSQL database keeps its lists.
//   tsx --conditions=react-server bench/designations.ts <result.json>
import { readFileSync, writeFileSync } from "node:fs";
import { designationCases } from "@/lib/sanctions/match/designation-set";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { summarize } from "./lib/measure";
import type { Timing } from "./lib/config";

const { closeDatabase, databaseAdapter, databaseKind, db } = await import("@/lib/db/client");
const { deployMigrations } = await import("@/lib/db/migrations");
const { importRelease } = await import("@/lib/services/sanctions/import");
const { screenNames } = await import("@/lib/services/sanctions/screening");

export type DesignationsResult = {
  database: "pglite" | "postgres";
  importMs: number;
  /** This process's CPU time for the import (user + system): on a busy machine, closer to what it costs alone. */
  importCpuMs: number;
  /** Where the import's time went: parsing and writing the entries, then computing the changes. */
  steps: Record<string, number>;
  /** Peak RSS during the import over RSS before it, and the heap after it over the heap before it (MB). */
  rssDeltaMb: number;
  heapDeltaMb: number;
  changes: { added: number; removed: number; changed: number };
  indexMs: number;
  screenAllMs: number;
  screenAllCpuMs: number;
  screenOne: Timing;
  names: number;
};

const [outPath] = process.argv.slice(2);
if (!outPath) throw new Error("usage: designations.ts <result.json>");
const log = (message: string) => process.stderr.write(`  [designations ${databaseKind()}] ${message}\n`);
if (databaseKind() === "pglite") await deployMigrations(databaseAdapter());

const PREFIX = "bench-";
await db.sanctionsList.deleteMany({ where: { slug: { startsWith: PREFIX } } }); // left by a run that broke
const sdn = `${PREFIX}ofac-sdn`;
await importRelease(readFileSync(sanctionsFixturePath("ofacSdn2024Apr26")), { list: sdn, importedBy: "bench", publishedAt: new Date("2024-04-26") });
await importRelease(readFileSync(sanctionsFixturePath("unConsolidated2026Feb27")), { list: `${PREFIX}un-sc`, importedBy: "bench" });

// The 1 May release over the 26 April one, with its memory sampled meanwhile.
const file = readFileSync(sanctionsFixturePath("ofacSdn2024May01"));
global.gc?.();
const rssBefore = process.memoryUsage.rss();
const heapBefore = process.memoryUsage().heapUsed;
let rssPeak = rssBefore;
const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage.rss())), 10);
const steps: Record<string, number> = {};
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const cpuBefore = cpu();
const started = performance.now();
const release = await importRelease(file, { list: sdn, importedBy: "bench", publishedAt: new Date("2024-05-01"), onStep: (step, ms) => (steps[step] = ms) });
const importMs = performance.now() - started;
const importCpuMs = cpu() - cpuBefore;
clearInterval(sampler);
rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
const heapDeltaMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
log(`import ${importMs.toFixed(0)} ms, ${importCpuMs.toFixed(0)} ms of CPU (${JSON.stringify(steps)}): ${release.added} added, ${release.removed} removed, ${release.changed} changed`);

// 1,000 names: the designation set's queries, then its listed names again with their country.
const cases = designationCases();
const names = [...cases, ...cases].slice(0, 1000).map((c, at) => ({ name: c.query, ...(at >= cases.length && c.country ? { country: c.country } : {}) }));
let at = performance.now();
await screenNames({ names: names.slice(0, 1) }); // builds the lists' indexes
const indexMs = performance.now() - at;
at = performance.now();
const screenCpuBefore = cpu();
await screenNames({ names });
const screenAllMs = performance.now() - at;
const screenAllCpuMs = cpu() - screenCpuBefore;
const single: number[] = [];
for (const name of names) {
  at = performance.now();
  await screenNames({ names: [name] });
  single.push(performance.now() - at);
}
log(`screening: index ${indexMs.toFixed(0)} ms, 1,000 names ${screenAllMs.toFixed(0)} ms`);

await db.sanctionsList.deleteMany({ where: { slug: { startsWith: PREFIX } } });
const result: DesignationsResult = {
  database: databaseKind(),
  importMs,
  importCpuMs,
  steps,
  rssDeltaMb: (rssPeak - rssBefore) / 1e6,
  heapDeltaMb,
  changes: { added: release.added, removed: release.removed, changed: release.changed },
  indexMs,
  screenAllMs,
  screenAllCpuMs,
  screenOne: summarize(single),
  names: names.length,
};
writeFileSync(outPath, JSON.stringify(result));
await closeDatabase();
