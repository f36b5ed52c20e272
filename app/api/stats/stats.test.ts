import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { defaultCategories } from "@/lib/domain/categories";
import { recordEvent } from "@/lib/services/events";
import { deleteEvidence } from "@/lib/services/evidence";
import { deleteIssue, restoreIssue, updateIssue } from "@/lib/services/issues";
import { weekStart } from "@/lib/services/stats";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import { statsSchema, type Stats } from "@/lib/validation/stats";
import * as stats from "./route";

withTestDatabase();

// A known dataset with every case the numbers must get right: closed issues, a deleted issue (left
// out everywhere, with its evidence and history), another team's rows, evidence and status moves
// inside, at the edge of and outside the 26-week window. Issues and moves go through the services;
// evidence and past events are written directly because no service backdates them.

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Tuesday 09:00 UTC of the ISO week `weeksAgo` weeks before the current one. */
const inWeek = (weeksAgo: number) => new Date(weekStart(new Date()).getTime() - weeksAgo * WEEK_MS + 33 * 60 * 60 * 1000);

async function addEvidence(actor: Actor, issueId: string, createdAt?: Date) {
  const text = `Statement ${randomUUID()}: the ministry warned of sanctions.`;
  await db.$transaction(async (tx) => {
    const document = await tx.document.create({ data: { teamId: actor.teamId, title: "Statement", text, contentHash: randomUUID() } });
    const evidence = await tx.evidence.create({
      data: { teamId: actor.teamId, issueId, documentId: document.id, quote: "warned of sanctions", quoteStart: 50, quoteEnd: 69, credibility: 2, stance: "escalating", ...(createdAt ? { createdAt } : {}) },
    });
    // Backdated evidence is data as it would be after months of use; only today's is a "recent change".
    if (!createdAt) await recordEvent(tx, actor, { entityType: "evidence", entityId: evidence.id, action: "evidence_added", after: { issueId, documentId: document.id } });
  });
}

/** A status move recorded in the past (events are append-only: inserted, never updated). */
const pastStatusMove = (actor: Actor, issueId: string, at: Date) =>
  db.event.create({
    data: { teamId: actor.teamId, actorId: actor.userId, actorLabel: actor.label, entityType: "issue", entityId: issueId, action: "status_changed", before: { status: "monitoring" }, after: { status: "warning_issued" }, at },
  });

let team: TestTeam;
let other: TestTeam;
let empty: TestTeam;
const ids: Record<string, string> = {};

beforeAll(async () => {
  [team, other, empty] = await Promise.all([createTestTeam("Stats team"), createTestTeam("Other team"), createTestTeam("Brand-new team")]);
  const analyst = team.actors.analyst;
  for (const [name, input] of [
    ["Alpha", { category: "financial-institutions", status: "measures_threatened", likelihood: "likely", impact: 5, nextReviewAt: new Date("2020-01-01") }],
    ["Beta", { category: "microelectronics-chips", status: "warning_issued", likelihood: "likely", impact: 5 }],
    ["Gamma", { category: "microelectronics-chips", status: "resolved", likelihood: "unlikely", impact: 1, nextReviewAt: null }],
    ["Delta", { category: "other", status: "monitoring", likelihood: "almost_certain", impact: 2, nextReviewAt: null }],
    ["Epsilon", { category: "other", status: "warning_issued", likelihood: "likely", impact: 5, nextReviewAt: null }],
  ] as const) {
    ids[name] = (await createTestIssue(analyst, { title: `${name} issue`, ...input })).id;
  }

  await addEvidence(analyst, ids.Alpha!);
  await addEvidence(analyst, ids.Alpha!);
  await addEvidence(analyst, ids.Alpha!, inWeek(1));
  await addEvidence(analyst, ids.Gamma!, inWeek(1));
  await addEvidence(analyst, ids.Alpha!, inWeek(25)); // the oldest week in the window
  await addEvidence(analyst, ids.Alpha!, inWeek(26)); // one week too old
  for (let i = 0; i < 3; i++) await addEvidence(analyst, ids.Epsilon!); // deleted below

  await pastStatusMove(analyst, ids.Alpha!, inWeek(3));
  await pastStatusMove(analyst, ids.Alpha!, inWeek(30)); // outside the window

  await updateIssue(analyst, ids.Beta!, 1, { status: "measures_threatened", rationale: "Measures floated by officials" });
  await updateIssue(analyst, ids.Epsilon!, 1, { status: "measures_announced", rationale: "Announced" });
  await deleteIssue(analyst, ids.Epsilon!, 2);
  await updateIssue(analyst, ids.Delta!, 1, { likelihood: "very_likely", rationale: "Officials confirmed the plan" });

  // Security and membership events are history too, but not "changes" for the dashboard's feed.
  for (const [entityType, action] of [["request", "request_denied"], ["account", "sign_in_failed"], ["token", "token_created"], ["member", "role_changed"]]) {
    await db.event.create({ data: { teamId: team.teamId, actorLabel: "someone@example.test", entityType: entityType!, entityId: "x", action: action! } });
  }

  const outsider = await createTestIssue(other.actors.analyst, { title: "Other team's issue", likelihood: "likely", impact: 5, nextReviewAt: null });
  await addEvidence(other.actors.analyst, outsider.id);
  await updateIssue(other.actors.analyst, outsider.id, 1, { status: "warning_issued", rationale: "Elsewhere" });
});

