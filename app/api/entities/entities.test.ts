import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { actorsDesignatedSince, designatedActors, rescreenAllTeams } from "@/lib/services/entities/hits";
import { importRelease } from "@/lib/services/sanctions/import";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import type { EntityDetail, EntityPage, HitView, TrackedEntities } from "@/lib/validation/entities";
import * as briefingExport from "../briefings/[id]/export/route";
import * as briefings from "../briefings/route";
import * as trackDocument from "../documents/[id]/entities/route";
import * as hit from "../hits/[id]/route";
import * as trackIssue from "../issues/[id]/entities/route";
import * as entity from "./[id]/route";
import * as history from "./[id]/history/route";
import * as merge from "./[id]/merge/route";
import * as entities from "./route";

// Tracked entities and their hits over the API (issue 13). A small list of real OFAC SDN lines (26 April 2024),
// then the next release: the same lines with one entry edited (its program) and two entries that OFAC really
// added on 1 May 2024. Lists are the instance's, so this file imports into a list of its own (`LIST`).

withTestDatabase();

const LIST = `test-entities-${randomUUID().slice(0, 8)}`;
const sdnLines = (file: "ofacSdn2024Apr26" | "ofacSdn2024May01") => gunzipSync(readFileSync(sanctionsFixturePath(file))).toString("utf8").split("\n");
const april = sdnLines("ofacSdn2024Apr26").slice(0, 60);
const BANCO = "306"; // "BANCO NACIONAL DE CUBA": unchanged in the next release
const ANGLO = "173"; // "ANGLO-CARIBBEAN CO., LTD.": its program changes in the next release
const EMS = "48905"; // "LIMITED LIABILITY COMPANY EMS EKSPERT": added on 1 May 2024
const may = [
  ...april.map((line) => (line.startsWith(`${ANGLO},`) ? line.replace('"CUBA"', '"CUBA] [IRAN"') : line)),
  ...sdnLines("ofacSdn2024May01").filter((line) => line.startsWith(`${EMS},`) || line.startsWith("48906,")),
];

let team: TestTeam;
let other: TestTeam;
let issueId: string;

beforeAll(async () => {
  team = await createTestTeam("Entities");
  other = await createTestTeam("Other");
  issueId = (await createTestIssue(team.actors.analyst, { actors: ["Banco Nacional de Cuba", "Harbour Trading Partners"] })).id;
  expect(april.some((line) => line.startsWith(`${BANCO},`)) && april.some((line) => line.startsWith(`${ANGLO},`))).toBe(true);
  await importRelease(Buffer.from(`${april.join("\n")}\n`), { list: LIST, publishedAt: new Date("2024-04-26"), importedBy: "cli" });
});

