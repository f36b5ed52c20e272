// The fixes recommended for the benchmark's misses, measured on a copy of the cached large PGlite
// dataset (run `npm run bench` once first). Changes nothing in the app or the cache: indexes and
// columns are added to a throw-away copy only.
//
//   tsx --conditions=react-server bench/what-if.ts
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { AwaitedScriptsPGlite } from "@/lib/db/connection";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { SEARCH_BROAD, SEARCH_TYPICAL, WATCHLIST_Q } from "./lib/config";
import type { DatasetManifest } from "./lib/dataset";
import { CACHE_DIR, copyForRun, RUN_DIR } from "./lib/datasets";
import { summarize } from "./lib/measure";
import { table, type Cell } from "./lib/report";

const cached = existsSync(CACHE_DIR) ? readdirSync(CACHE_DIR).find((d) => d.startsWith("pglite-large-")) : undefined;
if (!cached) throw new Error("No cached large dataset: run npm run bench first");
const dir = copyForRun(path.join(CACHE_DIR, cached), "pglite-what-if");
const manifest = JSON.parse(readFileSync(path.join(dir, "bench-dataset.json"), "utf8")) as DatasetManifest;
const pglite = new PGlite(dir);
const prisma = new PrismaClient({ adapter: new AwaitedScriptsPGlite(pglite) });
const rows: Cell[][] = [];

async function sequential(label: string, fn: () => Promise<unknown>, n: number) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const s = summarize(samples);
  rows.push([label, "1", s.p50, s.p95, null]);
  console.error(`  ${label}: p50 ${s.p50} ms`);
}

/** Ten callers in a closed loop, as ten connections would be: PGlite serves one statement at a time. */
async function concurrent(label: string, fn: () => Promise<unknown>, ms = 8_000) {
  const samples: number[] = [];
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await fn();
        samples.push(performance.now() - t);
      }
    }),
  );
  const s = summarize(samples);
  rows.push([label, "10", s.p50, s.p95, Math.round(samples.length / (ms / 1000))]);
  console.error(`  ${label} ×10: p95 ${s.p95} ms`);
}

const sql = (text: string, params: unknown[]) => () => pglite.query(text, params);

// ---------------------------------------------------------------- watchlist: the relation count, then the index
const teamId = manifest.teamId;
const select = {
  id: true, title: true, summary: true, category: { select: { slug: true, name: true } }, status: true, likelihood: true, impact: true,
  riskScore: true, jurisdictions: true, actors: true, hsCodes: true, tags: true, ownerId: true, nextReviewAt: true, version: true,
  createdAt: true, updatedAt: true, deletedAt: true,
} as const;
const where = { AND: [{ teamId, deletedAt: null }, { status: { in: ["warning_issued" as const] } }] };
const orderBy = [{ riskScore: "desc" as const }, { updatedAt: "desc" as const }, { id: "asc" as const }];

/** What lib/services/issues.ts listIssues does today: `_count` of evidence in the page's select. */
async function watchlistNow() {
  const [page, total] = await Promise.all([
    prisma.issue.findMany({ where, select: { ...select, _count: { select: { evidence: true } } }, orderBy, take: 25 }),
    prisma.issue.count({ where }),
  ]);
  await prisma.evidence.groupBy({ by: ["issueId"], where: { issueId: { in: page.map((r) => r.id) } }, _max: { createdAt: true } });
  return total;
}

/** The fix: no relation count in the page; count and latest date of the page's evidence in the one groupBy. */
async function watchlistFixed() {
  const [page, total] = await Promise.all([prisma.issue.findMany({ where, select, orderBy, take: 25 }), prisma.issue.count({ where })]);
  await prisma.evidence.groupBy({ by: ["issueId"], where: { issueId: { in: page.map((r) => r.id) } }, _count: { _all: true }, _max: { createdAt: true } });
  return total;
}

console.error("watchlist (status=warning_issued, sort=-risk)");
await sequential("watchlist: service as today (_count in the select)", watchlistNow, 20);
await sequential("watchlist: _count moved to the page's groupBy", watchlistFixed, 60);
await concurrent("watchlist: _count moved to the page's groupBy", watchlistFixed);
await pglite.exec(
  `CREATE INDEX "issue_teamId_deletedAt_status_riskScore_updatedAt_id_idx" ON "issue" ("teamId", "deletedAt", "status", "riskScore" DESC, "updatedAt" DESC, "id")`,
);
await pglite.exec(`ANALYZE "issue"`);
await sequential("watchlist: groupBy fix + index (teamId, deletedAt, status, riskScore DESC, updatedAt DESC, id)", watchlistFixed, 60);
await concurrent("watchlist: groupBy fix + index", watchlistFixed);