afterAll(async () => {
  await Promise.all([purgeTeam(team.teamId), purgeTeam(other.teamId), purgeTeam(empty.teamId)]);
});

async function getStats(token: string): Promise<Stats> {
  const response = await call(stats.GET, "GET", "/api/stats", { token });
  expect(response.status).toBe(200);
  return statsSchema.parse(response.json);
}

describe("GET /api/stats", () => {
  let result: Stats;
  beforeAll(async () => {
    result = await getStats(team.tokens.viewer);
  });

  it("needs a signed-in member (401), and a viewer is enough", async () => {
    const anonymous = await call(stats.GET, "GET", "/api/stats");
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error?.code).toBe("unauthenticated");
  });

  it("counts issues by status (every status, lifecycle order) and by category (most first), deleted ones left out", () => {
    expect(result.totals).toEqual({ issues: 4, open: 3, evidence: 5, statusMoves: 2 });
    expect(result.byStatus).toEqual([
      { status: "monitoring", count: 1 },
      { status: "warning_issued", count: 0 },
      { status: "measures_threatened", count: 2 },
      { status: "measures_announced", count: 0 },
      { status: "designations_in_force", count: 0 },
      { status: "resolved", count: 1 },
      { status: "lifted", count: 0 },
    ]);
    // Category names are editable data; the slugs and the order (most issues first, then by name) are the contract.
    const name = (slug: string) => defaultCategories.find((c) => c.slug === slug)!.name;
    const expected = [
      ["microelectronics-chips", 2],
      ["financial-institutions", 1],
      ["other", 1],
      ["dual-use-technology", 0],
      ["engines-propulsion", 0],
    ] as const;
    const byName = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || name(a[0]).localeCompare(name(b[0]));
    expect(result.byCategory).toEqual([...expected].sort(byName).map(([slug, count]) => ({ slug, name: name(slug), count })));
  });

  it("fills the 7 × 5 risk matrix with counts and issue ids", () => {
    expect(result.matrix).toHaveLength(35);
    expect(result.matrix[0]).toMatchObject({ likelihood: "almost_no_chance", impact: 1, riskScore: 1, level: "low", count: 0, issueIds: [] });
    expect(result.matrix[34]).toMatchObject({ likelihood: "almost_certain", impact: 5, riskScore: 35, level: "critical", count: 0 });
    const filled = result.matrix.filter((cell) => cell.count > 0).map((cell) => ({ ...cell, issueIds: [...cell.issueIds].sort() }));
    expect(filled).toEqual([
      { likelihood: "unlikely", impact: 1, riskScore: 3, level: "low", count: 1, issueIds: [ids.Gamma] },
      { likelihood: "likely", impact: 5, riskScore: 25, level: "critical", count: 2, issueIds: [ids.Alpha, ids.Beta].sort() },
      { likelihood: "very_likely", impact: 2, riskScore: 12, level: "medium", count: 1, issueIds: [ids.Delta] },
    ]);
  });

  it("counts evidence per ISO week over the last 26 weeks, zero-filled, oldest first", () => {
    const weeks = result.evidencePerWeek;
    expect(weeks).toHaveLength(26);
    expect(weeks.at(-1)!.start).toBe(weekStart(new Date()).toISOString().slice(0, 10));
    expect(weeks.at(-1)!.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(weeks.map((w) => w.count)).toEqual([1, ...Array(23).fill(0), 2, 2]);
  });

  it("counts status moves per week from the history (not likelihood changes, not deleted issues)", () => {
    const counts = result.statusMovesPerWeek.map((w) => w.count);
    expect(counts).toEqual([...Array(22).fill(0), 1, 0, 0, 1]);
    expect(result.statusMovesPerWeek.map((w) => w.start)).toEqual(result.evidencePerWeek.map((w) => w.start));
  });

  it("lists the latest changes with their actor, leaving out the deleted issue's and the admins' (audit) events", () => {
    const changes = result.recentChanges;
    expect(changes).toHaveLength(10);
    expect(changes.map((c) => c.at)).toEqual([...changes.map((c) => c.at)].sort().reverse());
    expect(changes.map((c) => `${c.action} ${c.issue?.title}`).sort()).toEqual(
      [
        "created Alpha issue",
        "created Beta issue",
        "created Gamma issue",
        "created Delta issue",
        "evidence_added Alpha issue",
        "evidence_added Alpha issue",
        "status_changed Beta issue",
        "likelihood_changed Delta issue",
        "status_changed Alpha issue",
        "status_changed Alpha issue",
      ].sort(),
    );
    expect(changes.slice(-2).map((c) => c.at)).toEqual([inWeek(3).toISOString(), inWeek(30).toISOString()]);
    expect(changes.find((c) => c.action === "likelihood_changed")).toMatchObject({
      actor: "Test analyst",
      entityType: "issue",
      entityId: ids.Delta,
      issue: { id: ids.Delta, title: "Delta issue" },
      from: "almost_certain",
      to: "very_likely",
    });
    expect(changes.find((c) => c.action === "status_changed" && c.issue?.id === ids.Beta)).toMatchObject({ from: "warning_issued", to: "measures_threatened" });
    expect(changes.find((c) => c.action === "evidence_added")).toMatchObject({ entityType: "evidence", issue: { id: ids.Alpha }, from: null, to: null });
  });

  it("lists open issues due for review (past or never set), the never-reviewed first", () => {
    expect(result.reviewsDue.total).toBe(2);
    expect(result.reviewsDue.items).toEqual([
      { id: ids.Delta, title: "Delta issue", status: "monitoring", riskScore: 12, nextReviewAt: null },
      { id: ids.Alpha, title: "Alpha issue", status: "measures_threatened", riskScore: 25, nextReviewAt: "2020-01-01T00:00:00.000Z" },
    ]);
  });

  it("shows another team only its own numbers", async () => {
    const theirs = await getStats(other.tokens.viewer);
    expect(theirs.totals).toEqual({ issues: 1, open: 1, evidence: 1, statusMoves: 1 });
    expect(theirs.matrix.find((c) => c.count > 0)).toMatchObject({ likelihood: "likely", impact: 5, count: 1 });
    expect(theirs.recentChanges.map((c) => c.action).sort()).toEqual(["created", "evidence_added", "status_changed"]);
  });

  it("a brand-new team gets a complete, all-zero picture", async () => {
    const fresh = await getStats(empty.tokens.viewer);
    expect(fresh.totals).toEqual({ issues: 0, open: 0, evidence: 0, statusMoves: 0 });
    expect(fresh.byStatus).toHaveLength(7);
    expect(fresh.byCategory).toHaveLength(5);
    expect(fresh.matrix).toHaveLength(35);
    expect([...fresh.byStatus, ...fresh.byCategory, ...fresh.matrix, ...fresh.evidencePerWeek, ...fresh.statusMovesPerWeek].every((x) => x.count === 0)).toBe(true);
    expect(fresh.evidencePerWeek).toHaveLength(26);
    expect(fresh.recentChanges).toEqual([]);
    expect(fresh.reviewsDue).toEqual({ total: 0, items: [] });
  });
});

