// The readable side of the results: plain-text tables for the terminal.
import { FIRST_LOAD_JS, WATCHLIST_Q, type InProcessResult } from "./config";
import type { CpuUse } from "./cpu";
import type { BriefingAtScale } from "./exports";
import type { FirstLoad } from "./firstload";
import { ratio } from "./measure";
import type { Http, TwoInstances } from "./routes";

export type Cell = string | number | null | undefined;

const fmt = (value: Cell) => {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return "–";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2);
  return value;
};

export function table(title: string, header: string[], rows: Cell[][]): string {
  const cells = [header, ...rows.map((r) => r.map(fmt))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [``, title, "-".repeat(Math.min(160, widths.reduce((s, w) => s + w + 2, -2))), line(cells[0]!), ...cells.slice(1).map(line)].join("\n");
}

export type Target = {
  id: string;
  issue: string;
  description: string;
  threshold: string;
  measured: number | null;
  unit: string;
  pass: boolean | null;
  note?: string;
};

export function targetsTable(targets: Target[]): string {
  return table(
    "Targets (from issues 3, 4, 5, 6, 8, 13, 14, 15, 16 and 17; [ours] is our own)",
    ["target", "threshold", "measured", "result"],
    targets.map((t) => [
      `${t.description} [${t.issue}]`,
      t.threshold,
      t.measured === null ? "–" : `${fmt(t.measured)} ${t.unit}`.trim(),
      t.pass === null ? "not measured" : t.pass ? "PASS" : "MISS",
    ]),
  );
}

const cpuCells = (cpu: CpuUse | null): Cell[] =>
  cpu ? [cpu.machineBusyPercent, ...["app 1", "app 2", "PostgreSQL", "autocannon"].map((party) => cpu.coresUsed[party] ?? null)] : [null, null, null, null, null];

/** The run's figures as bench/results.json holds them: what printReport prints. */
export type PrintedResults = {
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; date: string; loadAverage: { phase: string; loadavg1: number }[] };
  config: { connections: number; seconds: number };
  http: Http;
  inProcess: { pgliteLarge: InProcessResult; pgliteSmall: InProcessResult; postgres: InProcessResult | null };
  ratios: Record<string, number>;
  targets: Target[];
  twoInstances: TwoInstances | null;
  briefingAtScale: BriefingAtScale;
  firstLoadJs: { html: FirstLoad | { skipped: string }; build: FirstLoad };
};

