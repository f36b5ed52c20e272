import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as analyze from "@/app/api/documents/analyze/route";
import { analyzeDocument, type IssueToMatch } from "@/lib/analysis/analyze";
import { loadCorpus } from "@/lib/analysis/corpus/load";
import { db } from "@/lib/db/client";
import { trainAllRelevanceJob, trainRelevanceJob } from "@/lib/jobs/handlers/train-relevance";
import { demoIssues } from "@/lib/seed/demo-data";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { serve, startFeedServer, type FeedServer } from "@/lib/testing/feed-server";
import { call } from "@/lib/testing/http";
import { analyzeForTeam, createDocument } from "./documents";
import { issuesToMatch } from "./issues-to-match";
import { linkEvidence } from "./evidence";
import { pollFeed } from "./feeds/poll";
import { bulkDismissInbox } from "./inbox";
import { relevanceModelFor, trainingExamples } from "./relevance-model";

// Issue 16 item 1: a team's relevance learned from its decisions. The "learning" team triages real texts of the
// labelled corpus through the services the app uses (items accepted into the library with evidence, documents
// linked, items dismissed); the job trains its model from those rows; the model moves a borderline release's
// relevance (analysis, API and inbox) for that team only. The "untrained" team has the same watchlist and none.
process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";

withTestDatabase();

const corpus = loadCorpus();
// Held out of training: a release on the watchlist's theater that the taxonomy finds only just related (0.55).
const borderline = corpus.find((t) => t.id === "r26")!;
const training = corpus.filter((t) => t !== borderline);

let learning: TestTeam;
let untrained: TestTeam;
let server: FeedServer;

async function withDemoIssues(team: TestTeam): Promise<string[]> {
  const ids: string[] = [];
  for (const { title, summary, category, status, likelihood, impact, jurisdictions, actors, hsCodes, tags } of demoIssues) {
    ids.push((await createTestIssue(team.actors.analyst, { title, summary, category, status, likelihood, impact, jurisdictions, actors, hsCodes, tags })).id);
  }
  return ids;
}

/** An item as a feed poll leaves it in the inbox. */
async function inboxItem(team: TestTeam, text: { title: string; text: string; id: string }) {
  const row = await db.inboxItem.create({
    data: { teamId: team.teamId, title: text.title, text: text.text, url: `https://example.org/${text.id}`, contentHash: randomBytes(16).toString("hex"), relevance: 0.5 },
  });
  return row.id;
}

/** The first sentence-like stretch of a text: a quote that is its exact substring. */
const quoteOf = (text: string) => text.trim().split("\n")[0]!.slice(0, 200).trim();

beforeAll(async () => {
  learning = await createTestTeam("Learning");
  untrained = await createTestTeam("Untrained");
  const [issueId] = await withDemoIssues(learning);
  await withDemoIssues(untrained);
  const analyst = learning.actors.analyst;
  // The related texts: every other one accepted from the inbox with a link, the rest saved and linked directly.
  for (const [i, t] of training.filter((t) => t.related).entries()) {
    const evidence = [{ issueId: issueId!, quote: quoteOf(t.text), credibility: 2, stance: "escalating" as const, note: "" }];
    if (i % 2 === 0) await createDocument(analyst, { text: t.text, title: t.title, inboxItemId: await inboxItem(learning, t), evidence });
    else {
      const document = await createDocument(analyst, { text: t.text, title: t.title, evidence: [] });
      await linkEvidence(analyst, issueId!, { documentId: document.id, quote: quoteOf(t.text), credibility: 3, stance: "context", note: "" });
    }
  }
  const dismissed = [];
  for (const t of training.filter((t) => !t.related)) dismissed.push(await inboxItem(learning, t));
  await bulkDismissInbox(analyst, { ids: dismissed, reason: "Not our watchlist" });
  server = await startFeedServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
  await purgeTeam(learning.teamId);
  await purgeTeam(untrained.teamId);
});

