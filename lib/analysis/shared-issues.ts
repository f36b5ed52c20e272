// A team's issues on their way to the analysis workers (lib/workers/pool.ts). Every analysis scores all of them,
// 10,000 for a large team: copied into the worker with each call, they cost the request thread their
// serialisation and the worker their copy, with the keywords it had remembered for them to be found again from
// fresh strings. Instead they cross as UTF-8 JSON in a SharedArrayBuffer (shared, not copied), named by the
// watchlist's state, and each worker keeps the list of the last few it was given (as shared-releases.ts does
// with the lists' entries): a new state of the watchlist is a new name, read once.
import type { IssueToMatch } from "./issues";

export type SharedIssues = { key: string; issues: SharedArrayBuffer };

export function shareIssues(key: string, issues: readonly IssueToMatch[]): SharedIssues {
  const text = JSON.stringify(issues);
  const bytes = new SharedArrayBuffer(Buffer.byteLength(text));
  Buffer.from(bytes).write(text);
  return { key, issues: bytes };
}

/** Lists a worker keeps: a few teams' watchlists; the least recently used goes first. */
const KEPT = 8;
const resident = new Map<string, readonly IssueToMatch[]>();

/** The issues given, as the list this worker keeps for their name (read on first sight); a plain list as it is. */
export function residentIssues(given: SharedIssues | readonly IssueToMatch[]): readonly IssueToMatch[] {
  if (!("key" in given)) return given;
  let issues = resident.get(given.key);
  resident.delete(given.key);
  issues ??= JSON.parse(Buffer.from(given.issues).toString("utf8")) as IssueToMatch[];
  resident.set(given.key, issues);
  if (resident.size > KEPT) resident.delete(resident.keys().next().value!);
  return issues;
}