/** The HTTP, in-process, ratio, export, first-load and target tables, in that order. */
export function printReport(results: PrintedResults) {
  const { machine, http, ratios, targets, firstLoadJs: firstLoad } = results;
  const { connections, seconds } = results.config;
  const { pgliteLarge: ipLarge, pgliteSmall: ipSmall } = results.inProcess;
  const ipPostgres = results.inProcess.postgres ?? undefined;
  const twoInstances = results.twoInstances ?? undefined;
  const atScale = results.briefingAtScale;
  const load1 = machine.loadAverage.map((l) => l.loadavg1);
  console.log(
    `\nMachine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.date}; load average (1 min) during the run ${Math.min(...load1)}–${Math.max(...load1)}`,
  );
  const rows: Cell[][] = [];
  for (const [server, routeResults] of Object.entries(http)) {
    for (const r of Object.values(routeResults)) {
      if ("skipped" in r) rows.push([r.label, server, null, null, null, null, null, null, null, `skipped: ${r.skipped}`]);
      else rows.push([r.label, server, r.p50, r.p95, r.p99, r.rps, r.requests, r.errors + r.timeouts, r.non2xx, r.p95VsHealth ?? null]);
    }
  }
  console.log(table(`HTTP (autocannon, ${connections} connections, ${seconds} s per route, loopback; latency in ms)`, ["route", "db", "p50", "p95", "p99", "req/s", "n", "errors", "non-2xx", "p95 / health p95"], rows));
  if (twoInstances) {
    console.log(
      table(
        "PostgreSQL: one app instance vs two (GET /api/issues); CPU in cores used, of the machine's",
        ["setup", "connections", "req/s", "p95 ms", "errors + non-2xx", "machine busy %", "app 1", "app 2", "PostgreSQL", "autocannon"],
        [
          ["one instance", twoInstances.one.connections, twoInstances.one.rps, twoInstances.one.p95, twoInstances.one.errors + twoInstances.one.non2xx, ...cpuCells(twoInstances.cpu.one)],
          ["two instances", twoInstances.two.combined.connections, twoInstances.two.combined.rps, twoInstances.two.combined.p95, twoInstances.two.combined.errors + twoInstances.two.combined.non2xx, ...cpuCells(twoInstances.cpu.two)],
        ],
      ),
    );
  }
  const ip: Cell[][] = [];
  const add = (label: string, db: string, t: { p50: number; p95: number; n: number } | undefined, note = "") => t && ip.push([label, db, t.p50, t.p95, t.n, note]);
  for (const [name, r] of [["pglite", ipLarge], ["postgres", ipPostgres]] as const) {
    if (!r) continue;
    add("watchlist (status), Prisma service", name, r.watchlist.status.prisma, `${r.watchlist.status.statements} statements`);
    add("watchlist (status), same SQL replayed on the adapter", name, r.watchlist.status.replayedSql);
    add("watchlist (status), one hand-written statement", name, r.watchlist.status.handwrittenSql);
    if (r.watchlist.q) {
      add(`watchlist (q=${WATCHLIST_Q.q}), Prisma service`, name, r.watchlist.q.prisma);
      add(`watchlist (q=${WATCHLIST_Q.q}), same SQL replayed`, name, r.watchlist.q.replayedSql);
    }
    for (const [label, t] of Object.entries(r.services ?? {})) add(label, name, t, t.note ?? "");
  }
  add("watchlist (status), Prisma service, 1,000 evidence rows", "pglite", ipSmall.watchlist.status.prisma);
  add("watchlist (status), same SQL replayed, 1,000 evidence rows", "pglite", ipSmall.watchlist.status.replayedSql);
  if (ipLarge.analysis) {
    add(`analyzeDocument, ${ipLarge.analysis.words} words, the 4 seeded issues`, "–", ipLarge.analysis.analyzeDocument);
    if (ipLarge.analysis.analyzeDocumentLearned) add(`analyzeDocument, ${ipLarge.analysis.words} words, the 4 seeded issues, a learned model`, "–", ipLarge.analysis.analyzeDocumentLearned);
    add(`analyzeDocument, ${ipLarge.analysis.words} words, ${ipLarge.analysis.teamIssues} issues`, "–", ipLarge.analysis.analyzeDocumentWithTeamIssues);
  }
  console.log(table("In process (ms)", ["measurement", "db", "p50", "p95", "n", "note"], ip));
  console.log(table("Ratios (same run)", ["ratio", "value"], Object.entries(ratios).map(([k, v]) => [k, v])));
  const pgRows: Cell[][] = [];
  for (const id of Object.keys(http["pglite"] ?? {})) {
    const a = http["pglite"]?.[id];
    const b = http["postgres"]?.[id];
    if (a && b && "p95" in a && "p95" in b) pgRows.push([a.label, a.p95, b.p95, ratio(a.p95, b.p95), a.rps, b.rps, ratio(b.rps, a.rps)]);
  }
  if (pgRows.length) console.log(table("PGlite vs PostgreSQL (same run, one app instance each)", ["route", "PGlite p95", "PG p95", "PGlite/PG p95", "PGlite req/s", "PG req/s", "PG/PGlite req/s"], pgRows));
  if ("formats" in atScale) {
    const { issues, evidence, createMs } = atScale.briefing;
    console.log(
      table(
        `Briefing export at scale (PGlite): ${issues} issues, ${evidence} evidence items, created in ${createMs.toFixed(0)} ms; GET /api/health under load (${connections} connections) while exports run back to back`,
        ["format", "first ms", "p50 ms", "max ms", "runs", "bytes", "errors", "health p50", "health p95", "health req/s", "exports meanwhile", "their p50 ms"],
        atScale.formats.map((r) => [r.format, r.firstMs, r.runs.p50, r.runs.max, r.runs.n, r.bytes, r.errors, r.health.p50, r.health.p95, r.health.rps, r.exportsDuringHealth.n, r.exportsDuringHealth.p50]),
      ),
    );
  } else console.log(`\nBriefing export at scale: skipped (${atScale.skipped})`);
  const html = "chunks" in firstLoad.html ? firstLoad.html : undefined;
  const chunks = new Map([...firstLoad.build.chunks, ...(html?.chunks ?? [])].map((c) => [c.file, c]));
  console.log(
    table(
      `First-load JavaScript of the dashboard (${FIRST_LOAD_JS.path}), bytes${"skipped" in firstLoad.html ? `; the HTML was not measured: ${firstLoad.html.skipped}` : ""}`,
      ["chunk", "bytes", "gzip -9", "in the HTML", "in the build manifests"],
      [
        ...[...chunks.values()].map((c) => [c.file, c.bytes, c.gzipBytes, html?.chunks.some((h) => h.file === c.file) ? "yes" : "no", firstLoad.build.chunks.some((b) => b.file === c.file) ? "yes" : "no"]),
        ["total (HTML)", html?.bytes, html?.gzipBytes, null, null],
        ["total (build manifests)", firstLoad.build.bytes, firstLoad.build.gzipBytes, null, null],
      ],
    ),
  );
  console.log(targetsTable(targets));
  for (const t of targets) if (t.note) console.log(`  ${t.id}: ${t.note}`);
}