// ---------------------------------------------------------------- watchlist free text: ILIKE vs a tsvector
console.error(`watchlist q=${WATCHLIST_Q.q}`);
const q = WATCHLIST_Q.q;
await sequential(
  "watchlist q: ILIKE page + separate count (as today, statements only)",
  async () => {
    const filter = `"teamId" = $1 AND "deletedAt" IS NULL AND (title ILIKE $2 OR summary ILIKE $2 OR actors @> ARRAY[$3] OR tags @> ARRAY[$3])`;
    await pglite.query(`SELECT id FROM issue WHERE ${filter} ORDER BY "riskScore" DESC, "updatedAt" DESC, id LIMIT 25`, [teamId, `%${q}%`, q]);
    await pglite.query(`SELECT count(*) FROM issue WHERE ${filter}`, [teamId, `%${q}%`, q]);
  },
  20,
);
await pglite.exec(`ALTER TABLE "issue" ADD COLUMN "search" tsvector`);
await pglite.exec(
  `UPDATE "issue" SET "search" = setweight(to_tsvector('english', coalesce("title", '')), 'A') || setweight(to_tsvector('english', coalesce("summary", '')), 'B') || setweight(to_tsvector('simple', array_to_string("actors" || "tags", ' ')), 'A')`,
);
await pglite.exec(`CREATE INDEX "issue_search_idx" ON "issue" USING GIN ("search")`);
await pglite.exec(`VACUUM ANALYZE "issue"`);
await sequential(
  "watchlist q: issue.search tsvector (GIN), page + count(*) OVER ()",
  sql(`SELECT id, count(*) OVER () AS total FROM issue WHERE "teamId" = $1 AND "deletedAt" IS NULL AND "search" @@ websearch_to_tsquery('english', $2) ORDER BY "riskScore" DESC, "updatedAt" DESC, id LIMIT 25`, [teamId, q]),
  40,
);

// ---------------------------------------------------------------- library search
const headline = `StartSel=<b>, StopSel=</b>, MaxWords=40, MinWords=15, MaxFragments=1`;
const searchNow = `WITH page AS (
  SELECT d."id", d."title", d."text", d."sourceId", ts_rank_cd(d."search", websearch_to_tsquery('english', $1)) AS rank,
         row_number() OVER (ORDER BY ts_rank_cd(d."search", websearch_to_tsquery('english', $1)) DESC, d."id") AS position
  FROM "document" d LEFT JOIN "source" s ON s."id" = d."sourceId"
  WHERE d."teamId" = $2 AND d."search" @@ websearch_to_tsquery('english', $1)
  ORDER BY ts_rank_cd(d."search", websearch_to_tsquery('english', $1)) DESC, d."id" LIMIT 25)
SELECT page."id", page."title", s."name", page.rank::float8, (SELECT count(*) FROM "evidence" e WHERE e."documentId" = page."id")::int,
  ts_headline('english', page."text", websearch_to_tsquery('english', $1), '${headline}') FROM page LEFT JOIN "source" s ON s."id" = page."sourceId" ORDER BY page.position`;
const pageThenText = `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q),
page AS (SELECT d."id", ts_rank_cd(d."search", q.q) AS rank FROM "document" d, q WHERE d."teamId" = $2 AND d."search" @@ q.q ORDER BY rank DESC, d."id" LIMIT 25)
SELECT d."id", d."title", s."name", page.rank::float8, (SELECT count(*) FROM "evidence" e WHERE e."documentId" = d."id")::int,
  ts_headline('english', d."text", q.q, '${headline}') FROM page JOIN "document" d ON d."id" = page."id" CROSS JOIN q LEFT JOIN "source" s ON s."id" = d."sourceId" ORDER BY page.rank DESC, d."id"`;
const newest1000 = `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS q),
candidates AS (SELECT d."id", d."search" FROM "document" d, q WHERE d."teamId" = $2 AND d."search" @@ q.q ORDER BY d."publishedAt" DESC NULLS LAST LIMIT 1000),
page AS (SELECT c."id", ts_rank_cd(c."search", q.q) AS rank FROM candidates c, q ORDER BY rank DESC, c."id" LIMIT 25)
SELECT d."id", d."title", s."name", page.rank::float8, (SELECT count(*) FROM "evidence" e WHERE e."documentId" = d."id")::int,
  ts_headline('english', d."text", q.q, '${headline}') FROM page JOIN "document" d ON d."id" = page."id" CROSS JOIN q LEFT JOIN "source" s ON s."id" = d."sourceId" ORDER BY page.rank DESC, d."id"`;
const countNow = `SELECT count(*)::int FROM "document" d LEFT JOIN "source" s ON s."id" = d."sourceId" WHERE d."teamId" = $2 AND d."search" @@ websearch_to_tsquery('english', $1)`;
const countCapped = `SELECT count(*)::int FROM (SELECT 1 FROM "document" d WHERE d."teamId" = $2 AND d."search" @@ websearch_to_tsquery('english', $1) LIMIT 1001) x`;
for (const term of [SEARCH_TYPICAL, SEARCH_BROAD]) {
  console.error(`search "${term}"`);
  const n = term === SEARCH_BROAD ? 5 : 15;
  await sequential(`search "${term}": page statement as today (text carried through the sort)`, sql(searchNow, [term, teamId]), n);
  await sequential(`search "${term}": rank ids only, text and snippet for the 25 rows`, sql(pageThenText, [term, teamId]), n);
  await sequential(`search "${term}": rank the 1,000 newest matches only`, sql(newest1000, [term, teamId]), n);
  await sequential(`search "${term}": exact count as today`, sql(countNow, [term, teamId]), n);
  await sequential(`search "${term}": count capped at 1,001 ("1,000+")`, sql(countCapped, [term, teamId]), n);
}

await prisma.$disconnect();
await pglite.close();
rmSync(path.join(RUN_DIR, "pglite-what-if"), { recursive: true, force: true });
console.log(table(`What-if on a copy of the large PGlite dataset (${manifest.counts.issue} issues, ${manifest.counts.evidence} evidence, ${manifest.counts.document} documents; ms)`, ["variant", "callers", "p50", "p95", "per s"], rows));
