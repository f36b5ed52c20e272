// In-process measurements on one database, run by bench/run.ts in a child process (the database is
// chosen by PGLITE_DATA_DIR or DATABASE_URL, exactly as for the app, and opened through lib/db):
// - the watchlist query through the real service (Prisma) against the very same SQL statements
//   replayed on the same driver adapter (captured while the service ran), and against one
//   hand-written statement: Prisma's own overhead, and the cost of its SQL shape;
// - the other services behind the measured routes, for the HTTP-vs-database split;
// - EXPLAIN ANALYZE of the statements, for the causes of any miss;
// - optionally the analysis of a 5,000-word article (pure, no database).
//
//   tsx --conditions=react-server bench/inprocess.ts <config.json> <result.json>
import { readFileSync, writeFileSync } from "node:fs";
import type { SqlDriverAdapter, SqlQuery } from "@prisma/driver-adapter-utils";
import type { InProcessConfig, InProcessResult, Timing } from "./lib/config";
import { SEARCH_BROAD, SEARCH_TYPICAL, WATCHLIST_Q, WATCHLIST_STATUS } from "./lib/config";
import { interleave, sample, summarize, type Budget } from "./lib/measure";
import { AwaitedScriptsPGlite, WholeScriptPrismaPg } from "@/lib/db/connection";

// ---------------------------------------------------------------- capture the adapter Prisma runs on
type Recorded = { query: SqlQuery; start: number; end: number };
let recording: Recorded[] | null = null;
const adapters: SqlDriverAdapter[] = [];

function recordingAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (query: SqlQuery) => {
    const entry = recording ? { query, start: performance.now(), end: 0 } : null;
    if (entry) recording!.push(entry);
    try {
      return await queryRaw(query);
    } finally {
      if (entry) entry.end = performance.now();
    }
  };
  adapters.push(adapter);
  return adapter;
}

for (const factory of [AwaitedScriptsPGlite, WholeScriptPrismaPg]) {
  const connect = factory.prototype.connect;
  factory.prototype.connect = async function (this: InstanceType<typeof factory>) {
    return recordingAdapter(await connect.call(this));
  } as typeof connect;
}

const { closeDatabase, databaseKind, db } = await import("@/lib/db/client");
const { getIssue } = await import("@/lib/services/issues");
const { listIssues } = await import("@/lib/services/watchlist");
const { searchDocuments, analyzeForTeam } = await import("@/lib/services/documents");
const { listIssuesQuerySchema } = await import("@/lib/validation/issues");
const { searchDocumentsQuerySchema } = await import("@/lib/validation/documents");
const { analyzeDocument } = await import("@/lib/analysis/analyze");
const { featuresOf, train, FULL_EXAMPLES } = await import("@/lib/analysis/learned");
const { loadCorpus } = await import("@/lib/analysis/corpus/load");
const { demoIssues } = await import("@/lib/seed/demo-data");
type Actor = import("@/lib/auth/actor").Actor;

const [configPath, outPath] = process.argv.slice(2);
if (!configPath || !outPath) throw new Error("usage: inprocess.ts <config.json> <result.json>");
const config = JSON.parse(readFileSync(configPath, "utf8")) as InProcessConfig;
const { manifest } = config;
const scale = (config.quick ? 0.25 : 1) * config.scale;
const budget = (warmup: number, min: number, max: number, seconds: number): Budget => ({
  warmup,
  min: Math.max(3, Math.round(min * scale)),
  max: Math.max(3, Math.round(max * scale)),
  budgetMs: seconds * 1000 * scale,
});
const log = (message: string) => process.stderr.write(`  [${config.label}] ${message}\n`);

const actor: Actor = {
  kind: "token",
  userId: manifest.userId,
  tokenId: manifest.tokenId,
  label: "token: benchmark",
  teamId: manifest.teamId,
  teamName: `Benchmark team`,
  role: "admin",
};

/** The statements one call makes, as the adapter received them. */
async function capture(fn: () => Promise<unknown>): Promise<Recorded[]> {
  recording = [];
  try {
    await fn();
    return recording;
  } finally {
    recording = null;
  }
}

/** Replays captured statements on the adapter, keeping the concurrency the service had (overlapping calls run together). */
function replayer(adapter: SqlDriverAdapter, statements: Recorded[]) {
  const waves: { queries: SqlQuery[]; end: number }[] = [];
  for (const s of statements) {
    const last = waves[waves.length - 1];
    if (last && s.start < last.end) {
      last.queries.push(s.query);
      last.end = Math.max(last.end, s.end);
    } else {
      waves.push({ queries: [s.query], end: s.end });
    }
  }
  return async () => {
    for (const wave of waves) await Promise.all(wave.queries.map((q) => adapter.queryRaw(q)));
  };
}

