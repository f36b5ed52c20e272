// What the benchmark measures: the queries, the routes and the budgets, in one place.
import type { DatasetManifest } from "./dataset";

/** The watchlist's first page, filtered and sorted as in issue 3. */
export const WATCHLIST_STATUS = { status: "warning_issued", sort: "-risk" } as const;
/** Free-text watchlist search (ILIKE on title and summary, exact on actors and tags). */
export const WATCHLIST_Q = { q: "Kazakhstan", sort: "-risk" } as const;
/** A specific library search (about 9 % of the generated documents match) … */
export const SEARCH_TYPICAL = "machine tools";
/** … and a broad one (about a third of them match): "sanctions" in a sanctions library. */
export const SEARCH_BROAD = "sanctions";
export const ARTICLE_WORDS = 5_000;

/**
 * Issue 5 at scale: a briefing of 200 issues citing about 2,000 evidence items (the snapshot cites every
 * evidence row of each issue), each format exported under 3 s, and GET /api/health p95 under 50 ms while
 * exports run. Each format is timed `runs` times (`quickRuns` with --quick) after a first export (reported, not counted).
 */
export const BRIEFING_AT_SCALE = { issues: 200, evidence: 2_000, exportBudgetMs: 3_000, healthP95BudgetMs: 50, runs: 5, quickRuns: 3 } as const;

/** Issue 6: the dashboard (`/`, app/(app)/page.tsx) loads under 250 kB of JavaScript, gzipped. */
export const FIRST_LOAD_JS = { path: "/", buildRoute: "/(app)/page", budgetKb: 250 } as const;

export type InProcessConfig = {
  label: string;
  manifest: DatasetManifest;
  /** "full": every in-process figure; "watchlist": only the watchlist query (the growth baseline). */
  mode: "full" | "watchlist";
  /** Also time the pure analysis of the long article (no database). */
  analysis: boolean;
  articlePath: string;
  quick: boolean;
  /** Multiplies the iteration counts and time budgets (a figure only for comparison needs fewer runs). */
  scale: number;
};

export type Timing = { n: number; mean: number; p50: number; p95: number; p99: number; min: number; max: number };

export type InProcessResult = {
  label: string;
  database: "pglite" | "postgres";
  watchlist: {
    status: { prisma: Timing; replayedSql: Timing; handwrittenSql: Timing; statements: number; sql: string[] };
    q?: { prisma: Timing; replayedSql: Timing; statements: number };
  };
  services?: Record<string, Timing & { note?: string }>;
  analysis?: { words: number; analyzeDocument: Timing; analyzeDocumentLearned?: Timing; analyzeDocumentWithTeamIssues: Timing; teamIssues: number };
  explain: Record<string, { sql: string; plan: string[] }[]>;
  openSeconds: number;
};
