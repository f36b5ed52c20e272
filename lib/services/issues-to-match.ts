import "server-only";
import type { IssueToMatch } from "@/lib/analysis/analyze";
import { shareIssues, type SharedIssues } from "@/lib/analysis/shared-issues";
import { db } from "@/lib/db/client";

// The team's issues as the analysis matches them: every issue of the team is scored, thousands for a large
// team, on every analysis (POST /api/documents/analyze) and every feed poll. Reading 10,000 issues with
// their arrays cost as much as the analysis itself on PGlite, and they rarely change between two analyses:
// each process keeps the last list of a few teams, checked against the watchlist's state before each use, and
// shares it with the analysis workers once per state (lib/analysis/shared-issues.ts).

/** Teams whose list is kept; the least recently used goes first. */
const TEAMS_KEPT = 8;

type Kept = { state: string; issues: IssueToMatch[]; shared?: SharedIssues };
const kept = new Map<string, Kept>();

/**
 * What changes whenever an issue the analysis sees changes: every write of an issue goes through Prisma,
 * which sets updatedAt and, for an edit, a delete or a restore, raises its version; a purge lowers the count.
 * One pass over the team's issues, cheap next to reading them.
 */
async function watchlistState(teamId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ issues: number; versions: bigint | null; changed: Date | null }[]>`
    SELECT count(*)::int AS "issues", sum("version") AS "versions", max("updatedAt") AS "changed"
    FROM "issue" WHERE "teamId" = ${teamId}`;
  return `${row?.issues ?? 0}:${row?.versions ?? 0}:${row?.changed?.toISOString() ?? ""}`;
}

function readIssues(teamId: string): Promise<IssueToMatch[]> {
  // One statement, not Prisma's issue query plus its category query (about 40 % faster with 10,000 issues).
  return db.$queryRaw<IssueToMatch[]>`
    SELECT i."id", i."title", i."summary", i."actors", i."hsCodes", i."tags", i."jurisdictions", c."slug" AS "categorySlug"
    FROM "issue" i JOIN "category" c ON c."id" = i."categoryId"
    WHERE i."teamId" = ${teamId} AND i."deletedAt" IS NULL`;
}

/** The team's live issues with their category's slug. The list is shared between callers: read it, never change it. */
export async function issuesToMatch(teamId: string): Promise<readonly IssueToMatch[]> {
  return (await keptFor(teamId)).issues;
}

/** The same, and as they go to the analysis workers: named by the team and the watchlist's state. */
export async function teamIssues(teamId: string): Promise<{ issues: readonly IssueToMatch[]; shared: SharedIssues }> {
  const known = await keptFor(teamId);
  known.shared ??= shareIssues(`${teamId} ${known.state}`, known.issues);
  return { issues: known.issues, shared: known.shared };
}

async function keptFor(teamId: string): Promise<Kept> {
  const state = await watchlistState(teamId);
  const known = kept.get(teamId);
  kept.delete(teamId);
  if (known?.state === state) {
    kept.set(teamId, known);
    return known;
  }
  const issues = await readIssues(teamId);
  // Read after the state: a change in between makes the next call read again, never keep a stale list.
  const fresh: Kept = { state, issues };
  kept.set(teamId, fresh);
  if (kept.size > TEAMS_KEPT) kept.delete(kept.keys().next().value!);
  return fresh;
}
