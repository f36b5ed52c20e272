// The "Designation watch" section of the bench (issue 13): import, compare and screen on each database (a child
// process each, bench/designations.ts), quality once (pure), as ratios to the issue's targets.
import type { DesignationsResult } from "../designations";
import { measureQuality, type QualityResult } from "./designation-quality";
import { RESCREEN_ENTITIES, type RescreenResult } from "./rescreen";
import { table, type Cell, type Target } from "./report";

export const DESIGNATION_TARGETS = {
  importMs: 3_000,
  importMemoryMb: 200,
  compareMs: 1_000,
  screenAllMs: 5_000,
  screenOneP95Ms: 10,
  rescreenMs: 60_000,
  healthDuringRescreen: 2,
  f1: 0.8,
  setRecall: 0.95,
  setPrecision: 0.95,
} as const;

export type DesignationWatch = {
  byDatabase: Record<string, DesignationsResult>;
  quality: QualityResult;
  /** Measured on the production server after the HTTP section (bench/lib/rescreen.ts). */
  rescreen?: Record<string, RescreenResult>;
};

/** GET /api/health p95 while re-screening over its p95 idle. */
const healthRatio = (r: RescreenResult) => r.healthDuring.p95 / r.healthIdle.p95;

export async function measureDesignationWatch(runChild: (label: string) => Promise<DesignationsResult>, databases: string[]): Promise<DesignationWatch> {
  const byDatabase: Record<string, DesignationsResult> = {};
  for (const label of databases) byDatabase[label] = await runChild(label);
  return { byDatabase, quality: await measureQuality() };
}

const memoryMb = (r: DesignationsResult) => Math.max(r.rssDeltaMb, r.heapDeltaMb);

