// Issue 5 at scale: a briefing of a few hundred issues and a few thousand evidence items, every export
// format timed, and GET /api/health loaded while exports run (they render on worker threads, so the
// server should keep answering meanwhile).
import type { BriefingFormatName } from "@/lib/briefings/export/formats";
import { load, type LoadResult } from "./load";
import { round, summarize, type Summary } from "./measure";

type Headers = Record<string, string>;

export type LargeBriefing = { id: string; issues: number; evidence: number; createMs: number };

export type ExportResult = {
  format: BriefingFormatName;
  path: string;
  /** The first export of the format (its code and renderer loaded), not counted in `runs`. */
  firstMs: number;
  runs: Summary;
  bytes: number;
  /** Export requests (first, timed and under load) that did not answer 200. */
  errors: number;
  /** GET /api/health under autocannon while exports of this format ran back to back. */
  health: LoadResult;
  exportsDuringHealth: Summary;
};

export type BriefingAtScale = { briefing: LargeBriefing; formats: ExportResult[] } | { skipped: string };

/**
 * Picks `want.issues` issues citing about `want.evidence` evidence items in all, walking the watchlist
 * from the highest risk down (as an analyst would pick them), and creates a briefing of them.
 */
export async function createLargeBriefing(base: string, headers: Headers, want: { issues: number; evidence: number }): Promise<LargeBriefing | { skipped: string }> {
  const picked: string[] = [];
  let cited = 0;
  for (let page = 1; picked.length < want.issues; page++) {
    const params = new URLSearchParams({ sort: "-risk", pageSize: "100", page: String(page) });
    const response = await fetch(`${base}/api/issues?${params}`, { headers, signal: AbortSignal.timeout(120_000) });
    if (!response.ok) throw new Error(`GET /api/issues?${params} answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
    const { items } = (await response.json()) as { items: { id: string; evidenceCount: number }[] };
    if (items.length === 0) break; // the whole watchlist seen: the briefing has fewer issues (reported)
    for (const issue of items) {
      if (picked.length === want.issues) break;
      // The average still needed per issue left to pick: an issue within half of it keeps the total on course.
      const perIssue = (want.evidence - cited) / (want.issues - picked.length);
      if (Math.abs(issue.evidenceCount - perIssue) <= perIssue / 2) {
        picked.push(issue.id);
        cited += issue.evidenceCount;
      }
    }
  }
  const started = performance.now();
  const response = await fetch(`${base}/api/briefings`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ title: `Benchmark briefing: ${picked.length} issues at scale`, marking: "TLP:CLEAR", issueIds: picked }),
    signal: AbortSignal.timeout(300_000),
  });
  const body = await response.text();
  const createMs = round(performance.now() - started);
  if (response.status === 404 || response.status === 405) return { skipped: `POST /api/briefings is not there (${response.status})` };
  if (response.status !== 201) return { skipped: `POST /api/briefings answered ${response.status}: ${body.slice(0, 200)}` };
  const briefing = JSON.parse(body) as { id: string; snapshot: { issues: { evidence: unknown[] }[] } };
  // Counted in the stored snapshot: what every export renders.
  const evidence = briefing.snapshot.issues.reduce((sum, issue) => sum + issue.evidence.length, 0);
  return { id: briefing.id, issues: briefing.snapshot.issues.length, evidence, createMs };
}

async function timeExport(url: string, headers: Headers) {
  const started = performance.now();
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(120_000) });
  const bytes = (await response.arrayBuffer()).byteLength;
  return { ms: performance.now() - started, bytes, ok: response.status === 200 };
}

/**
 * One format: a first export, `runs` timed exports one after another on an otherwise idle server, then
 * `seconds` of autocannon on GET /api/health while exports of the format run back to back.
 */
export async function measureExport(
  base: string,
  headers: Headers,
  briefingId: string,
  format: BriefingFormatName,
  options: { runs: number; seconds: number; connections: number },
): Promise<ExportResult> {
  const path = `/api/briefings/${briefingId}/export?format=${format}`;
  const first = await timeExport(base + path, headers);
  const timed = [];
  for (let i = 0; i < options.runs; i++) timed.push(await timeExport(base + path, headers));

  let loading = true;
  const health = load(`${base}/api/health`, { connections: options.connections, seconds: options.seconds }).finally(() => (loading = false));
  const during = [];
  while (loading) during.push(await timeExport(base + path, headers));

  return {
    format,
    path,
    firstMs: round(first.ms),
    runs: summarize(timed.map((t) => t.ms)),
    bytes: timed[0]?.bytes ?? first.bytes,
    errors: [first, ...timed, ...during].filter((t) => !t.ok).length,
    health: await health,
    exportsDuringHealth: summarize(during.map((t) => t.ms)),
  };
}