async function explain(adapter: SqlDriverAdapter, statements: Recorded[]) {
  const plans = [];
  for (const { query } of statements) {
    const result = await adapter.queryRaw({ ...query, sql: `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}` });
    plans.push({ sql: query.sql, plan: result.rows.map((r) => String(r[0])) });
  }
  return plans;
}

const str = { scalarType: "string", arity: "scalar" } as const;

/** The watchlist page as one would write it by hand: one statement, page first, evidence aggregates for the page only. */
function handwrittenWatchlist(adapter: SqlDriverAdapter, pageSize: number) {
  const query: SqlQuery = {
    sql: `
      WITH filtered AS (
        SELECT i.* FROM "issue" i
        WHERE i."teamId" = $1 AND i."deletedAt" IS NULL AND i."status" = $2::"IssueStatus"
      ), page AS (
        SELECT * FROM filtered ORDER BY "riskScore" DESC, "updatedAt" DESC, "id" ASC LIMIT ${pageSize}
      )
      SELECT p."id", p."title", p."summary", c."slug", c."name", p."status"::text, p."likelihood"::text, p."impact", p."riskScore",
             p."jurisdictions", p."actors", p."hsCodes", p."tags", p."ownerId", p."nextReviewAt", p."version",
             p."createdAt", p."updatedAt", p."deletedAt", ev.n AS "evidenceCount", ev.last AS "lastEvidenceAt",
             (SELECT count(*) FROM filtered)::int AS total
      FROM page p
      JOIN "category" c ON c."id" = p."categoryId"
      LEFT JOIN LATERAL (SELECT count(*)::int AS n, max(e."createdAt") AS last FROM "evidence" e WHERE e."issueId" = p."id") ev ON true
      ORDER BY p."riskScore" DESC, p."updatedAt" DESC, p."id" ASC`,
    args: [actor.teamId, WATCHLIST_STATUS.status],
    argTypes: [str, str],
  };
  return { query, run: () => adapter.queryRaw(query) };
}

const timing = (samples: number[]): Timing => summarize(samples);

