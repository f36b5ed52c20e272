import { analyzeDocument, type IssueToMatch, type LearnedModel } from "@/lib/analysis/analyze";
import { relevanceReasonLines } from "@/lib/analysis/relevance-reasons";

// An inbox item's relevance on arrival: the item analysed against the team's watchlist the way
// POST /api/documents/analyze analyses a document, its relevance the analysis's (0 to 1, comparable across
// items and teams; lib/analysis/relevance.ts) and the issues it speaks to, best first. A team without issues
// has nothing to be relevant to: 0. The team's learned model, when it has one, moves the figure as it moves a document's.

/** The issues kept per item, best first: enough to filter the inbox by issue. */
export const ISSUES_KEPT = 5;

/** `reasons`: what moved the relevance, one line per part (relevance-reasons.ts). */
export type ItemRelevance = { relevance: number; issueIds: string[]; reasons: string[] };

export function itemRelevance(item: { title: string; text: string; url: string | null }, issues: readonly IssueToMatch[], learned?: LearnedModel | null): ItemRelevance {
  if (issues.length === 0) return { relevance: 0, issueIds: [], reasons: [] };
  const analysis = analyzeDocument({ text: `${item.title}\n\n${item.text}`, title: item.title, ...(item.url ? { url: item.url } : {}) }, issues, learned);
  return { relevance: analysis.relevance, issueIds: analysis.issues.slice(0, ISSUES_KEPT).map((match) => match.issueId), reasons: relevanceReasonLines(analysis.relevanceExplained) };
}
