// The routes the bench loads over HTTP, and the shape of what it measures on each.
import { SEARCH_BROAD, SEARCH_TYPICAL, WATCHLIST_Q, WATCHLIST_STATUS } from "./config";
import type { DatasetManifest } from "./dataset";
import type { CpuUse } from "./cpu";
import type { LoadResult, loadTogether } from "./load";

export type Auth = "none" | "token" | "cookie";
export type RouteSpec = { id: string; label: string; path: string; auth: Auth; required?: boolean; pgliteOnly?: boolean; connections?: number };

export const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

export function routesFor(manifest: DatasetManifest): RouteSpec[] {
  return [
    { id: "health", label: "GET /api/health", path: "/api/health", auth: "none", required: true },
    { id: "issues", label: `GET /api/issues?${query(WATCHLIST_STATUS)}`, path: `/api/issues?${query(WATCHLIST_STATUS)}`, auth: "token", required: true },
    { id: "issues-1c", label: `GET /api/issues?${query(WATCHLIST_STATUS)} (1 connection)`, path: `/api/issues?${query(WATCHLIST_STATUS)}`, auth: "token", required: true, connections: 1, pgliteOnly: true },
    { id: "issues-q", label: `GET /api/issues?${query(WATCHLIST_Q)}`, path: `/api/issues?${query(WATCHLIST_Q)}`, auth: "token", required: true },
    { id: "issues-q-1c", label: `GET /api/issues?${query(WATCHLIST_Q)} (1 connection)`, path: `/api/issues?${query(WATCHLIST_Q)}`, auth: "token", required: true, connections: 1, pgliteOnly: true },
    { id: "issues-cookie", label: `GET /api/issues?${query(WATCHLIST_STATUS)} (session cookie)`, path: `/api/issues?${query(WATCHLIST_STATUS)}`, auth: "cookie", required: true, pgliteOnly: true },
    { id: "search", label: `GET /api/documents?q=${SEARCH_TYPICAL}`, path: `/api/documents?${query({ q: SEARCH_TYPICAL })}`, auth: "token", required: true },
    { id: "search-1c", label: `GET /api/documents?q=${SEARCH_TYPICAL} (1 connection)`, path: `/api/documents?${query({ q: SEARCH_TYPICAL })}`, auth: "token", required: true, connections: 1, pgliteOnly: true },
    { id: "search-broad", label: `GET /api/documents?q=${SEARCH_BROAD}`, path: `/api/documents?${query({ q: SEARCH_BROAD })}`, auth: "token", required: true },
    { id: "search-broad-1c", label: `GET /api/documents?q=${SEARCH_BROAD} (1 connection)`, path: `/api/documents?${query({ q: SEARCH_BROAD })}`, auth: "token", required: true, connections: 1, pgliteOnly: true },
    { id: "issue-detail", label: `GET /api/issues/{id} (the busiest: ${manifest.busiestIssueEvidence} evidence)`, path: `/api/issues/${manifest.busiestIssueId}`, auth: "token", required: true },
    // Issue 17: the busiest issue's evidence a page at a time, through the API and on its page.
    { id: "issue-detail-1c", label: `GET /api/issues/{id} (the busiest: ${manifest.busiestIssueEvidence} evidence) (1 connection)`, path: `/api/issues/${manifest.busiestIssueId}`, auth: "token", required: true, connections: 1, pgliteOnly: true },
    { id: "issue-evidence-1c", label: "GET /api/issues/{id}/evidence?page=2 (the busiest) (1 connection)", path: `/api/issues/${manifest.busiestIssueId}/evidence?page=2`, auth: "token", required: true, connections: 1, pgliteOnly: true },
    { id: "issue-page-1c", label: "GET /issues/{id}, the page (the busiest) (1 connection)", path: `/issues/${manifest.busiestIssueId}`, auth: "cookie", required: true, connections: 1, pgliteOnly: true },
    // Issue 14: the inbox page, new items newest first, with 50,000 items in the inbox.
    { id: "inbox-page-1c", label: "GET /inbox, the page (50,000 items) (1 connection)", path: "/inbox", auth: "cookie", required: true, connections: 1, pgliteOnly: true },
    { id: "stats", label: "GET /api/stats", path: "/api/stats", auth: "token" },
    { id: "stats-1c", label: "GET /api/stats (1 connection)", path: "/api/stats", auth: "token", connections: 1, pgliteOnly: true },
    { id: "briefing-md", label: "GET /api/briefings/{id}/export?format=md (25 issues)", path: "", auth: "token", pgliteOnly: true },
    { id: "briefing-pdf", label: "GET /api/briefings/{id}/export?format=pdf (25 issues)", path: "", auth: "token" },
  ];
}

export type HttpResult = (LoadResult & { label: string; path: string; p95VsHealth?: number }) | { label: string; skipped: string };

/** Per server (pglite, postgres, bare), per route id. */
export type Http = Record<string, Record<string, HttpResult>>;

/** GET /api/issues on PostgreSQL with one app instance, then two, and the cores each party used meanwhile. */
export type TwoInstances = { one: LoadResult; two: Awaited<ReturnType<typeof loadTogether>>; ratio: number; cpu: { one: CpuUse | null; two: CpuUse | null } };