async function main(): Promise<InProcessResult> {
  const explainPlans: InProcessResult["explain"] = {};
  let analysis: InProcessResult["analysis"];

  if (config.analysis) {
    // Pure analysis first, before any database work shares the CPU.
    const text = readFileSync(config.articlePath, "utf8");
    const words = text.split(/\s+/).filter(Boolean).length;
    const demo = demoIssues.map((issue, i) => ({
      id: `demo-${i}`,
      title: issue.title,
      summary: issue.summary,
      categorySlug: issue.category,
      actors: issue.actors,
      hsCodes: issue.hsCodes,
      tags: issue.tags,
    }));
    log(`analyzeDocument on a ${words}-word article`);
    const pure = await sample(() => analyzeDocument({ text }, demo), budget(5, 50, 50, 60));
    // The same with a team's learned model at full weight (issue 16), trained on the labelled corpus's texts.
    const trained = train(loadCorpus().map((t) => ({ features: featuresOf(t.text), related: t.related })));
    const learned = { ...trained, positives: Math.max(trained.positives, FULL_EXAMPLES), negatives: Math.max(trained.negatives, FULL_EXAMPLES) };
    log(`analyzeDocument with a learned model (${learned.weights.length} features)`);
    const withModel = await sample(() => analyzeDocument({ text }, demo, learned), budget(5, 50, 50, 60));
    analysis = { words, analyzeDocument: timing(pure), analyzeDocumentLearned: timing(withModel), analyzeDocumentWithTeamIssues: timing([]), teamIssues: 0 };
  }

  const opened = performance.now();
  await db.$queryRaw`SELECT 1`;
  const openSeconds = (performance.now() - opened) / 1000;
  const adapter = adapters[0];
  if (!adapter) throw new Error("Could not capture the driver adapter (lib/db/connection changed?)");
  log(`database open (${databaseKind()}) in ${openSeconds.toFixed(1)} s`);

  // ------------------------------------------------------------ the watchlist: Prisma vs the same SQL vs hand-written SQL
  const statusQuery = listIssuesQuerySchema.parse(WATCHLIST_STATUS);
  const first = await listIssues(actor, statusQuery);
  if (first.items.length === 0) throw new Error("The watchlist query returned no rows: is the dataset there?");
  const statusStatements = await capture(() => listIssues(actor, statusQuery));
  const handwritten = handwrittenWatchlist(adapter, statusQuery.pageSize);
  const check = await handwritten.run();
  const handIds = check.rows.map((r) => String(r[0])).join();
  if (handIds !== first.items.map((i) => i.id).join()) throw new Error("The hand-written watchlist statement does not return the service's page: fix bench/inprocess.ts");
  log(`watchlist (status): ${statusStatements.length} statements; Prisma vs replayed SQL vs hand-written SQL`);
  const status = await interleave(
    {
      prisma: () => listIssues(actor, statusQuery),
      replayedSql: replayer(adapter, statusStatements),
      handwrittenSql: handwritten.run,
    },
    budget(10, 30, 300, 15),
  );
  explainPlans["watchlist (status)"] = await explain(adapter, statusStatements);
  explainPlans["watchlist (status), hand-written"] = await explain(adapter, [{ query: handwritten.query, start: 0, end: 0 }]);
  const watchlist: InProcessResult["watchlist"] = {
    status: {
      prisma: timing(status.prisma!),
      replayedSql: timing(status.replayedSql!),
      handwrittenSql: timing(status.handwrittenSql!),
      statements: statusStatements.length,
      sql: statusStatements.map((s) => s.query.sql),
    },
  };

  const services: NonNullable<InProcessResult["services"]> = {};
  if (config.mode === "full") {
    const qQuery = listIssuesQuerySchema.parse(WATCHLIST_Q);
    const qStatements = await capture(() => listIssues(actor, qQuery));
    log(`watchlist (q=${WATCHLIST_Q.q})`);
    const q = await interleave({ prisma: () => listIssues(actor, qQuery), replayedSql: replayer(adapter, qStatements) }, budget(3, 15, 100, 10));
    watchlist.q = { prisma: timing(q.prisma!), replayedSql: timing(q.replayedSql!), statements: qStatements.length };
    explainPlans[`watchlist (q=${WATCHLIST_Q.q})`] = await explain(adapter, qStatements);

    for (const [name, term] of [
      ["search (typical)", SEARCH_TYPICAL],
      ["search (broad)", SEARCH_BROAD],
    ] as const) {
      const query = searchDocumentsQuerySchema.parse({ q: term });
      const page = await searchDocuments(actor, query);
      log(`${name}: "${term}" matches ${page.total} documents`);
      const statements = await capture(() => searchDocuments(actor, query));
      services[name] = { ...timing(await sample(() => searchDocuments(actor, query), budget(2, 10, 100, 8))), note: `q=${term}, ${page.total} matches` };
      explainPlans[name] = await explain(adapter, statements);
    }

    const statsModule = "@/lib/services/stats";
    const stats = (await import(statsModule).catch(() => null)) as { getStats?: (actor: Actor) => Promise<unknown> } | null;
    if (stats?.getStats) {
      const getStats = stats.getStats;
      log("stats");
      await getStats(actor);
      const statements = await capture(() => getStats(actor));
      services["stats"] = { ...timing(await sample(() => getStats(actor), budget(2, 15, 100, 8))), note: `${statements.length} statements` };
      explainPlans["stats"] = await explain(adapter, statements);
    }

    log(`issue detail (the busiest issue, ${manifest.busiestIssueEvidence} evidence)`);
    const detailStatements = await capture(() => getIssue(actor, manifest.busiestIssueId));
    services["issue detail (busiest)"] = {
      ...timing(await sample(() => getIssue(actor, manifest.busiestIssueId), budget(2, 15, 100, 6))),
      note: `${manifest.busiestIssueEvidence} evidence rows, ${detailStatements.length} statements`,
    };
    explainPlans["issue detail (busiest)"] = await explain(adapter, detailStatements);

    if (config.analysis && analysis) {
      const text = readFileSync(config.articlePath, "utf8");
      log("analyzeForTeam: the article against all the team's issues");
      const teamIssues = await db.issue.findMany({
        where: { teamId: actor.teamId, deletedAt: null },
        select: { id: true, title: true, summary: true, actors: true, hsCodes: true, tags: true, category: { select: { slug: true } } },
      });
      const toMatch = teamIssues.map(({ category, ...issue }) => ({ ...issue, categorySlug: category.slug }));
      analysis.teamIssues = toMatch.length;
      analysis.analyzeDocumentWithTeamIssues = timing(await sample(() => analyzeDocument({ text }, toMatch), budget(1, 3, 10, 8)));
      services["analyzeForTeam (5,000 words)"] = {
        ...timing(await sample(() => analyzeForTeam(actor, { text }), budget(1, 3, 10, 10))),
        note: `${toMatch.length} team issues ranked`,
      };
    }
  }

  return {
    label: config.label,
    database: databaseKind(),
    watchlist,
    services,
    analysis,
    explain: explainPlans,
    openSeconds,
  };
}

try {
  const result = await main();
  writeFileSync(outPath, JSON.stringify(result, null, 2));
} finally {
  await closeDatabase();
}

export {};
