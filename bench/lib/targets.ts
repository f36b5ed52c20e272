// The targets of the app's routes and services under load and in process (issues 3, 4, 5, 6, 8, 14, 16 and 17),
// each PASS or MISS. The watching-the-world phases (designations, analysis quality, feed ingestion, alerts) keep
// theirs beside their own measurements.
import { BRIEFING_FORMAT_NAMES } from "@/lib/briefings/export/formats";
import { ARTICLE_WORDS, BRIEFING_AT_SCALE, FIRST_LOAD_JS, SEARCH_BROAD, SEARCH_TYPICAL, WATCHLIST_Q, WATCHLIST_STATUS, type InProcessResult } from "./config";
import type { DatasetManifest } from "./dataset";
import type { BriefingAtScale, ExportResult } from "./exports";
import { sameChunks, type FirstLoad } from "./firstload";
import { ratio, round } from "./measure";
import type { Target } from "./report";
import { query, type Http, type TwoInstances } from "./routes";

/** A route's load result on a server, when it was measured (not skipped). */
export function measuredRoute(http: Http, server: string, id: string) {
  const r = http[server]?.[id];
  return r && "p95" in r ? r : undefined;
}

/** The watchlist in process: Prisma against the SQL it sent and against one hand-written statement, and its growth with the evidence. */
export function watchlistRatios(ipLarge: InProcessResult, ipSmall: InProcessResult) {
  const { prisma, replayedSql, handwrittenSql } = ipLarge.watchlist.status;
  return {
    prismaRatio: ratio(prisma.p50, replayedSql.p50),
    prismaVsHandwritten: ratio(prisma.p50, handwrittenSql.p50),
    growth: ratio(prisma.p50, ipSmall.watchlist.status.prisma.p50),
  };
}

/** Every route, instance pair and export's health run that met errors, timeouts or non-2xx answers under load. */
export function loadErrors(http: Http, twoInstances: TwoInstances | undefined, formats: ExportResult[]): string[] {
  const errors = Object.entries(http).flatMap(([server, routesResults]) =>
    Object.entries(routesResults).flatMap(([id, r]) =>
      "p95" in r && r.errors + r.timeouts + r.non2xx > 0
        ? [`${server} ${id}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx (${Object.entries(r.statusCodes).map(([code, n]) => `${n}× ${code}`).join(", ")})`]
        : [],
    ),
  );
  if (twoInstances && twoInstances.two.combined.errors + twoInstances.two.combined.non2xx > 0) errors.push("postgres two instances: errors");
  for (const r of formats) {
    if (r.health.errors + r.health.timeouts + r.health.non2xx > 0) errors.push(`pglite health during the ${r.format} export: ${r.health.errors} errors, ${r.health.timeouts} timeouts, ${r.health.non2xx} non-2xx`);
  }
  return errors;
}

/** Whether a figure passes its limit: null when it was not measured. */
const lt = (measuredValue: number | undefined, limit: number) => (measuredValue === undefined || Number.isNaN(measuredValue) ? null : measuredValue < limit);
const atMost = (measuredValue: number | undefined, limit: number) => (measuredValue === undefined || Number.isNaN(measuredValue) ? null : measuredValue <= limit);

export type AppFigures = {
  http: Http;
  ipLarge: InProcessResult;
  ipSmall: InProcessResult;
  manifest: DatasetManifest;
  exports: { formats: ExportResult[]; atScale: BriefingAtScale; exportRuns: number };
  dashboard: { html: FirstLoad | { skipped: string }; build: FirstLoad };
  twoInstances: TwoInstances | undefined;
  connections: number;
};

