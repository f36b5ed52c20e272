import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Stance } from "@/lib/generated/prisma/enums";
import { deleteIssue } from "@/lib/services/issues";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import type { IssueDetail, IssueEvidencePage } from "@/lib/validation/issues";
import * as item from "../route";
import * as evidenceRoute from "./route";

// Busy issues stay fast (issue 17): GET /api/issues/{id} carries the newest page of evidence and the totals,
// GET /api/issues/{id}/evidence pages through the rest, newest first, by quote words, stance and grade.

withTestDatabase();

const ITEMS = 45;
const STANCES: Stance[] = ["escalating", "context", "de_escalating"];

let team: TestTeam;
let other: TestTeam;
let busy: string;
let quiet: string;
/** The evidence ids, newest first, with what each was made with. */
let made: { id: string; stance: Stance; grade: string; quote: string }[];

beforeAll(async () => {
  team = await createTestTeam();
  other = await createTestTeam("Other team");
  busy = (await createTestIssue(team.actors.analyst, { title: "A busy issue" })).id;
  quiet = (await createTestIssue(team.actors.analyst, { title: "A quiet issue" })).id;
  const source = await db.source.create({ data: { teamId: team.teamId, name: "Wire service", reliability: "B" } });
  const text = "Officials confirmed the shipment. Ministers denied any sale. Analysts expect new listings.";
  const sourced = await db.document.create({ data: { teamId: team.teamId, sourceId: source.id, title: "Sourced", text, contentHash: randomBytes(8).toString("hex") } });
  const unsourced = await db.document.create({ data: { teamId: team.teamId, title: "Unsourced", text, contentHash: randomBytes(8).toString("hex") } });
  const quotes = ["Officials confirmed the shipment.", "Ministers denied any sale.", "Analysts expect new listings."];
  const start = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: ITEMS }, (_, i) => {
    const document = i % 5 === 0 ? unsourced : sourced;
    const quote = quotes[i % 3]!;
    const credibility = (i % 3) + 1;
    return {
      teamId: team.teamId,
      issueId: busy,
      documentId: document.id,
      quote,
      quoteStart: text.indexOf(quote),
      quoteEnd: text.indexOf(quote) + quote.length,
      credibility,
      stance: STANCES[i % 3]!,
      createdAt: new Date(start + i * 3_600_000),
      grade: `${document === sourced ? "B" : "F"}${credibility}`,
    };
  });
  await db.evidence.createMany({ data: rows.map(({ grade: _grade, ...row }) => row) });
  const stored = await db.evidence.findMany({ where: { issueId: busy }, select: { id: true, createdAt: true } });
  const idAt = new Map(stored.map((e) => [e.createdAt.getTime(), e.id]));
  made = rows.map((row) => ({ id: idAt.get(row.createdAt.getTime())!, stance: row.stance, grade: row.grade, quote: row.quote })).reverse();
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const pageOf = async (issueId: string, search = "", token = team.tokens.viewer) =>
  call(evidenceRoute.GET, "GET", `/api/issues/${issueId}/evidence${search}`, { token, params: { id: issueId } });
const countWhere = (predicate: (e: (typeof made)[number]) => boolean) => made.filter(predicate).length;

describe("GET /api/issues/{id}", () => {
  it("carries the newest page of evidence, the count and the totals of all of it", async () => {
    const response = await call(item.GET, "GET", `/api/issues/${busy}`, { token: team.tokens.viewer, params: { id: busy } });
    expect(response.status).toBe(200);
    const issue = response.json as unknown as IssueDetail;
    expect(issue.evidence.map((e) => e.id)).toEqual(made.slice(0, 20).map((e) => e.id));
    expect(issue.evidenceCount).toBe(ITEMS);
    expect(issue.lastEvidenceAt).toBe(issue.evidence[0]!.createdAt);
    expect(issue.evidenceTotals.total).toBe(ITEMS);
    expect(issue.evidenceTotals.byStance).toEqual({
      escalating: countWhere((e) => e.stance === "escalating"),
      de_escalating: countWhere((e) => e.stance === "de_escalating"),
      context: countWhere((e) => e.stance === "context"),
    });
    const grades = [...new Set(made.map((e) => e.grade))].sort();
    expect(issue.evidenceTotals.byGrade).toEqual(grades.map((grade) => ({ grade, count: countWhere((e) => e.grade === grade) })));
  });

  it("an issue without evidence has an empty page and zero totals", async () => {
    const issue = (await call(item.GET, "GET", `/api/issues/${quiet}`, { token: team.tokens.viewer, params: { id: quiet } })).json as unknown as IssueDetail;
    expect(issue.evidence).toEqual([]);
    expect(issue.evidenceTotals).toEqual({ total: 0, byStance: { escalating: 0, de_escalating: 0, context: 0 }, byGrade: [] });
  });

  it("grades by the document's source as it is now: moved to another source, regraded, or without one", async () => {
    const issueId = (await createTestIssue(team.actors.analyst, { title: "A regraded issue" })).id;
    const [wire, blog] = await Promise.all([
      db.source.create({ data: { teamId: team.teamId, name: "Wire", reliability: "B" } }),
      db.source.create({ data: { teamId: team.teamId, name: "Blog", reliability: "D" } }),
    ]);
    const text = "Officials confirmed the shipment.";
    const document = await db.document.create({ data: { teamId: team.teamId, sourceId: wire.id, title: "Moved", text, contentHash: randomBytes(8).toString("hex") } });
    await db.evidence.create({ data: { teamId: team.teamId, issueId, documentId: document.id, quote: text, quoteStart: 0, quoteEnd: text.length, credibility: 2, stance: "escalating" } });
    const grades = async () => {
      const issue = (await call(item.GET, "GET", `/api/issues/${issueId}`, { token: team.tokens.viewer, params: { id: issueId } })).json as unknown as IssueDetail;
      expect(issue.evidence.map((e) => e.grade)).toEqual(issue.evidenceTotals.byGrade.map((g) => g.grade));
      return issue.evidenceTotals.byGrade;
    };
    expect(await grades()).toEqual([{ grade: "B2", count: 1 }]);
    await db.document.update({ where: { id: document.id }, data: { sourceId: blog.id } });
    expect(await grades()).toEqual([{ grade: "D2", count: 1 }]);
    await db.source.update({ where: { id: blog.id }, data: { reliability: "A" } });
    expect(await grades()).toEqual([{ grade: "A2", count: 1 }]);
    await db.document.update({ where: { id: document.id }, data: { sourceId: null } });
    expect(await grades()).toEqual([{ grade: "F2", count: 1 }]);
  });
});

