import { analyzeDocument, type IssueToMatch } from "@/lib/analysis/analyze";

// An inbox item's relevance on arrival: the item analysed against the team's watchlist the way
// POST /api/documents/analyze analyses a document, its relevance the analysis's (0 to 1, comparable across
// items and teams; lib/analysis/relevance.ts) and the issues it speaks to, best first. A team without issues
// has nothing to be relevant to: 0.

/** The issues kept per item, best first: enough to filter the inbox by issue. */
export const ISSUES_KEPT = 5;

export type ItemRelevance = { relevance: number; issueIds: string[] };

export function itemRelevance(item: { title: string; text: string; url: string | null }, issues: readonly IssueToMatch[]): ItemRelevance {
  if (issues.length === 0) return { relevance: 0, issueIds: [] };
  const analysis = analyzeDocument({ text: `${item.title}\n\n${item.text}`, title: item.title, ...(item.url ? { url: item.url } : {}) }, issues);
  return { relevance: analysis.relevance, issueIds: analysis.issues.slice(0, ISSUES_KEPT).map((match) => match.issueId) };
}