export function designationTargets({ byDatabase, quality, rescreen = {} }: DesignationWatch): Target[] {
  const T = DESIGNATION_TARGETS;
  const perDatabase = Object.entries(byDatabase).flatMap(([db, r]): Target[] => [
    { id: `import-sdn-${db}`, issue: "#13", description: `import the 1 May 2024 SDN over 26 April (${db})`, threshold: `≤ ${T.importMs} ms`, measured: Math.round(r.importMs), unit: "ms", pass: r.importMs <= T.importMs },
    { id: `import-memory-${db}`, issue: "#13", description: `extra memory of that import, RSS peak or heap (${db})`, threshold: `≤ ${T.importMemoryMb} MB`, measured: Math.round(memoryMb(r)), unit: "MB", pass: memoryMb(r) <= T.importMemoryMb },
    { id: `compare-releases-${db}`, issue: "#13", description: `compare two releases (${db})`, threshold: `≤ ${T.compareMs} ms`, measured: Math.round(r.steps.changes ?? NaN), unit: "ms", pass: (r.steps.changes ?? Infinity) <= T.compareMs },
    { id: `screen-1000-${db}`, issue: "#13", description: `screen 1,000 names against SDN + UN, one call (${db})`, threshold: `≤ ${T.screenAllMs} ms`, measured: Math.round(r.screenAllMs), unit: "ms", pass: r.screenAllMs <= T.screenAllMs },
    { id: `screen-one-p95-${db}`, issue: "#13", description: `screen one name, p95 of 1,000 calls (${db})`, threshold: `≤ ${T.screenOneP95Ms} ms`, measured: r.screenOne.p95, unit: "ms", pass: r.screenOne.p95 <= T.screenOneP95Ms },
  ]);
  const rescreening = Object.entries(rescreen).flatMap(([db, r]): Target[] => [
    { id: `rescreen-${db}`, issue: "#13", description: `re-screen ${RESCREEN_ENTITIES.toLocaleString("en")} tracked entities after a release, the job (${db})`, threshold: `≤ ${T.rescreenMs} ms`, measured: Math.round(r.rescreenMs), unit: "ms", pass: r.rescreenMs <= T.rescreenMs },
    { id: `rescreen-health-${db}`, issue: "#13", description: `GET /api/health p95 while re-screening over idle (${db})`, threshold: `≤ ${T.healthDuringRescreen}×`, measured: round3(healthRatio(r)), unit: "×", pass: healthRatio(r) <= T.healthDuringRescreen },
  ]);
  const m = quality.matcher;
  return [
    ...perDatabase,
    ...rescreening,
    { id: "name-bench-f1", issue: "#13", description: `F1 at the match threshold on nomenklatura's ${quality.pairs} pairs`, threshold: `≥ ${T.f1}`, measured: round3(m.f1), unit: "", pass: m.f1 >= T.f1 },
    { id: "designation-set-recall", issue: "#13", description: `recall at the review threshold on the designation set (${quality.cases} names)`, threshold: `≥ ${T.setRecall}`, measured: round3(m.setRecall), unit: "", pass: m.setRecall >= T.setRecall },
    { id: "designation-set-precision", issue: "#13", description: "precision at the match threshold on the designation set", threshold: `≥ ${T.setPrecision}`, measured: round3(m.setPrecision), unit: "", pass: m.setPrecision >= T.setPrecision },
  ];
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;
const ratioTo = (measured: number | undefined, target: number) => (measured === undefined ? null : round3(measured / target));

export function designationTables({ byDatabase, quality, rescreen = {} }: DesignationWatch): string {
  const T = DESIGNATION_TARGETS;
  const dbs = Object.keys(byDatabase);
  const row = (label: string, target: number, value: (r: DesignationsResult) => number | undefined): Cell[] => [
    label,
    target,
    ...dbs.flatMap((db) => [value(byDatabase[db]!), ratioTo(value(byDatabase[db]!), target)]),
  ];
  const speed = table(
    "Designation watch (issue 13): measured, and as a ratio to the target (≤ 1 meets it)",
    ["measurement", "target", ...dbs.flatMap((db) => [db, `${db} / target`])],
    [
      row("import 1 May SDN over 26 April (ms)", T.importMs, (r) => r.importMs),
      row("  its CPU time in this process (ms)", T.importMs, (r) => r.importCpuMs),
      row("  parse and write the entries (ms)", T.importMs, (r) => r.steps.entries),
      row("extra memory, RSS peak or heap (MB)", T.importMemoryMb, memoryMb),
      row("compare two releases (ms)", T.compareMs, (r) => r.steps.changes),
      row("screen 1,000 names, one call (ms)", T.screenAllMs, (r) => r.screenAllMs),
      row("  its CPU time (ms)", T.screenAllMs, (r) => r.screenAllCpuMs),
      row("screen one name, p95 (ms)", T.screenOneP95Ms, (r) => r.screenOne.p95),
      row("build the lists' indexes, first call (ms)", T.screenAllMs, (r) => r.indexMs),
    ],
  );
  const rescreenTable = rescreenTables(rescreen);
  const q = (label: string, target: number, pick: (x: QualityResult["matcher"]) => number): Cell[] => [label, target, round3(pick(quality.matcher)), round3(pick(quality.baseline))];
  const qualityTable = table(
    `Screening quality: this matcher beside fuzzball's token_set_ratio over every name and alias (${round3(quality.seconds)} s)`,
    ["measure", "target", "matcher", "baseline"],
    [
      q(`F1 at ${"match"} on ${quality.pairs} name pairs`, T.f1, (x) => x.f1),
      q("  precision", T.f1, (x) => x.precision),
      q("  recall", T.f1, (x) => x.recall),
      q(`designation set (${quality.cases}): recall at review`, T.setRecall, (x) => x.setRecall),
      q("designation set: precision at match", T.setPrecision, (x) => x.setPrecision),
    ],
  );
  return [speed, rescreenTable, qualityTable].filter(Boolean).join("\n");
}

/** The re-screening table (empty without measurements), also printed on its own by bench/rescreen.ts. */
export function rescreenTables(rescreen: Record<string, RescreenResult>): string {
  const T = DESIGNATION_TARGETS;
  const rescreenDbs = Object.keys(rescreen);
  const rescreenRow = (label: string, target: number | null, value: (r: RescreenResult) => number): Cell[] => [
    label,
    target,
    ...rescreenDbs.flatMap((db) => [round3(value(rescreen[db]!)), target === null ? null : ratioTo(value(rescreen[db]!), target)]),
  ];
  return rescreenDbs.length
    ? table(
        `Re-screening ${RESCREEN_ENTITIES.toLocaleString("en")} tracked entities after the 1 May release, on the production server (GET /api/health under ${rescreen[rescreenDbs[0]!]!.healthIdle.connections} connections)`,
        ["measurement", "target", ...rescreenDbs.flatMap((db) => [db, `${db} / target`])],
        [
          rescreenRow("the re-screening job, started → completed (ms)", T.rescreenMs, (r) => r.rescreenMs),
          rescreenRow("  from the import's request to its completion (ms)", null, (r) => r.importToDoneMs),
          rescreenRow("GET /api/health p95 idle (ms)", null, (r) => r.healthIdle.p95),
          rescreenRow("GET /api/health p95 while re-screening (ms)", null, (r) => r.healthDuring.p95),
          rescreenRow("  over idle (×)", T.healthDuringRescreen, healthRatio),
          rescreenRow("GET /api/health p95 during the import itself (ms)", null, (r) => r.healthImporting.p95),
        ],
      )
    : "";
}