describe("GET /api/issues/{id}/evidence", () => {
  it("pages newest first, without overlap or gap", async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => pageOf(busy, `?page=${page}`)));
    for (const response of pages) expect(response.status).toBe(200);
    const bodies = pages.map((p) => p.json as unknown as IssueEvidencePage);
    expect(bodies.map((b) => b.items.length)).toEqual([20, 20, 5]);
    expect(bodies.flatMap((b) => b.items.map((e) => e.id))).toEqual(made.map((e) => e.id));
    expect(bodies[0]).toMatchObject({ total: ITEMS, page: 1, pageSize: 20, totals: { total: ITEMS } });
    const past = (await pageOf(busy, "?page=4")).json as unknown as IssueEvidencePage;
    expect(past).toMatchObject({ items: [], total: ITEMS, page: 4 });
  });

  it("takes a page size up to 100", async () => {
    const body = (await pageOf(busy, "?pageSize=7&page=2")).json as unknown as IssueEvidencePage;
    expect(body.items.map((e) => e.id)).toEqual(made.slice(7, 14).map((e) => e.id));
  });

  it.each([
    ["quote words, any case", "?q=MINISTERS%20denied", (e: (typeof made)[number]) => e.quote.startsWith("Ministers")],
    ["a stance", "?stance=de_escalating", (e: (typeof made)[number]) => e.stance === "de_escalating"],
    ["two stances, repeated", "?stance=escalating&stance=context", (e: (typeof made)[number]) => e.stance !== "de_escalating"],
    ["a grade", "?grade=B2", (e: (typeof made)[number]) => e.grade === "B2"],
    ["the F grade of a document without a source, lower case", "?grade=f1,f3", (e: (typeof made)[number]) => e.grade === "F1" || e.grade === "F3"],
    ["everything at once", "?q=officials&stance=escalating&grade=B1,F1", (e: (typeof made)[number]) => e.quote.startsWith("Officials") && e.stance === "escalating" && ["B1", "F1"].includes(e.grade)],
    ["nothing matching", "?q=no%20such%20words", () => false],
    ["a % or _ taken as itself, not as a wildcard", "?q=%25_", () => false],
  ])("filters by %s, newest first, the totals unfiltered", async (_name, search, expected) => {
    const body = (await pageOf(busy, `${search}&pageSize=100`)).json as unknown as IssueEvidencePage;
    expect(body.items.map((e) => e.id)).toEqual(made.filter(expected).map((e) => e.id));
    expect(body.total).toBe(made.filter(expected).length);
    expect(body.totals.total).toBe(ITEMS);
  });

  it.each([
    ["page 0", "?page=0", "page"],
    ["a page size over 100", "?pageSize=101", "pageSize"],
    ["an unknown stance", "?stance=neutral", "stance.0"],
    ["a grade off the scale", "?grade=G7", "grade.0"],
    ["an over-long search", `?q=${"x".repeat(201)}`, "q"],
  ])("refuses %s with 422 and the field", async (_name, search, field) => {
    const response = await pageOf(busy, search);
    expect(response.status).toBe(422);
    expect(response.json.error?.code).toBe("validation_failed");
    expect((response.json.error?.details as { fields: Record<string, string[]> }).fields[field]).toBeDefined();
  });

  it("is for the issue's team only, and not for a deleted issue", async () => {
    expect((await pageOf(busy, "", other.tokens.admin)).status).toBe(404);
    expect((await pageOf(busy, "", "sw_nope")).status).toBe(401);
    expect((await call(evidenceRoute.GET, "GET", `/api/issues/${busy}/evidence`, { params: { id: busy } })).status).toBe(401);
    const doomed = await createTestIssue(team.actors.analyst, { title: "Deleted" });
    await deleteIssue(team.actors.analyst, doomed.id, doomed.version);
    expect((await pageOf(doomed.id)).status).toBe(404);
    expect((await pageOf("0190a000-0000-7000-8000-0000000000aa")).status).toBe(404);
  });
});