describe("GET /api/stats, the evidence tally", () => {
  // Evidence per week is read from a tally that triggers keep (evidence_week); it must follow every
  // way evidence comes and goes.
  const perWeek = async (t: TestTeam) => (await getStats(t.tokens.viewer)).evidencePerWeek.map((w) => w.count);

  it("follows evidence unlinked, backdated, bulk-inserted and of issues deleted then restored", async () => {
    const tallied = await createTestTeam("Tally team");
    try {
      const analyst = tallied.actors.analyst;
      const issue = await createTestIssue(analyst, { title: "Tallied" });
      for (let i = 0; i < 3; i++) await addEvidence(analyst, issue.id);
      await addEvidence(analyst, issue.id, inWeek(2));
      expect(await perWeek(tallied)).toEqual([...Array(23).fill(0), 1, 0, 3]);

      const [latest] = await db.evidence.findMany({ where: { issueId: issue.id }, orderBy: { createdAt: "desc" }, take: 1 });
      await deleteEvidence(tallied.actors.admin, latest!.id);
      await db.evidence.updateMany({ where: { issueId: issue.id, createdAt: { lt: weekStart(new Date()) } }, data: { createdAt: inWeek(4) } });
      expect(await perWeek(tallied)).toEqual([...Array(21).fill(0), 1, 0, 0, 0, 2]);

      await deleteIssue(analyst, issue.id, 1);
      expect(await perWeek(tallied)).toEqual(Array(26).fill(0));
      await restoreIssue(tallied.actors.admin, issue.id);
      expect(await perWeek(tallied)).toEqual([...Array(21).fill(0), 1, 0, 0, 0, 2]);

      const documentId = (await db.evidence.findFirstOrThrow({ where: { issueId: issue.id } })).documentId;
      const bulk = (weeksAgo: number) => ({ teamId: tallied.teamId, issueId: issue.id, documentId, quote: "warned", quoteStart: 0, quoteEnd: 6, credibility: 3, stance: "context" as const, createdAt: inWeek(weeksAgo) });
      await db.evidence.createMany({ data: [bulk(0), bulk(0), bulk(10), bulk(30)] });
      expect(await perWeek(tallied)).toEqual([...Array(15).fill(0), 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 4]);
    } finally {
      await purgeTeam(tallied.teamId);
    }
  });
});

