// What the worker threads of lib/workers/pool.ts run. Each job takes and returns plain data (structured
// clone) and loads its code on first use, so a worker that only analyses never loads the exporters.
import type { DocumentInput, IssueToMatch, LearnedModel } from "@/lib/analysis/analyze";
import type { SharedIssues } from "@/lib/analysis/shared-issues";
import type { ScreeningQuery } from "@/lib/sanctions/match/score";
import type { SharedRelease } from "@/lib/sanctions/match/shared-releases";

export const jobs = {
  /** A briefing export from the snapshot as stored (lib/briefings/export/render-job.ts). */
  renderBriefing: async (snapshot: unknown, format: unknown) =>
    (await import("@/lib/briefings/export/render-job")).renderStoredBriefing(snapshot, format),
  /** A document's text as stored, its content hash, and its analysis against the team's issues. */
  analyzeDocument: async (input: DocumentInput, issues: SharedIssues | readonly IssueToMatch[], learned?: LearnedModel | null) => {
    const [{ analyzeDocument }, { cleanDocumentText, contentHash }, { residentIssues }] = await Promise.all([
      import("@/lib/analysis/analyze"),
      import("@/lib/analysis/text"),
      import("@/lib/analysis/shared-issues"),
    ]);
    const text = cleanDocumentText(input.text);
    return { text, hash: contentHash(text), analysis: analyzeDocument({ ...input, text }, residentIssues(issues), learned) };
  },
  /** The text of an uploaded file (lib/api/file-text.ts). */
  extractText: async (fileName: string, bytes: Uint8Array) => (await import("@/lib/api/file-text")).extractFileText(fileName, bytes),
  /** A captured page's article: text, title, byline, publisher, date (lib/api/page-text.ts). */
  extractPageText: async (contentType: string | null, bytes: Uint8Array) => (await import("@/lib/api/page-text")).extractPageText(contentType, bytes),
  /** A feed's body read into items (lib/feeds/read.ts): a feed of 10,000 items or a hostile one stalls no request. */
  readFeed: async (body: Uint8Array, contentType: string | null, url: string) => (await import("@/lib/feeds/read")).readFeed(body, contentType, url),
  /** New feed items scored against the team's issues (lib/feeds/relevance.ts). */
  scoreFeedItems: async (items: { title: string; text: string; url: string | null }[], issues: SharedIssues | readonly IssueToMatch[], learned?: LearnedModel | null) => {
    const [{ itemRelevance }, { residentIssues }] = await Promise.all([import("@/lib/feeds/relevance"), import("@/lib/analysis/shared-issues")]);
    const resident = residentIssues(issues);
    return items.map((item) => itemRelevance(item, resident, learned));
  },
  /** A team's relevance model trained on its labelled documents (lib/analysis/learned.ts): names recognised in each, seconds for thousands. */
  trainRelevanceModel: async (examples: { text: string; related: boolean }[]) => {
    const [{ featuresOf, NAME_CHARS, train }, { recognizeEntities }] = await Promise.all([import("@/lib/analysis/learned"), import("@/lib/analysis/entities")]);
    const names = (text: string) => recognizeEntities(text.slice(0, NAME_CHARS)).organizations.map((o) => o.name);
    return train(examples.map(({ text, related }) => ({ features: featuresOf(text, names(text)), related })));
  },
  /** The feeds a site's page advertises (lib/feeds/discover.ts). */
  advertisedFeeds: async (html: string, pageUrl: string) => (await import("@/lib/feeds/discover")).advertisedFeeds(html, pageUrl),
  /** Tracked entities screened against the lists' latest releases (lib/sanctions/match/shared-releases.ts). */
  screenEntities: async (releases: SharedRelease[], entities: ScreeningQuery[][]) =>
    (await import("@/lib/sanctions/match/shared-releases")).screenAgainstReleases(releases, entities),
};

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;