afterAll(async () => {
  await db.sanctionsList.deleteMany({ where: { slug: LIST } });
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

type Json = Record<string, unknown>;
const path = (id: string) => `/api/entities/${id}`;
const ours = (hits: HitView[]) => hits.filter((h) => h.list === LIST);

async function create(body: Json, token = team.tokens.analyst) {
  return call(entities.POST, "POST", "/api/entities", { token, body });
}
async function get(id: string, token = team.tokens.viewer) {
  const response = await call(entity.GET, "GET", path(id), { token, params: { id } });
  return { ...response, entity: response.json as unknown as EntityDetail };
}
async function list(query: string, token = team.tokens.viewer) {
  return (await call(entities.GET, "GET", `/api/entities?${query}`, { token })).json as unknown as EntityPage;
}
async function patch(id: string, version: number | null, body: Json, token = team.tokens.analyst) {
  return call(entity.PATCH, "PATCH", path(id), { token, body, params: { id }, headers: version === null ? {} : { "if-match": `"${version}"` } });
}
async function decide(id: string, body: Json, token = team.tokens.analyst) {
  return call(hit.PATCH, "PATCH", `/api/hits/${id}`, { token, body, params: { id } });
}
const entityCount = () => db.entity.count({ where: { teamId: team.teamId } });

describe("creating entities", () => {
  it("screens a new entity at once: a real SDN name is a match, explained", async () => {
    const { status, json, headers } = await create({ type: "organization", name: "Banco Nacional de Cuba", country: "Cuba", issueIds: [issueId] });
    expect(status, JSON.stringify(json)).toBe(201);
    expect(headers.get("etag")).toBe('"1"');
    const created = json as unknown as EntityDetail;
    expect(created).toMatchObject({ name: "Banco Nacional de Cuba", country: "CU", version: 1, issues: [{ id: issueId }], reviewCount: 1 });
    const [found] = ours(created.hits);
    expect(found).toMatchObject({ sourceId: BANCO, name: "BANCO NACIONAL DE CUBA", level: "match", decision: null, programs: ["CUBA"], firstSeen: { publishedAt: "2024-04-26T00:00:00.000Z" } });
    expect(found!.score).toBeGreaterThanOrEqual(0.72);
    expect(found!.explanation.words.length).toBeGreaterThan(0);
    const events = (await call(history.GET, "GET", `${path(created.id)}/history`, { token: team.tokens.viewer, params: { id: created.id } })).json as unknown as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(["created", "hit_found"]);
  });

  it("a name nobody lists has no hits", async () => {
    const { status, json } = await create({ type: "person", name: "Margaret Quillfeather", aliases: ["M. Quillfeather"] });
    expect(status).toBe(201);
    expect(ours((json as unknown as EntityDetail).hits)).toEqual([]);
  });

  it("refuses bad input with a clear 4xx, writing nothing", async () => {
    const before = await entityCount();
    expect((await create({ type: "organization", name: "  " })).status).toBe(422);
    expect((await create({ type: "company", name: "Acme" })).status).toBe(422);
    expect((await create({ type: "organization", name: "x".repeat(301) })).status).toBe(422);
    expect((await create({ type: "organization", name: "Acme", country: "Atlantis" })).json.error?.details).toMatchObject({ fields: { country: [expect.stringMatching(/country/)] } });
    expect((await create({ type: "organization", name: "Acme", aliases: Array(51).fill("a") })).status).toBe(422);
    expect((await create({ type: "organization", name: "Acme", issueIds: [randomUUID()] })).status).toBe(404);
    const theirs = await createTestIssue(other.actors.analyst);
    expect((await create({ type: "organization", name: "Acme", issueIds: [theirs.id] })).status).toBe(404);
    expect((await create({ type: "organization", name: "Acme" }, team.tokens.viewer)).status).toBe(403);
    expect(await entityCount()).toBe(before);
  });
});

describe("reading, changing and deleting", () => {
  let anglo: EntityDetail;

  beforeAll(async () => {
    anglo = (await create({ type: "organization", name: "Caribbean Anglo Company Limited" })).json as unknown as EntityDetail;
  });

  it("lists by name with filters, paged", async () => {
    expect((await list("q=banco")).items.map((e) => e.name)).toEqual(["Banco Nacional de Cuba"]);
    expect((await list("q=quillfeather")).items.map((e) => e.name)).toEqual(["Margaret Quillfeather"]); // by alias too
    expect((await list("type=person")).items.map((e) => e.name)).toEqual(["Margaret Quillfeather"]);
    expect((await list(`issue=${issueId}`)).items.map((e) => e.name)).toEqual(["Banco Nacional de Cuba"]);
    expect((await list("hasHits=true")).items.map((e) => e.name)).toEqual(expect.arrayContaining(["Banco Nacional de Cuba"]));
    expect((await list("hasHits=false")).items.map((e) => e.name)).toContain("Margaret Quillfeather");
    expect((await list("pageSize=1")).total).toBeGreaterThanOrEqual(3);
    expect((await list("", other.tokens.admin)).items).toEqual([]);
    expect((await call(entities.GET, "GET", "/api/entities?level=high", { token: team.tokens.viewer })).status).toBe(422);
  });

  it("finds the match under word order and legal forms written otherwise", () => {
    expect(ours(anglo.hits).map((h) => h.sourceId)).toEqual([ANGLO]);
  });

  it("changes an entity with If-Match, screening its new name; stale or missing versions are refused", async () => {
    expect((await patch(anglo.id, null, { notes: "x" })).status).toBe(428);
    expect((await patch(anglo.id, 7, { notes: "x" })).status).toBe(412);
    expect((await patch(anglo.id, 1, { name: "" })).status).toBe(422);
    expect((await patch(anglo.id, 1, {})).status).toBe(422);
    expect((await patch(anglo.id, 1, { notes: "x" }, team.tokens.viewer)).status).toBe(403);
    expect((await get(anglo.id)).entity.version).toBe(1);
    const renamed = await patch(anglo.id, 1, { name: "Margaret Quillfeather Holdings", notes: "Renamed" });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ version: 2, notes: "Renamed" });
    // The undecided hit under the old name is gone; back to the old name, it is found again.
    expect(ours((renamed.json as unknown as EntityDetail).hits)).toEqual([]);
    const back = await patch(anglo.id, 2, { name: "Anglo-Caribbean Co., Ltd." });
    expect(ours((back.json as unknown as EntityDetail).hits).map((h) => h.sourceId)).toEqual([ANGLO]);
    anglo = back.json as unknown as EntityDetail;
  });

  it("another team's ids are not found", async () => {
    expect((await get(anglo.id, other.tokens.admin)).status).toBe(404);
    expect((await patch(anglo.id, anglo.version, { notes: "theirs" }, other.tokens.admin)).status).toBe(404);
    expect((await decide(ours(anglo.hits)[0]!.id, { decision: "confirmed" }, other.tokens.admin)).status).toBe(404);
    expect((await call(entity.DELETE, "DELETE", path(anglo.id), { token: other.tokens.admin, params: { id: anglo.id }, headers: { "if-match": `"${anglo.version}"` } })).status).toBe(404);
    expect((await get(anglo.id)).entity.notes).toBe("Renamed");
  });

  it("deletes with If-Match; the entity and its hits go, its history stays", async () => {
    const doomed = (await create({ type: "organization", name: "Banco Nacional Cuba Doomed Copy" })).json as unknown as EntityDetail;
    expect((await call(entity.DELETE, "DELETE", path(doomed.id), { token: team.tokens.analyst, params: { id: doomed.id }, headers: { "if-match": '"9"' } })).status).toBe(412);
    expect((await call(entity.DELETE, "DELETE", path(doomed.id), { token: team.tokens.analyst, params: { id: doomed.id }, headers: { "if-match": '"1"' } })).status).toBe(204);
    expect((await get(doomed.id)).status).toBe(404);
    expect(await db.hit.count({ where: { entityId: doomed.id } })).toBe(0);
    expect(await db.event.count({ where: { entityType: "entity", entityId: doomed.id } })).toBe(2);
  });
});