describe("GET /api/stats, limits", () => {
  it("stops at the 20 latest events; a matrix cell lists at most 100 ids", async () => {
    const busy = await createTestTeam("Busy team");
    try {
      for (let i = 0; i < 22; i++) await createTestIssue(busy.actors.analyst, { title: `Issue ${String(i).padStart(2, "0")}` });
      const result = await getStats(busy.tokens.viewer);
      expect(result.totals.issues).toBe(22);
      expect(result.recentChanges).toHaveLength(20);
      expect(result.recentChanges.at(-1)!.issue?.title).toBe("Issue 02");

      // A crowded cell carries its full count but at most 100 ids.
      const categoryId = (await db.category.findFirstOrThrow({ where: { teamId: busy.teamId, slug: "other" } })).id;
      await db.issue.createMany({ data: Array.from({ length: 100 }, (_, i) => ({ teamId: busy.teamId, title: `Bulk ${i}`, categoryId, likelihood: "roughly_even_chance" as const, impact: 3, riskScore: 12 })) });
      const crowded = (await getStats(busy.tokens.viewer)).matrix.find((c) => c.likelihood === "roughly_even_chance" && c.impact === 3)!;
      expect(crowded.count).toBe(122);
      expect(new Set(crowded.issueIds).size).toBe(100);
    } finally {
      await purgeTeam(busy.teamId);
    }
  });
});
