// The benchmark dataset: one team with a signed-in-able admin, an API token, the default categories,
// sources, issues, documents (the FTS trigger fills `search`), evidence and their history events.
// Rows are made in JavaScript from a fixed seed and inserted in bulk with `INSERT … SELECT FROM
// unnest($1::text[], …)`, which runs unchanged on PGlite and PostgreSQL.
import { createHash } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { contentHash } from "@/lib/analysis/text";
import { hashApiToken } from "@/lib/auth/actor";
import { defaultCategories } from "@/lib/domain/categories";
import { likelihoods } from "@/lib/domain/likelihood";
import { reviewIntervalDays } from "@/lib/domain/review";
import { riskScore } from "@/lib/domain/risk";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";
import { article, COUNTRY_CODES, HS_CODES, issueText, SOURCE_NAMES, TAGS } from "./corpus";
import { random, uuid7, type Random } from "./random";

/** Bump when the generator changes what it writes: cached datasets are then regenerated. */
export const GENERATOR_VERSION = 4;

export type Sizes = { issues: number; evidence: number; documents: number; inboxItems: number };
/** 50,000 inbox items: issue 14's "Inbox page p95 ≤ 100 ms". */
export const LARGE: Sizes = { issues: 10_000, evidence: 100_000, documents: 100_000, inboxItems: 50_000 };
/** Same watchlist, 1 % of the evidence: the baseline of the watchlist-growth ratio (issue 3). */
export const SMALL: Sizes = { issues: 10_000, evidence: 1_000, documents: 1_000, inboxItems: 0 };

export type SqlRunner = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string): Promise<void>;
};

/** What a benchmark needs to know about a generated dataset. */
export type DatasetManifest = {
  fingerprint: string;
  generatorVersion: number;
  sizes: Sizes;
  teamId: string;
  teamSlug: string;
  userId: string;
  email: string;
  password: string;
  token: string;
  tokenId: string;
  /** The issue with the most evidence (the heaviest issue page). */
  busiestIssueId: string;
  busiestIssueEvidence: number;
  counts: Record<string, number>;
  generatedAt: string;
  timings: Record<string, number>;
};

const DAY = 24 * 60 * 60 * 1000;
const BENCH_PASSWORD = "bench-password-not-secret";

type Column = { name: string; type: "text" | "int" | "bool"; cast?: string; list?: boolean };
const LIST_SEPARATOR = "\u001f";

/** One statement per batch: every column is one array parameter. */
async function insert(sql: SqlRunner, table: string, columns: Column[], rows: unknown[][], batch = 2_000) {
  const params = columns.map((c, i) => `$${i + 1}::${c.type === "int" ? "int" : c.type === "bool" ? "bool" : "text"}[]`);
  const names = columns.map((_, i) => `c${i}`);
  const values = columns.map((c, i) => {
    const v = c.list ? `string_to_array(c${i}, E'\\x1f')` : `c${i}`;
    return c.cast ? `${v}::${c.cast}` : v;
  });
  const statement =
    `INSERT INTO "${table}" (${columns.map((c) => `"${c.name}"`).join(", ")}) ` +
    `SELECT ${values.join(", ")} FROM unnest(${params.join(", ")}) AS u(${names.join(", ")})`;
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const arrays = columns.map((c, i) =>
      slice.map((row) => {
        const value = row[i];
        if (value === null || value === undefined) return null;
        if (c.list) return (value as string[]).join(LIST_SEPARATOR);
        if (value instanceof Date) return value.toISOString();
        return value;
      }),
    );
    await sql.query(statement, arrays);
  }
}

const ts = (name: string): Column => ({ name, type: "text", cast: "timestamp(3)" });
const text = (name: string): Column => ({ name, type: "text" });
const int = (name: string): Column => ({ name, type: "int" });