describe("decisions and later releases", () => {
  let banco: EntityDetail;
  let anglo: EntityDetail;
  let ems: EntityDetail;

  beforeAll(async () => {
    const named = async (name: string) => (await get((await list(`q=${encodeURIComponent(name)}`)).items[0]!.id)).entity;
    banco = await named("Banco Nacional de Cuba");
    anglo = await named("Anglo-Caribbean");
    ems = (await create({ type: "organization", name: "OOO EMS Ekspert", issueIds: [issueId] })).json as unknown as EntityDetail;
  });

  it("an analyst confirms a hit or marks it a false positive, with a note; viewers cannot", async () => {
    const bancoHit = ours(banco.hits)[0]!;
    expect((await decide(bancoHit.id, { decision: "confirmed" }, team.tokens.viewer)).status).toBe(403);
    expect((await decide(bancoHit.id, { decision: "maybe" })).status).toBe(422);
    expect((await decide(randomUUID(), { decision: "confirmed" })).status).toBe(404);
    const confirmed = await decide(bancoHit.id, { decision: "confirmed", note: "Same bank: Havana head office" });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({ decision: "confirmed", note: "Same bank: Havana head office", decidedBy: "token: analyst token" });
    expect((await decide(ours(anglo.hits)[0]!.id, { decision: "false_positive", note: "Another company" })).status).toBe(200);
    const reread = (await get(banco.id)).entity;
    expect(reread).toMatchObject({ reviewCount: 0, designations: [{ sourceId: BANCO, programs: ["CUBA"], since: "2024-04-26T00:00:00.000Z" }] });
    expect(ours(ems.hits)).toEqual([]); // not listed before 1 May
  });

  it("after the next release, decisions hold unless the entry changed, and new listings are new hits", async () => {
    const since = new Date();
    await importRelease(Buffer.from(`${may.join("\n")}\n`), { list: LIST, publishedAt: new Date("2024-05-01"), importedBy: "cli" });
    const counts = await rescreenAllTeams();
    expect(counts.get(team.teamId)).toMatchObject({ newHits: 1, reopened: 1 });
    const bancoHit = ours((await get(banco.id)).entity.hits)[0]!;
    expect(bancoHit).toMatchObject({ decision: "confirmed", note: "Same bank: Havana head office", firstSeen: { publishedAt: "2024-04-26T00:00:00.000Z" } });
    const angloHit = ours((await get(anglo.id)).entity.hits)[0]!;
    expect(angloHit).toMatchObject({ decision: null, programs: ["CUBA", "IRAN"] });
    const emsHits = ours((await get(ems.id)).entity.hits);
    expect(emsHits).toMatchObject([{ sourceId: EMS, decision: null, firstSeen: { publishedAt: "2024-05-01T00:00:00.000Z" } }]);
    // Once more, nothing new: the same release screened again changes nothing.
    expect((await rescreenAllTeams()).get(team.teamId)).toMatchObject({ newHits: 0, reopened: 0 });
    // For the issue's banner and its briefing.
    expect(await actorsDesignatedSince(team.teamId, issueId, since)).toBe(1);
    await decide(emsHits[0]!.id, { decision: "confirmed" });
    // Since when: the release that added the entry; unknown for one already on the first release imported.
    expect((await designatedActors(team.teamId, issueId)).filter((d) => d.list === LIST).map((d) => [d.entityName, d.sourceId, d.since])).toEqual([
      ["Banco Nacional de Cuba", BANCO, null],
      ["OOO EMS Ekspert", EMS, "2024-05-01T00:00:00.000Z"],
    ]);
    // …and the briefing lists them with list, program and date, in its snapshot and its exports.
    const briefing = await call(briefings.POST, "POST", "/api/briefings", { token: team.tokens.analyst, body: { title: "Designations", marking: "TLP:CLEAR", issueIds: [issueId] } });
    expect(briefing.status).toBe(201);
    const snapshotIssue = (briefing.json as unknown as { snapshot: { issues: Array<{ designations: unknown[] }> } }).snapshot.issues[0]!;
    expect(snapshotIssue.designations).toContainEqual({ entity: "OOO EMS Ekspert", list: LIST, sourceId: EMS, listedName: "LIMITED LIABILITY COMPANY EMS EKSPERT", programs: ["RUSSIA-EO14024"], since: "2024-05-01T00:00:00.000Z" });
    const briefingId = (briefing.json as unknown as { id: string }).id;
    const markdown = await briefingExport.GET(new Request(`http://localhost:3000/api/briefings/${briefingId}/export?format=md`, { headers: { authorization: `Bearer ${team.tokens.viewer}` } }), { params: Promise.resolve({ id: briefingId }) });
    expect(await markdown.text()).toContain(`**Designated actors:** Banco Nacional de Cuba: ${LIST} (${BANCO}), CUBA, listing date unknown; OOO EMS Ekspert: ${LIST} (${EMS}), RUSSIA-EO14024, since 1 May 2024`);
    const events = (await call(history.GET, "GET", `${path(anglo.id)}/history`, { token: team.tokens.viewer, params: { id: anglo.id } })).json as unknown as { action: string }[];
    expect(events.map((e) => e.action)).toContain("hit_reopened");
  });
});