export function appTargets({ http, ipLarge, ipSmall, manifest, exports, dashboard, twoInstances, connections }: AppFigures): Target[] {
  const get = (server: string, id: string) => measuredRoute(http, server, id);
  const { prismaRatio, prismaVsHandwritten, growth } = watchlistRatios(ipLarge, ipSmall);
  const { formats, atScale, exportRuns } = exports;
  const errors = loadErrors(http, twoInstances, formats);
  const { html: dashboardFromHtml, build: dashboardFromBuild } = dashboard;
  const analysisP95 = ipLarge.analysis?.analyzeDocument.p95;
  const scaleLabel = "briefing" in atScale ? `${atScale.briefing.issues} issues, ${atScale.briefing.evidence} evidence` : "";
  const exportTargets: Target[] = BRIEFING_FORMAT_NAMES.map((format) => {
    const r = formats.find((e) => e.format === format);
    return {
      id: `export-${format}`,
      issue: "#5",
      description: `GET /api/briefings/{id}/export?format=${format}, ${scaleLabel}, worst of ${exportRuns} runs, PGlite`,
      threshold: `< ${BRIEFING_AT_SCALE.exportBudgetMs} ms`,
      measured: r?.runs.max ?? null,
      unit: "ms",
      pass: r ? r.errors === 0 && r.runs.max < BRIEFING_AT_SCALE.exportBudgetMs : null,
      note: r?.errors ? `${r.errors} export requests did not answer 200` : "skipped" in atScale ? atScale.skipped : undefined,
    };
  });
  const worstHealth = formats.reduce<ExportResult | undefined>((worst, r) => (!worst || r.health.p95 > worst.health.p95 ? r : worst), undefined);
  const dashboardGzipKb = "gzipBytes" in dashboardFromHtml ? round(dashboardFromHtml.gzipBytes / 1000, 1) : undefined;
  const sameAsBuild = "chunks" in dashboardFromHtml && sameChunks(dashboardFromHtml, dashboardFromBuild);
  const teamAnalysisP95 = ipLarge.services?.["analyzeForTeam (5,000 words)"]?.p95;
  const target = (id: string, issue: string, description: string, measured: number | undefined, budgetMs: number): Target => ({
    id,
    issue,
    description,
    threshold: `< ${budgetMs} ms`,
    measured: measured ?? null,
    unit: "ms",
    pass: lt(measured, budgetMs),
  });
  return [
    // Issues 3, 4 and 6 give a latency for one request ("p95 under 50 ms"), measured with one
    // connection; issue 8 asks for the watchlist under 10 concurrent connections. The other routes'
    // figures under load are in the HTTP table.
    target("issues-1c-p95", "#3", `GET /api/issues?${query(WATCHLIST_STATUS)} p95, PGlite, 1 connection`, get("pglite", "issues-1c")?.p95, 50),
    target("issues-q-1c-p95", "#3", `GET /api/issues?${query(WATCHLIST_Q)} p95, PGlite, 1 connection`, get("pglite", "issues-q-1c")?.p95, 50),
    target("issues-p95", "#8", `GET /api/issues?${query(WATCHLIST_STATUS)} p95, PGlite, ${connections} connections`, get("pglite", "issues")?.p95, 50),
    target("search-1c-p95", "#4", `GET /api/documents?q=${SEARCH_TYPICAL} p95, PGlite, 100k docs, 1 connection`, get("pglite", "search-1c")?.p95, 100),
    target("search-broad-1c-p95", "#4", `GET /api/documents?q=${SEARCH_BROAD} p95, PGlite, 100k docs, 1 connection`, get("pglite", "search-broad-1c")?.p95, 100),
    target("stats-1c-p95", "#6", "GET /api/stats p95, PGlite, 10k issues, 100k evidence, 1 connection", get("pglite", "stats-1c")?.p95, 100),
    {
      id: "issue-page-1c-p95",
      issue: "#17",
      description: `GET /issues/{id}, the busiest issue's page (${manifest.busiestIssueEvidence} evidence), p95, PGlite, 1 connection`,
      threshold: "≤ 50 ms",
      measured: get("pglite", "issue-page-1c")?.p95 ?? null,
      unit: "ms",
      pass: atMost(get("pglite", "issue-page-1c")?.p95, 50),
    },
    {
      id: "inbox-page-1c-p95",
      issue: "#14",
      description: `GET /inbox, the page (new items, newest first; ${manifest.counts.inbox_item ?? "?"} in the inbox), p95, PGlite, 1 connection`,
      threshold: "≤ 100 ms",
      measured: get("pglite", "inbox-page-1c")?.p95 ?? null,
      unit: "ms",
      pass: atMost(get("pglite", "inbox-page-1c")?.p95, 100),
    },
    target("issue-detail-1c-p95", "#17", `GET /api/issues/{id}, the busiest issue (totals and the newest page), p95, PGlite, 1 connection`, get("pglite", "issue-detail-1c")?.p95, 50),
    target("analysis-p95", "#4", `analyzeDocument, ${ARTICLE_WORDS}-word article, p95 (in process)`, analysisP95, 300),
    // Issue 16's: the same analysis ranking a 10,000-issue watchlist, as POST /api/documents/analyze does for a large team.
    target("analysis-team-p95", "#16", `analyzeForTeam (POST /api/documents/analyze's work), ${ipLarge.analysis?.teamIssues ?? "?"} team issues, p95`, teamAnalysisP95, 300),
    {
      id: "prisma-overhead",
      issue: "#8",
      description: "watchlist: Prisma service / one hand-written SQL statement (same page), p50, PGlite",
      threshold: "< 1.5×",
      measured: prismaVsHandwritten,
      unit: "×",
      pass: lt(prismaVsHandwritten, 1.5),
    },
    {
      id: "prisma-runtime-overhead",
      issue: "#8",
      description: "watchlist: Prisma service / the same SQL statements replayed on its adapter, p50, PGlite",
      threshold: "< 1.5×",
      measured: prismaRatio,
      unit: "×",
      pass: lt(prismaRatio, 1.5),
    },
    { id: "watchlist-growth", issue: "#3", description: "watchlist query, 100,000 vs 1,000 evidence rows, p50, PGlite", threshold: "< 2×", measured: growth, unit: "×", pass: lt(growth, 2) },
    { id: "no-errors", issue: "#8", description: "errors, timeouts and non-2xx under load, every route and database", threshold: "0", measured: errors.length, unit: "routes with errors", pass: errors.length === 0, note: errors.join("; ") || undefined },
    {
      id: "postgres-two-instances",
      issue: "#8",
      description: "PostgreSQL, two app instances vs one: throughput of GET /api/issues",
      threshold: "≥ 1.5×",
      measured: twoInstances?.ratio ?? null,
      unit: "×",
      pass: twoInstances ? twoInstances.ratio >= 1.5 : null,
      note: twoInstances ? undefined : "PostgreSQL not configured",
    },
    ...exportTargets,
    {
      id: "health-during-export",
      issue: "#5",
      description: `GET /api/health p95 while exports run back to back (worst format), ${connections} conn., PGlite`,
      threshold: `< ${BRIEFING_AT_SCALE.healthP95BudgetMs} ms`,
      measured: worstHealth?.health.p95 ?? null,
      unit: "ms",
      pass: worstHealth ? worstHealth.health.p95 < BRIEFING_AT_SCALE.healthP95BudgetMs : null,
      note: worstHealth ? `worst during the ${worstHealth.format} export` : "skipped" in atScale ? atScale.skipped : undefined,
    },
    {
      id: "first-load-js-dashboard",
      issue: "#6",
      description: `first-load JavaScript of the dashboard (${FIRST_LOAD_JS.path}), the <script src> of its HTML, gzip -9`,
      threshold: `< ${FIRST_LOAD_JS.budgetKb} kB`,
      measured: dashboardGzipKb ?? null,
      unit: "kB",
      pass: dashboardGzipKb === undefined ? null : dashboardGzipKb < FIRST_LOAD_JS.budgetKb,
      note:
        "skipped" in dashboardFromHtml
          ? dashboardFromHtml.skipped
          : `build manifests: ${round(dashboardFromBuild.gzipBytes / 1000, 1)} kB in ${dashboardFromBuild.chunks.length} chunks${sameAsBuild ? ", the same chunks as the HTML" : `; the HTML loads ${dashboardFromHtml.chunks.length} chunks, not the same ones`}`,
    },
  ];
}
