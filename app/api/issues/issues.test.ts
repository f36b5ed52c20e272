import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, issueInput, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as collection from "./route";
import * as item from "./[id]/route";
import * as history from "./[id]/history/route";
import * as restore from "./[id]/restore/route";

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
beforeAll(async () => {
  team = await createTestTeam();
  other = await createTestTeam("Other team");
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const issueCount = (teamId: string) => db.issue.count({ where: { teamId } });
/** Changes recorded for the team; a denied request is recorded too (audit), but it changes nothing. */
const eventCount = (teamId: string) => db.event.count({ where: { teamId, action: { not: "request_denied" } } });

describe("POST /api/issues", () => {
  it("creates an issue (201, ETag, Location) and records it in the history", async () => {
    const response = await call(collection.POST, "POST", "/api/issues", { token: team.tokens.analyst, body: issueInput({ title: "Created via API", impact: 4, likelihood: "likely" }) });
    expect(response.status).toBe(201);
    expect(response.headers.get("etag")).toBe('"1"');
    expect(response.json).toMatchObject({ title: "Created via API", riskScore: 20, version: 1, evidenceCount: 0 });
    expect(response.headers.get("location")).toBe(`/api/issues/${response.json.id}`);
    const events = await db.event.findMany({ where: { entityId: String(response.json.id) } });
    expect(events.map((e) => e.action)).toEqual(["created"]);
  });

  const errorCases: Array<{ name: string; status: number; code: string; options: Parameters<typeof call>[3] }> = [
    { name: "no credentials", status: 401, code: "unauthenticated", options: { body: issueInput() } },
    { name: "unknown token", status: 401, code: "unauthenticated", options: { token: "sw_nope", body: issueInput() } },
    { name: "a viewer writing", status: 403, code: "forbidden", options: { tokenRole: "viewer", body: issueInput() } as never },
    { name: "malformed JSON", status: 400, code: "bad_request", options: { tokenRole: "analyst", rawBody: '{"title": "x",', headers: { "content-type": "application/json" } } as never },
    { name: "invalid UTF-8", status: 400, code: "bad_request", options: { tokenRole: "analyst", rawBody: new Uint8Array([0x22, 0xff, 0xfe, 0x22]), headers: { "content-type": "application/json" } } as never },
    { name: "text/plain body", status: 415, code: "unsupported_media_type", options: { tokenRole: "analyst", rawBody: "{}", headers: { "content-type": "text/plain" } } as never },
    { name: "form body", status: 415, code: "unsupported_media_type", options: { tokenRole: "analyst", rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } } as never },
    { name: "cross-origin", status: 403, code: "forbidden", options: { tokenRole: "analyst", body: issueInput(), headers: { origin: "https://evil.example" } } as never },
    { name: "Origin: null", status: 403, code: "forbidden", options: { tokenRole: "analyst", body: issueInput(), headers: { origin: "null" } } as never },
    { name: "cross-site fetch", status: 403, code: "forbidden", options: { tokenRole: "analyst", body: issueInput(), headers: { "sec-fetch-site": "cross-site" } } as never },
    { name: "oversize body", status: 413, code: "payload_too_large", options: { tokenRole: "analyst", body: { ...issueInput(), summary: "x".repeat(1_100_000) } } as never },
    { name: "unknown category", status: 422, code: "validation_failed", options: { tokenRole: "analyst", body: issueInput({ category: "nope" }) } as never },
    { name: "unknown field", status: 422, code: "validation_failed", options: { tokenRole: "analyst", body: { ...issueInput(), colour: "red" } } as never },
  ];

  it.each(errorCases)("$name → $status $code, nothing written", async ({ status, code, options }) => {
    const { tokenRole, ...rest } = options as { tokenRole?: "viewer" | "analyst" } & Parameters<typeof call>[3];
    const before = [await issueCount(team.teamId), await eventCount(team.teamId)];
    const response = await call(collection.POST, "POST", "/api/issues", { ...rest, token: rest?.token ?? (tokenRole ? team.tokens[tokenRole] : undefined) });
    expect(response.status).toBe(status);
    expect(response.json.error?.code).toBe(code);
    expect(response.text).not.toMatch(/\bat .*\.(ts|js):\d+/); // never a stack trace
    expect([await issueCount(team.teamId), await eventCount(team.teamId)]).toEqual(before);
  });

  it("422 names each invalid field", async () => {
    const response = await call(collection.POST, "POST", "/api/issues", { token: team.tokens.analyst, body: { title: "", impact: 9, jurisdictions: ["China"] } });
    expect(response.status).toBe(422);
    const fields = (response.json.error?.details as { fields: Record<string, string[]> }).fields;
    expect(Object.keys(fields).sort()).toEqual(["category", "impact", "jurisdictions.0", "title"]);
  });
});

describe("GET /api/issues", () => {
  let ids: Record<string, string>;
  beforeAll(async () => {
    const actor = team.actors.analyst;
    const made = await Promise.all([
      createTestIssue(actor, { title: "Alpha banks", category: "financial-institutions", status: "measures_threatened", likelihood: "likely", impact: 5, jurisdictions: ["CN", "HK"], tags: ["banks"] }),
      createTestIssue(actor, { title: "Beta chips", category: "microelectronics-chips", status: "warning_issued", likelihood: "very_likely", impact: 2, jurisdictions: ["RU"] }),
      createTestIssue(actor, { title: "Gamma engines", category: "engines-propulsion", status: "resolved", likelihood: "unlikely", impact: 1, jurisdictions: ["IR"], actors: ["Wang Yi"], nextReviewAt: null }),
      createTestIssue(actor, { title: "Delta overdue", summary: "Exporters were sanctioned last year.", category: "other", status: "monitoring", impact: 3, nextReviewAt: new Date("2020-01-01") }),
    ]);
    ids = Object.fromEntries(made.map((m) => [m.title.split(" ")[0]!, m.id]));
    await createTestIssue(other.actors.analyst, { title: "Alpha banks of the other team" });
  });

  const titles = async (query: string) => {
    const response = await call(collection.GET, "GET", `/api/issues?${query}`, { token: team.tokens.viewer });
    expect(response.status).toBe(200);
    return (response.json.items as Array<{ title: string }>).map((i) => i.title).filter((t) => !t.startsWith("Created via") && !t.startsWith("Export controls"));
  };

  it.each([
    ["status=measures_threatened", ["Alpha banks"]],
    ["status=warning_issued,resolved&sort=title", ["Beta chips", "Gamma engines"]],
    ["category=microelectronics-chips", ["Beta chips"]],
    ["jurisdiction=hk", ["Alpha banks"]],
    ["q=CHIPS", ["Beta chips"]],
    ["q=banks&sort=title", ["Alpha banks"]],
    ["reviewDue=true&sort=title", ["Delta overdue"]],
    ["likelihood=likely&impact=5", ["Alpha banks"]],
    ["sort=-risk&status=measures_threatened,warning_issued,resolved", ["Alpha banks", "Beta chips", "Gamma engines"]],
    ["sort=title&category=other,engines-propulsion", ["Delta overdue", "Gamma engines"]],
    ["sort=-title&category=other,engines-propulsion", ["Gamma engines", "Delta overdue"]],
    ["reviewDue=false&sort=title", ["Alpha banks", "Beta chips", "Gamma engines"]],
    ["sort=risk&status=measures_threatened,warning_issued,resolved", ["Gamma engines", "Beta chips", "Alpha banks"]],
    ["sort=review&category=other,engines-propulsion", ["Gamma engines", "Delta overdue"]],
    ["sort=-review&category=other,engines-propulsion", ["Delta overdue", "Gamma engines"]],
    // Free text matches word starts, stemmed, across title, summary, actors and tags, every word required.
    ["q=chi", ["Beta chips"]],
    ["q=bank%20alpha", ["Alpha banks"]],
    ["q=overdue%20chips", []],
    ["q=Wang", ["Gamma engines"]],
    ["q=sanctioned&sort=title", ["Delta overdue"]],
    // Search syntax and punctuation are only text.
    ["q=%25", []],
    ["q=chips%20%7C", ["Beta chips"]],
    ["q=chips%20%7C%20banks", []],
    ["q=!%26%3A*", []],
  ])("?%s", async (query, expected) => {
    expect(await titles(query)).toEqual(expected);
  });

  it("pages with total, and never shows another team's issues", async () => {
    const response = await call(collection.GET, "GET", "/api/issues?pageSize=2&page=2&sort=title", { token: team.tokens.viewer });
    expect(response.json).toMatchObject({ page: 2, pageSize: 2, total: await db.issue.count({ where: { teamId: team.teamId, deletedAt: null } }) });
    const all = await call(collection.GET, "GET", "/api/issues?pageSize=100", { token: team.tokens.viewer });
    expect((all.json.items as Array<{ title: string }>).some((i) => i.title.includes("other team"))).toBe(false);
  });

  it("a page past the end is empty and still tells the total", async () => {
    const response = await call(collection.GET, "GET", "/api/issues?status=resolved&page=50", { token: team.tokens.viewer });
    expect(response.json).toMatchObject({ items: [], page: 50, total: 1 });
  });

  it.each(["pageSize=1000", "status=bogus", "sort=colour", "page=0", "reviewDue=maybe"])("rejects ?%s with 422", async (query) => {
    const response = await call(collection.GET, "GET", `/api/issues?${query}`, { token: team.tokens.viewer });
    expect(response.status).toBe(422);
    expect(response.json.error?.code).toBe("validation_failed");
  });

  it("items carry risk, evidence count and last evidence date", async () => {
    const response = await call(item.GET, "GET", `/api/issues/${ids.Alpha}`, { token: team.tokens.viewer, params: { id: ids.Alpha! } });
    expect(response.json).toMatchObject({ riskScore: 25, evidenceCount: 0, lastEvidenceAt: null, evidence: [] });
  });
});

describe("GET|PATCH|DELETE /api/issues/{id}", () => {
  it("GET returns the ETag; another team's id and an unknown id are 404", async () => {
    const issue = await createTestIssue(team.actors.analyst);
    const own = await call(item.GET, "GET", `/api/issues/${issue.id}`, { token: team.tokens.viewer, params: { id: issue.id } });
    expect(own.status).toBe(200);
    expect(own.headers.get("etag")).toBe('"1"');
    for (const [token, id] of [[other.tokens.admin, issue.id], [team.tokens.viewer, "0190a000-0000-7000-8000-000000000000"], [team.tokens.viewer, "not-a-uuid"]] as const) {
      const response = await call(item.GET, "GET", `/api/issues/${id}`, { token, params: { id } });
      expect(response.status).toBe(404);
      expect(response.json.error?.code).toBe("not_found");
    }
  });

  it("PATCH needs If-Match (428), refuses a stale one (412 with the current version) and applies a fresh one", async () => {
    const issue = await createTestIssue(team.actors.analyst);
    const patch = (body: unknown, headers: Record<string, string> = {}) =>
      call(item.PATCH, "PATCH", `/api/issues/${issue.id}`, { token: team.tokens.analyst, params: { id: issue.id }, body, headers });

    expect((await patch({ impact: 4 })).status).toBe(428);
    const fresh = await patch({ impact: 4 }, { "if-match": '"1"' });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("etag")).toBe('"2"');
    expect(fresh.json).toMatchObject({ impact: 4, version: 2, riskScore: 16 });

    const stale = await patch({ impact: 2 }, { "if-match": '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.json.error).toMatchObject({ code: "precondition_failed", details: { currentVersion: 2 } });
    expect((await db.issue.findUniqueOrThrow({ where: { id: issue.id } })).impact).toBe(4);
  });

  it("a status or likelihood move needs a rationale (422) and is recorded with it", async () => {
    const issue = await createTestIssue(team.actors.analyst);
    const patch = (body: unknown, version: number) =>
      call(item.PATCH, "PATCH", `/api/issues/${issue.id}`, { token: team.tokens.analyst, params: { id: issue.id }, body, headers: { "if-match": `"${version}"` } });

    const missing = await patch({ status: "warning_issued" }, 1);
    expect(missing.status).toBe(422);
    expect(missing.json.error?.details).toMatchObject({ fields: { rationale: [expect.any(String)] } });

    const moved = await patch({ status: "warning_issued", rationale: "Secretary of State to deliver a warning" }, 1);
    expect(moved.status).toBe(200);
    const timeline = await call(history.GET, "GET", `/api/issues/${issue.id}/history`, { token: team.tokens.viewer, params: { id: issue.id } });
    const items = timeline.json.items as Array<{ action: string; before: unknown; after: Record<string, unknown> }>;
    expect(items.map((e) => e.action)).toEqual(["created", "status_changed"]);
    expect(items[1]).toMatchObject({ before: { status: "monitoring" }, after: { status: "warning_issued", rationale: "Secretary of State to deliver a warning" } });
  });

  it("DELETE is soft for analysts, restorable by admins, and 404 afterwards", async () => {
    const issue = await createTestIssue(team.actors.analyst);
    const del = (headers: Record<string, string>) => call(item.DELETE, "DELETE", `/api/issues/${issue.id}`, { token: team.tokens.analyst, params: { id: issue.id }, headers });
    expect((await del({})).status).toBe(428);
    expect((await del({ "if-match": '"7"' })).status).toBe(412);
    expect((await del({ "if-match": '"1"' })).status).toBe(204);
    expect((await call(item.GET, "GET", `/api/issues/${issue.id}`, { token: team.tokens.viewer, params: { id: issue.id } })).status).toBe(404);
    expect(await db.issue.count({ where: { id: issue.id } })).toBe(1);

    expect((await call(restore.POST, "POST", `/api/issues/${issue.id}/restore`, { token: team.tokens.analyst, params: { id: issue.id } })).status).toBe(403);
    const restored = await call(restore.POST, "POST", `/api/issues/${issue.id}/restore`, { token: team.tokens.admin, params: { id: issue.id } });
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ id: issue.id, deletedAt: null, version: 3 });
  });
});