describe("the job relevance.train", () => {
  it("reads the team's decisions: linked documents and accepted items once each, dismissed items", async () => {
    const examples = await trainingExamples(learning.teamId);
    expect(examples.filter((e) => e.related)).toHaveLength(training.filter((t) => t.related).length);
    expect(examples.filter((e) => !e.related)).toHaveLength(training.filter((t) => !t.related).length);
  });

  it("trains the team's model from them and stores it", async () => {
    const outcome = await trainRelevanceJob.handle({ teamId: learning.teamId }, { id: "test" });
    expect(outcome).toMatchObject({ status: "trained", positives: training.filter((t) => t.related).length, negatives: training.filter((t) => !t.related).length });
    const row = await db.relevanceModel.findUniqueOrThrow({ where: { teamId: learning.teamId } });
    expect(row.positives).toBeGreaterThanOrEqual(10);
    expect(JSON.stringify(row.model).length).toBeLessThan(200_000);
    expect(await relevanceModelFor(learning.teamId)).toMatchObject({ version: 1, positives: row.positives });
  });

  it("stores nothing for a team without decisions of both kinds", async () => {
    expect(await trainRelevanceJob.handle({ teamId: untrained.teamId }, { id: "test" })).toMatchObject({ status: "no examples" });
    expect(await db.relevanceModel.count({ where: { teamId: untrained.teamId } })).toBe(0);
    expect(await relevanceModelFor(untrained.teamId)).toBeNull();
  });

  it("daily, sends a training for every team that has dismissed anything (none without a running queue here)", async () => {
    // No queue runs in this process: the sweep's enqueue refuses, which the job's retry would meet too.
    await expect(trainAllRelevanceJob.handle({}, { id: "test" })).rejects.toThrow(/queue is not running/);
  });

  it("reads the newest model after a retraining, not the one it held", async () => {
    const before = await relevanceModelFor(learning.teamId);
    await db.relevanceModel.update({ where: { teamId: learning.teamId }, data: { trainedAt: new Date(Date.now() + 1000), model: { ...before!, bias: before!.bias + 1 } } });
    expect((await relevanceModelFor(learning.teamId))?.bias).toBe(before!.bias + 1);
    await trainRelevanceJob.handle({ teamId: learning.teamId }, { id: "test" });
    expect(await relevanceModelFor(learning.teamId)).toEqual({ ...before, bias: before!.bias });
  });
});

describe("relevance with the team's model", () => {
  const explained = (a: { relevanceExplained: { reasons: { part: string; weight: number; found: string[] }[] } }) => a.relevanceExplained.reasons.find((r) => r.part === "learned");

  it("moves a borderline release on the team's theater up for the team that learned, saying what moved it", async () => {
    const mine = await analyzeForTeam(learning.actors.analyst, { text: borderline.text });
    const theirs = await analyzeForTeam(untrained.actors.analyst, { text: borderline.text });
    expect(mine.relevance).toBeGreaterThan(theirs.relevance);
    expect(explained(mine)?.weight).toBeGreaterThan(0);
    expect(explained(mine)?.found.length).toBeGreaterThan(0);
    // The taxonomy's parts are the same for both teams: only the learned part differs.
    expect(mine.relevanceExplained.reasons.filter((r) => r.part !== "learned")).toEqual(theirs.relevanceExplained.reasons);
  });

  it("leaves a team without a model exactly where the taxonomy puts it", async () => {
    const issues: readonly IssueToMatch[] = await issuesToMatch(untrained.teamId);
    const theirs = await analyzeForTeam(untrained.actors.analyst, { text: borderline.text });
    const { text: _text, duplicateOf: _duplicate, ...analysis } = theirs;
    expect(analysis).toEqual(analyzeDocument({ text: theirs.text }, issues));
    expect(explained(theirs)).toBeUndefined();
  });

  it("returns the learned part from POST /api/documents/analyze", async () => {
    const response = await call(analyze.POST, "POST", "/api/documents/analyze", { token: learning.tokens.analyst, body: { text: borderline.text } });
    expect(response.status).toBe(200);
    const result = response.json as unknown as { relevance: number; relevanceExplained: { reasons: { part: string; weight: number; found: string[] }[] } };
    expect(explained(result)).toMatchObject({ part: "learned" });
  });

  it("scores an arriving inbox item with the team's model, and another team's item without it", async () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>Releases</title><link>https://bis.example/</link><item><title>${borderline.title}</title><link>https://bis.example/r26</link><guid>r26</guid><description><![CDATA[${borderline.text}]]></description></item></channel></rss>`;
    server.routes.set("/releases", serve("application/rss+xml", rss));
    const arrived: Record<string, number | null> = {};
    for (const team of [learning, untrained]) {
      const sourceId = (await db.source.create({ data: { teamId: team.teamId, name: "BIS" } })).id;
      const feed = await db.feed.create({ data: { teamId: team.teamId, sourceId, url: `${server.base}/releases`, title: "Releases", nextPollAt: new Date(Date.now() - 1000) } });
      expect(await pollFeed(feed.id)).toMatchObject({ status: "polled", newItems: 1 });
      arrived[team.teamId] = (await db.inboxItem.findFirstOrThrow({ where: { feedId: feed.id } })).relevance;
    }
    expect(arrived[learning.teamId]).toBeGreaterThan(arrived[untrained.teamId]!);
  });
});