const STATUS_WEIGHTS: [IssueStatus, number][] = [
  ["monitoring", 35],
  ["warning_issued", 15],
  ["measures_threatened", 14],
  ["measures_announced", 12],
  ["designations_in_force", 13],
  ["resolved", 6],
  ["lifted", 5],
];
const RELIABILITY = ["A", "B", "B", "C", "C", "C", "D", "E", "F"] as const;

export async function generateDataset(
  sql: SqlRunner,
  options: { sizes: Sizes; fingerprint: string; seed?: number; log?: (message: string) => void },
): Promise<DatasetManifest> {
  const { sizes, fingerprint } = options;
  const log = options.log ?? (() => {});
  const rng = random(options.seed ?? 20240424);
  const timings: Record<string, number> = {};
  const timed = async (label: string, work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    timings[label] = Math.round(performance.now() - started);
    log(`  ${label}: ${(timings[label] / 1000).toFixed(1)} s`);
  };
  const now = Date.now();
  const at = (msAgo: number) => new Date(now - msAgo);
  const tag = fingerprint.slice(0, 12);

  // ------------------------------------------------------------ team, admin, token, categories, sources
  const teamId = uuid7(rng, now - 800 * DAY);
  const teamSlug = `bench-${tag}`;
  const userId = uuid7(rng, now - 800 * DAY);
  const email = `bench-admin-${tag}@bench.test`;
  const token = `sw_bench_${createHash("sha256").update(`token:${fingerprint}`).digest("hex").slice(0, 40)}`;
  const tokenId = uuid7(rng, now - 800 * DAY);
  const categoryIds = new Map<string, string>();
  const sourceIds: string[] = [];
  await timed("team, admin, token, categories, sources", async () => {
    const created = at(800 * DAY);
    await sql.query(`INSERT INTO "team" ("id", "name", "slug", "createdAt") VALUES ($1, $2, $3, $4::timestamp(3))`, [teamId, `Benchmark team ${tag}`, teamSlug, created.toISOString()]);
    await sql.query(
      `INSERT INTO "user" ("id", "name", "email", "emailVerified", "createdAt", "updatedAt") VALUES ($1, 'Benchmark admin', $2, true, $3::timestamp(3), $3::timestamp(3))`,
      [userId, email, created.toISOString()],
    );
    await sql.query(
      `INSERT INTO "account" ("id", "accountId", "providerId", "userId", "password", "createdAt", "updatedAt") VALUES ($1, $2, 'credential', $2, $3, $4::timestamp(3), $4::timestamp(3))`,
      [uuid7(rng, now - 800 * DAY), userId, await hashPassword(BENCH_PASSWORD), created.toISOString()],
    );
    await sql.query(`INSERT INTO "membership" ("id", "teamId", "userId", "role", "createdAt") VALUES ($1, $2, $3, 'admin', $4::timestamp(3))`, [
      uuid7(rng, now - 800 * DAY),
      teamId,
      userId,
      created.toISOString(),
    ]);
    await sql.query(
      `INSERT INTO "api_token" ("id", "teamId", "name", "role", "tokenHash", "createdById", "createdAt") VALUES ($1, $2, 'benchmark', 'admin', $3, $4, $5::timestamp(3))`,
      [tokenId, teamId, hashApiToken(token), userId, created.toISOString()],
    );
    const categories = defaultCategories.map((c) => {
      const id = uuid7(rng, now - 800 * DAY);
      categoryIds.set(c.slug, id);
      return [id, teamId, c.slug, c.name, created];
    });
    await insert(sql, "category", [text("id"), text("teamId"), text("slug"), text("name"), ts("createdAt")], categories);
    const sources = SOURCE_NAMES.map((name) => {
      const id = uuid7(rng, now - 800 * DAY);
      sourceIds.push(id);
      const kind = /Ministry|Department|Bureau|Council|Office/.test(name) ? "ministry" : /Institute|Foundation|Center|Research|OCCRP/.test(name) ? "research" : "outlet";
      return [id, teamId, name, kind, null, rng.pick(RELIABILITY), created, created];
    });
    await insert(
      sql,
      "source",
      [text("id"), text("teamId"), text("name"), text("kind"), text("url"), { name: "reliability", type: "text", cast: '"Reliability"' }, ts("createdAt"), ts("updatedAt")],
      sources,
    );
  });

  // ------------------------------------------------------------ issues
  type IssueMeta = { id: string; createdAt: number; updatedAt: number; status: IssueStatus; title: string; deleted: boolean };
  const issues: IssueMeta[] = [];
  const eventRows: unknown[][] = [];
  const actorLabel = "Benchmark admin";
  await timed(`issues (${sizes.issues})`, async () => {
    const rows: unknown[][] = [];
    for (let i = 0; i < sizes.issues; i++) {
      const createdAt = now - rng.next() * 730 * DAY;
      const updatedAt = createdAt + rng.next() * (now - createdAt);
      const id = uuid7(rng, createdAt);
      const status = rng.weighted(STATUS_WEIGHTS);
      const likelihood = rng.pick(likelihoods) as Likelihood;
      const impact = rng.int(1, 5);
      const { title, summary, category, actors } = issueText(rng);
      const interval = reviewIntervalDays[status];
      const nextReviewAt = interval === null ? null : new Date(updatedAt + interval * DAY * (0.2 + rng.next() * 1.6));
      const deleted = rng.chance(0.02);
      const jurisdictions = rng.sample(COUNTRY_CODES.slice(0, 12), rng.int(1, 3)).concat(rng.chance(0.3) ? [rng.zipf(COUNTRY_CODES)] : []);
      const hsCodes = rng.sample(HS_CODES, rng.int(0, 3));
      const tags = rng.sample(TAGS, rng.int(0, 3));
      rows.push([
        id, teamId, title, summary, categoryIds.get(category) ?? categoryIds.get("other")!, status, likelihood, impact, riskScore(likelihood, impact),
        [...new Set(jurisdictions)], [...new Set(actors)], hsCodes, tags, rng.chance(0.6) ? userId : null, nextReviewAt,
        rng.int(1, 6), deleted ? new Date(updatedAt) : null, new Date(createdAt), new Date(updatedAt),
      ]);
      issues.push({ id, createdAt, updatedAt, status, title, deleted });
      eventRows.push([uuid7(rng, createdAt), teamId, userId, actorLabel, "issue", id, "created", null, JSON.stringify({ title, status, likelihood, impact, category }), new Date(createdAt)]);
      if (status !== "monitoring") {
        eventRows.push([
          uuid7(rng, updatedAt), teamId, userId, actorLabel, "issue", id, "status_changed",
          JSON.stringify({ status: "monitoring" }), JSON.stringify({ status, rationale: "Benchmark: new evidence", version: 2 }), new Date(updatedAt),
        ]);
      }
    }
    await insert(
      sql,
      "issue",
      [
        text("id"), text("teamId"), text("title"), text("summary"), text("categoryId"),
        { name: "status", type: "text", cast: '"IssueStatus"' }, { name: "likelihood", type: "text", cast: '"Likelihood"' },
        int("impact"), int("riskScore"),
        { name: "jurisdictions", type: "text", list: true }, { name: "actors", type: "text", list: true },
        { name: "hsCodes", type: "text", list: true }, { name: "tags", type: "text", list: true },
        text("ownerId"), ts("nextReviewAt"), int("version"), ts("deletedAt"), ts("createdAt"), ts("updatedAt"),
      ],
      rows,
    );
  });

  // ------------------------------------------------------------ documents (the trigger fills "search")
  const docs: { id: string; createdAt: number; firstSentence: string }[] = [];
  await timed(`documents (${sizes.documents})`, async () => {
    const columns = [
      text("id"), text("teamId"), text("sourceId"), text("title"), text("url"), ts("publishedAt"), ts("retrievedAt"),
      text("text"), text("contentHash"), text("createdById"), ts("createdAt"),
    ];
    const seen = new Set<string>();
    let rows: unknown[][] = [];
    for (let i = 0; i < sizes.documents; i++) {
      const published = now - rng.next() * 1095 * DAY;
      const retrieved = Math.min(now, published + rng.next() * 20 * DAY);
      const doc = article(rng, rng.int(5, 9));
      let body = doc.text;
      let hash = contentHash(body);
      // Generated prose can repeat; the library refuses identical content, so make it unique.
      while (seen.has(hash)) {
        body += ` ${rng.pick(["Updated.", "Corrected.", "More to follow."])}`;
        hash = contentHash(body);
      }
      seen.add(hash);
      const id = uuid7(rng, retrieved);
      docs.push({ id, createdAt: retrieved, firstSentence: doc.firstSentence });
      rows.push([
        id, teamId, rng.chance(0.9) ? rng.zipf(sourceIds, 0.8) : null, doc.title, rng.chance(0.7) ? `https://news.example/${i}` : null,
        rng.chance(0.95) ? new Date(published) : null, new Date(retrieved), body, hash, userId, new Date(retrieved),
      ]);
      eventRows.push([uuid7(rng, retrieved), teamId, userId, actorLabel, "document", id, "created", null, JSON.stringify({ title: doc.title }), new Date(retrieved)]);
      if (rows.length === 5_000) {
        await insert(sql, "document", columns, rows, 1_000);
        rows = [];
        if ((i + 1) % 20_000 === 0) log(`    ${i + 1} documents`);
      }
    }
    await insert(sql, "document", columns, rows, 1_000);
  });

  // ------------------------------------------------------------ evidence: skewed, a few issues carry a lot of it
  const evidenceCount = new Map<string, number>();
  await timed(`evidence (${sizes.evidence})`, async () => {
    const live = issues.filter((i) => !i.deleted);
    const order = rng.sample(live, live.length); // a random issue is the busiest, not the oldest
    const rows: unknown[][] = [];
    for (let i = 0; i < sizes.evidence; i++) {
      const issue = rng.zipf(order, 0.6);
      const doc = rng.pick(docs);
      const createdAt = Math.max(issue.createdAt, doc.createdAt) + rng.next() * (now - Math.max(issue.createdAt, doc.createdAt));
      const id = uuid7(rng, createdAt);
      const quote = doc.firstSentence;
      const credibility = rng.int(1, 6);
      const stance = rng.weighted([["escalating", 5], ["context", 4], ["de_escalating", 2]] as const);
      evidenceCount.set(issue.id, (evidenceCount.get(issue.id) ?? 0) + 1);
      rows.push([id, teamId, issue.id, doc.id, quote, 0, quote.length, credibility, stance, rng.chance(0.3) ? "Benchmark note." : "", userId, new Date(createdAt), new Date(createdAt)]);
      eventRows.push([
        uuid7(rng, createdAt), teamId, userId, actorLabel, "evidence", id, "evidence_added", null,
        JSON.stringify({ issueId: issue.id, documentId: doc.id, quote: quote.slice(0, 200), credibility, stance }), new Date(createdAt),
      ]);
    }
    await insert(
      sql,
      "evidence",
      [
        text("id"), text("teamId"), text("issueId"), text("documentId"), text("quote"), int("quoteStart"), int("quoteEnd"), int("credibility"),
        { name: "stance", type: "text", cast: '"Stance"' }, text("note"), text("addedById"), ts("createdAt"), ts("updatedAt"),
      ],
      rows,
      5_000,
    );
  });

  // ------------------------------------------------------------ the inbox: 20 feeds (disabled: nothing polls them here) and their items
  await timed(`inbox items (${sizes.inboxItems})`, async () => {
    if (sizes.inboxItems === 0) return;
    const created = at(200 * DAY);
    const feeds = Array.from({ length: 20 }, (_, i) => [uuid7(rng, created.getTime()), teamId, sourceIds[i % sourceIds.length]!, `https://feeds.example/${i}.xml`, `Feed ${i + 1}`, false, created, created]);
    await insert(sql, "feed", [text("id"), text("teamId"), text("sourceId"), text("url"), text("title"), { name: "enabled", type: "bool" }, ts("createdAt"), ts("updatedAt")], feeds);
    const live = issues.filter((i) => !i.deleted);
    const rows: unknown[][] = [];
    for (let i = 0; i < sizes.inboxItems; i++) {
      const fetchedAt = now - rng.next() * 180 * DAY;
      const doc = rng.pick(docs);
      const state = rng.weighted([["new", 60], ["dismissed", 30], ["accepted", 5], ["snoozed", 5]] as const);
      const issueIds = rng.chance(0.6) ? rng.sample(live, rng.int(1, 3)).map((issue) => issue.id) : [];
      const relevance = rng.chance(0.05) ? null : issueIds.length ? (0.2 + rng.next() * 0.8).toFixed(3) : "0";
      const decided = state === "new" ? null : new Date(fetchedAt + rng.next() * (now - fetchedAt));
      rows.push([
        uuid7(rng, fetchedAt), teamId, rng.pick(feeds)[0], `https://news.example/inbox/${i}`, `Item ${i}: ${doc.firstSentence.slice(0, 80)}`,
        `${doc.firstSentence} Item ${i}.`, new Date(fetchedAt - rng.next() * DAY), `item-${i}`, createHash("sha256").update(`inbox:${i}`).digest("hex"),
        relevance, issueIds, state, new Date(fetchedAt), state === "snoozed" ? new Date(now + (rng.chance(0.5) ? 1 : -1) * rng.next() * 30 * DAY) : null,
        decided ? actorLabel : null, decided, state === "dismissed" && rng.chance(0.3) ? "Not about sanctions" : null,
      ]);
    }
    await insert(
      sql,
      "inbox_item",
      [
        text("id"), text("teamId"), text("feedId"), text("url"), text("title"), text("text"), ts("publishedAt"), text("guid"), text("contentHash"),
        { name: "relevance", type: "text", cast: "double precision" }, { name: "issueIds", type: "text", list: true },
        { name: "state", type: "text", cast: '"InboxState"' }, ts("fetchedAt"), ts("snoozedUntil"), text("decidedBy"), ts("decidedAt"), text("dismissReason"),
      ],
      rows,
      5_000,
    );
  });

  // ------------------------------------------------------------ history
  await timed(`events (${eventRows.length})`, async () => {
    await insert(
      sql,
      "event",
      [
        text("id"), text("teamId"), text("actorId"), text("actorLabel"), text("entityType"), text("entityId"), text("action"),
        { name: "before", type: "text", cast: "jsonb" }, { name: "after", type: "text", cast: "jsonb" }, ts("at"),
      ],
      eventRows,
      5_000,
    );
  });

  await timed("vacuum analyze", async () => {
    for (const table of ["issue", "document", "evidence", "event", "feed", "inbox_item", "category", "source", "api_token", "user", "session", "account", "membership", "team"]) {
      await sql.exec(`VACUUM ANALYZE "${table}"`);
    }
  });

  const [busiestIssueId, busiestIssueEvidence] = [...evidenceCount.entries()].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  const counts: Record<string, number> = {};
  for (const table of ["issue", "document", "evidence", "event", "inbox_item"]) {
    const [row] = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "teamId" = $1`, [teamId]);
    counts[table] = row!.n;
  }
  return {
    fingerprint,
    generatorVersion: GENERATOR_VERSION,
    sizes,
    teamId,
    teamSlug,
    userId,
    email,
    password: BENCH_PASSWORD,
    token,
    tokenId,
    busiestIssueId,
    busiestIssueEvidence,
    counts,
    generatedAt: new Date().toISOString(),
    timings,
  };
}

export type { Random };