describe("who owns an issue, and what its short fields may hold", () => {
  it("an owner must be a member of the team (422 otherwise), on create and on update", async () => {
    const member = team.actors.viewer.userId!;
    const outsider = other.actors.admin.userId!;
    const before = await issueCount(team.teamId);
    for (const ownerId of [outsider, "someone-else", "not an id at all"]) {
      const refused = await call(collection.POST, "POST", "/api/issues", { token: team.tokens.analyst, body: issueInput({ ownerId }) });
      expect(refused.status, ownerId).toBe(422);
      expect(Object.keys((refused.json.error as { details: { fields: object } }).details.fields)).toEqual(["ownerId"]);
    }
    expect(await issueCount(team.teamId)).toBe(before);

    const created = await call(collection.POST, "POST", "/api/issues", { token: team.tokens.analyst, body: issueInput({ title: "Owned", ownerId: member }) });
    expect(created.status).toBe(201);
    expect(created.json.ownerId).toBe(member);
    const id = String(created.json.id);
    const patch = (ownerId: string | null) => call(item.PATCH, "PATCH", `/api/issues/${id}`, { token: team.tokens.analyst, params: { id }, headers: { "if-match": '"1"' }, body: { ownerId } });
    const moved = await patch(outsider);
    expect(moved.status).toBe(422);
    expect(moved.json.error).toMatchObject({ details: { fields: { ownerId: ["Not a member of your team"] } } });
    expect((await db.issue.findUniqueOrThrow({ where: { id } })).ownerId).toBe(member);
    expect((await patch(null)).status).toBe(200);
  });

  it("refuses bidirectional override and isolate characters in titles, actors and tags (422), keeps them out of the database", async () => {
    const before = await issueCount(team.teamId);
    const cases: Array<[string, Partial<Parameters<typeof issueInput>[0]>]> = [
      ["title", { title: "Invoice \u202Egnp.exe" }],
      ["title", { title: "\u2066Approved\u2069" }],
      ["actors.0", { actors: ["Acme\u202D Ltd"] }],
      ["tags.0", { tags: ["ok\u202A"] }],
    ];
    for (const [field, overrides] of cases) {
      const response = await call(collection.POST, "POST", "/api/issues", { token: team.tokens.analyst, body: issueInput(overrides) });
      expect(response.status, field).toBe(422);
      expect(Object.keys((response.json.error as { details: { fields: object } }).details.fields)).toContain(field);
    }
    expect(await issueCount(team.teamId)).toBe(before);
    // Right-to-left text itself is fine: only the invisible controls are refused.
    expect((await call(collection.POST, "POST", "/api/issues", { token: team.tokens.analyst, body: issueInput({ title: "عقوبات \u200F on Iran" }) })).status).toBe(201);
  });
});
