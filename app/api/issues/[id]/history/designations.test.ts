import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { documentNames } from "@/lib/services/entities/document-names";
import { issueWatch } from "@/lib/services/entities/issue-watch";
import { importRelease } from "@/lib/services/sanctions/import";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import { documentNamesSchema, type FoundName, type HitView, type TrackedEntities } from "@/lib/validation/entities";
import type { HistoryEvent } from "@/lib/validation/issues";
import { statsSchema, type Stats } from "@/lib/validation/stats";
import * as stats from "@/app/api/stats/route";
import * as hit from "@/app/api/hits/[id]/route";
import * as issueRoute from "../route";
import * as trackIssue from "../entities/route";
import * as trackDocument from "@/app/api/documents/[id]/entities/route";
import * as history from "./route";

// The designation watch seen from an issue and the dashboard (issue 13): hits on the entities tracked as an
// issue's actors show in the issue's history (GET /api/issues/{id}/history), on the issue page's banner (the
// issueWatch service) and in the dashboard's "Designations" panel (GET /api/stats). Real OFAC SDN lines of
// 26 April 2024, imported into a list of this file's own (lists are the instance's).

withTestDatabase();

const LIST = `test-issue-watch-${randomUUID().slice(0, 8)}`;
const april = gunzipSync(readFileSync(sanctionsFixturePath("ofacSdn2024Apr26"))).toString("utf8").split("\n").slice(0, 60);
const BANCO = "306"; // "BANCO NACIONAL DE CUBA"

let team: TestTeam;
let other: TestTeam;
let issueId: string;
let quietIssueId: string;

beforeAll(async () => {
  team = await createTestTeam("Issue watch");
  other = await createTestTeam("Other");
  issueId = (await createTestIssue(team.actors.analyst, { actors: ["Banco Nacional de Cuba", "Harbour Trading Partners"] })).id;
  quietIssueId = (await createTestIssue(team.actors.analyst, { actors: ["Harbour Trading Partners"] })).id;
  await importRelease(Buffer.from(`${april.join("\n")}\n`), { list: LIST, publishedAt: new Date("2024-04-26"), importedBy: "cli" });
});