describe("merging and tracking", () => {
  it("merges two entities: names kept as aliases, links and hits moved with their decisions", async () => {
    const into = (await create({ type: "organization", name: "EMS Ekspert LLC" })).json as unknown as EntityDetail;
    const from = (await list("q=OOO%20EMS")).items[0]!;
    const decided = ours((await get(from.id)).entity.hits)[0]!;
    const send = (body: Json, version: number, token = team.tokens.analyst, id = into.id) =>
      call(merge.POST, "POST", `${path(id)}/merge`, { token, body, params: { id }, headers: { "if-match": `"${version}"` } });
    expect((await send({ from: into.id }, 1)).status).toBe(422);
    expect((await send({ from: from.id }, 5)).status).toBe(412);
    expect((await send({ from: randomUUID() }, 1)).status).toBe(404);
    expect((await send({ from: from.id }, 1, team.tokens.viewer)).status).toBe(403);
    expect((await send({ from: from.id }, 1, other.tokens.admin)).status).toBe(404);
    const merged = await send({ from: from.id }, 1);
    expect(merged.status, JSON.stringify(merged.json)).toBe(200);
    const result = merged.json as unknown as EntityDetail;
    expect(result).toMatchObject({ name: "EMS Ekspert LLC", aliases: ["OOO EMS Ekspert"], version: 2, issues: [{ id: issueId }] });
    expect(ours(result.hits)).toMatchObject([{ id: decided.id, decision: "confirmed" }]);
    expect((await get(from.id)).status).toBe(404);
    const events = (await call(history.GET, "GET", `${path(into.id)}/history`, { token: team.tokens.viewer, params: { id: into.id } })).json as unknown as { action: string }[];
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["created", "merged", "hit_decided"]));
  });

  it("tracks an issue's actors, linking the entity it already has", async () => {
    const send = (body: Json, id = issueId, token = team.tokens.analyst) => call(trackIssue.POST, "POST", `/api/issues/${id}/entities`, { token, body, params: { id } });
    expect((await send({}, randomUUID())).status).toBe(404);
    const theirs = await createTestIssue(other.actors.analyst, { actors: ["Someone"] });
    expect((await send({}, theirs.id)).status).toBe(404);
    expect((await send({}, issueId, team.tokens.viewer)).status).toBe(403);
    const first = await send({});
    expect(first.status).toBe(201);
    const tracked = first.json as unknown as TrackedEntities;
    expect(tracked.created.map((e) => e.name)).toEqual(["Harbour Trading Partners"]);
    expect(tracked.linked.map((e) => e.name)).toEqual(["Banco Nacional de Cuba"]);
    const again = (await send({})).json as unknown as TrackedEntities;
    expect(again.created).toEqual([]);
    expect((await list(`issue=${issueId}`)).items.map((e) => e.name)).toEqual(["Banco Nacional de Cuba", "EMS Ekspert LLC", "Harbour Trading Partners"]);
    const empty = await createTestIssue(team.actors.analyst, { actors: [] });
    expect((await send({}, empty.id)).status).toBe(422);
  });

  it("tracks the people and organisations a document names", async () => {
    const text = "Banco Nacional de Cuba and the Havana Port Authority signed the deal, said Maria Gonzalez.";
    const document = await db.document.create({ data: { teamId: team.teamId, title: "Deal", text, contentHash: randomBytes(8).toString("hex") } });
    const send = (body: Json, id = document.id, token = team.tokens.analyst) => call(trackDocument.POST, "POST", `/api/documents/${id}/entities`, { token, body, params: { id } });
    expect((await send({ names: [{ name: "", type: "person" }] })).status).toBe(422);
    expect((await send({}, randomUUID())).status).toBe(404);
    expect((await send({ names: [{ name: "Maria Gonzalez", type: "person" }] }, document.id, other.tokens.admin)).status).toBe(404);
    // Without names: every person and organisation the analysis finds.
    const found = await send({});
    expect(found.status, JSON.stringify(found.json)).toBe(201);
    expect((found.json as unknown as TrackedEntities).created.map((e) => [e.name, e.type])).toEqual([
      ["Maria Gonzalez", "person"],
      ["Havana Port Authority", "organization"],
    ]);
    // With names (one click per name): the bank the team tracks already is linked.
    const named = (await send({ names: [{ name: "BANCO NACIONAL DE CUBA", type: "organization" }] })).json as unknown as TrackedEntities;
    expect(named.created).toEqual([]);
    const banco = (await get(named.linked[0]!.id)).entity;
    expect(banco).toMatchObject({ name: "Banco Nacional de Cuba", documents: [{ id: document.id, title: "Deal" }] });
  });
});