afterAll(async () => {
  await db.sanctionsList.deleteMany({ where: { slug: LIST } });
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

async function historyOf(id: string, token = team.tokens.viewer) {
  const response = await call(history.GET, "GET", `/api/issues/${id}/history`, { token, params: { id } });
  return { status: response.status, events: (response.json as { items: HistoryEvent[] }).items };
}
async function getStats(token = team.tokens.viewer): Promise<Stats> {
  const response = await call(stats.GET, "GET", "/api/stats", { token });
  expect(response.status).toBe(200);
  return statsSchema.parse(response.json);
}
const hitEvents = (events: HistoryEvent[]) => events.filter((e) => e.entityType === "hit");

let bancoId: string;
let bancoHit: string;

describe("an issue's actors tracked as entities", () => {
  it("tracks them, and the screening's hit shows in the issue's history as the screening's", async () => {
    const before = await issueWatch(team.actors.viewer, issueId);
    expect(before).toMatchObject({ entities: [], untrackedActors: ["Banco Nacional de Cuba", "Harbour Trading Partners"], designatedSinceReview: 0, designated: false });

    const tracked = await call(trackIssue.POST, "POST", `/api/issues/${issueId}/entities`, { token: team.tokens.analyst, body: {}, params: { id: issueId } });
    expect(tracked.status, JSON.stringify(tracked.json)).toBe(201);
    const banco = (tracked.json as unknown as TrackedEntities).created.find((e) => e.name === "Banco Nacional de Cuba")!;
    bancoId = banco.id;
    const found = await db.hit.findFirstOrThrow({ where: { entityId: bancoId, list: { slug: LIST }, sourceId: BANCO } });
    bancoHit = found.id;

    const { status, events } = await historyOf(issueId);
    expect(status).toBe(200);
    const ours = hitEvents(events).filter((e) => (e.after as { list?: string }).list === LIST);
    expect(ours).toEqual([
      expect.objectContaining({ entityType: "hit", entityId: bancoHit, action: "hit_found", actor: "Screening", after: expect.objectContaining({ entityId: bancoId, sourceId: BANCO, name: "BANCO NACIONAL DE CUBA" }) }),
    ]);
    // Oldest first, after the issue's own "created".
    expect(events[0]).toMatchObject({ entityType: "issue", action: "created" });
  });

  it("counts the actor as designated since the last review, every actor tracked, none confirmed yet", async () => {
    const watch = await issueWatch(team.actors.viewer, issueId);
    expect(watch.untrackedActors).toEqual([]);
    expect(watch.entities.map((e) => e.name)).toEqual(["Banco Nacional de Cuba", "Harbour Trading Partners"]);
    expect(watch.designatedSinceReview).toBeGreaterThanOrEqual(1);
    expect(watch.designated).toBe(false);
  });

  it("shows the hit on the dashboard, waiting for review, linked to its entity", async () => {
    const { designations } = await getStats();
    const waiting = await db.hit.count({ where: { teamId: team.teamId, decision: null, goneAt: null } });
    expect(designations.toReview).toBe(waiting);
    expect(designations.waiting).toContainEqual(expect.objectContaining({ hitId: bancoHit, entity: { id: bancoId, name: "Banco Nacional de Cuba" }, list: LIST, name: "BANCO NACIONAL DE CUBA", level: "match" }));
    expect(designations.recent).toEqual([]);
  });

  it("records the analyst's decision in the issue's history and lists the designation on the dashboard", async () => {
    const decided = await call(hit.PATCH, "PATCH", `/api/hits/${bancoHit}`, { token: team.tokens.analyst, body: { decision: "confirmed", note: "Same bank" }, params: { id: bancoHit } });
    expect(decided.status).toBe(200);
    expect((decided.json as unknown as HitView).decision).toBe("confirmed");

    const decision = hitEvents((await historyOf(issueId)).events).at(-1)!;
    expect(decision).toMatchObject({ action: "hit_decided", entityId: bancoHit, after: { entityId: bancoId, decision: "confirmed", note: "Same bank" } });
    expect(decision.actor).not.toBe("Screening");

    const { designations } = await getStats();
    expect(designations.waiting.map((w) => w.hitId)).not.toContain(bancoHit);
    expect(designations.recent[0]).toMatchObject({ hitId: bancoHit, entity: { id: bancoId }, list: LIST, programs: ["CUBA"] });

    const watch = await issueWatch(team.actors.viewer, issueId);
    expect(watch.designated).toBe(true);
    expect(watch.entities.find((e) => e.id === bancoId)!.designations).toContainEqual(expect.objectContaining({ list: LIST, sourceId: BANCO }));
  });

  it("clears the banner once a person reviews the issue (a status move with its rationale)", async () => {
    const { version } = await db.issue.findUniqueOrThrow({ where: { id: issueId }, select: { version: true } });
    const moved = await call(issueRoute.PATCH, "PATCH", `/api/issues/${issueId}`, {
      token: team.tokens.analyst,
      params: { id: issueId },
      headers: { "if-match": `"${version}"` },
      body: { status: "designations_in_force", rationale: "OFAC designated the bank" },
    });
    expect(moved.status, JSON.stringify(moved.json)).toBe(200);
    const watch = await issueWatch(team.actors.viewer, issueId);
    expect(watch.designatedSinceReview).toBe(0);
    expect(watch.designated).toBe(true);
  });

  it("keeps hits out of the history of an issue that does not track the entity", async () => {
    const ours = hitEvents((await historyOf(quietIssueId)).events).filter((e) => (e.after as { entityId?: string }).entityId === bancoId);
    expect(ours).toEqual([]);
  });

  it("shows another team nothing: the history is not found, the panel has none of these hits", async () => {
    expect((await historyOf(issueId, other.tokens.viewer)).status).toBe(404);
    const { designations } = await getStats(other.tokens.viewer);
    expect(designations).toEqual({ toReview: 0, waiting: [], recent: [] });
  });
});

describe("the names a document's analysis finds", () => {
  const ours = (names: FoundName[]) => names.map((n) => ({ ...n, listEntries: n.listEntries.filter((e) => e.list === LIST) })); // lists are the instance's
  const namesOf = async (documentId: string, token = team.tokens.viewer) => {
    const response = await call(trackDocument.GET, "GET", `/api/documents/${documentId}/entities`, { token, params: { id: documentId } });
    return { status: response.status, names: response.status === 200 ? ours(documentNamesSchema.parse(response.json).names) : [] };
  };
  const newDocument = (title: string, text: string) => db.document.create({ data: { teamId: team.teamId, title, text, contentHash: randomBytes(8).toString("hex") } });

  it("ties each to the team's entity and to the list entries it matches, and is the team's only", async () => {
    const text = "The Havana Port Authority signed the deal with Havin Bank Limited, said Maria Gonzalez. Havin Bank Limited handles the payments.";
    const document = await newDocument("Deal", text);
    const havin = await db.sanctionsEntry.findFirstOrThrow({ where: { sourceId: "906", release: { list: { slug: LIST } } }, select: { id: true } });
    const before = await namesOf(document.id);
    expect(before.status).toBe(200);
    expect(before.names).toEqual([
      {
        name: "Havin Bank Limited",
        type: "organization",
        aliases: [],
        mentions: 2,
        entity: null,
        listEntries: [{ entryId: havin.id, list: LIST, sourceId: "906", name: "HAVIN BANK LIMITED", score: expect.any(Number) }],
      },
      { name: "Havana Port Authority", type: "organization", aliases: [], mentions: 1, entity: null, listEntries: [] },
      { name: "Maria Gonzalez", type: "person", aliases: [], mentions: 1, entity: null, listEntries: [] },
    ]);
    expect(before.names[0]!.listEntries[0]!.score).toBeGreaterThanOrEqual(0.72);
    expect(ours((await documentNames(team.actors.viewer, document.id)).names)).toEqual(before.names); // the page's service, the same

    const tracked = await call(trackDocument.POST, "POST", `/api/documents/${document.id}/entities`, {
      token: team.tokens.analyst,
      body: { names: [{ name: "Maria Gonzalez", type: "person" }] },
      params: { id: document.id },
    });
    const maria = (tracked.json as unknown as TrackedEntities).created[0]!;
    expect((await namesOf(document.id)).names[2]!.entity).toEqual({ id: maria.id, name: "Maria Gonzalez", onDocument: true });

    expect((await namesOf(document.id, other.tokens.viewer)).status).toBe(404);
    await expect(documentNames(other.actors.viewer, document.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("finds an entity the team tracks elsewhere, by name or alias, until it is linked to this document too", async () => {
    // Banco Nacional de Cuba is tracked from the issue's actors above; its alias is added here.
    await db.entity.update({ where: { id: bancoId }, data: { aliases: ["National Bank of Cuba"] } });
    const document = await newDocument("Payments", "Payments went through the National Bank of Cuba, according to Maria Gonzalez.");
    const { names } = await namesOf(document.id);
    expect(names.find((n) => n.name === "National Bank of Cuba")!.entity).toEqual({ id: bancoId, name: "Banco Nacional de Cuba", onDocument: false });
    expect(names.find((n) => n.name === "Maria Gonzalez")!.entity).toMatchObject({ name: "Maria Gonzalez", onDocument: false });

    const linked = await call(trackDocument.POST, "POST", `/api/documents/${document.id}/entities`, {
      token: team.tokens.analyst,
      body: { names: [{ name: "National Bank of Cuba", type: "organization" }] },
      params: { id: document.id },
    });
    expect(linked.status).toBe(201);
    expect((linked.json as unknown as TrackedEntities).linked.map((e) => e.id)).toEqual([bancoId]);
    expect((await namesOf(document.id)).names.find((n) => n.name === "National Bank of Cuba")!.entity).toEqual({ id: bancoId, name: "Banco Nacional de Cuba", onDocument: true });
  });
});
