import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, issueInput, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call, TEST_ORIGIN } from "@/lib/testing/http";
import type { IssuePage } from "@/lib/validation/issues";
import * as briefings from "../briefings/route";
import * as exporter from "../briefings/[id]/export/route";
import * as collection from "./route";
import * as item from "./[id]/route";

// Who owns an issue: named on the issue and the watchlist, "My issues" as a filter, and carried into briefings.

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

const list = async (search: string, token = team.tokens.viewer) => {
  const response = await call(collection.GET, "GET", `/api/issues?${search}`, { token });
  return { status: response.status, page: response.json as unknown as IssuePage, json: response.json };
};

describe("issue owners", () => {
  let analystsIssue: { id: string };
  let viewersIssue: { id: string };
  beforeAll(async () => {
    analystsIssue = await createTestIssue(team.actors.analyst, { title: "Owned by the analyst", ownerId: team.actors.analyst.userId });
    viewersIssue = await createTestIssue(team.actors.analyst, { title: "Owned by the viewer", ownerId: team.actors.viewer.userId });
    await createTestIssue(team.actors.analyst, { title: "Nobody's" });
  });

  it("names the owner on the issue and in the watchlist, or null when unassigned", async () => {
    const issue = await call(item.GET, "GET", `/api/issues/${analystsIssue.id}`, { token: team.tokens.viewer, params: { id: analystsIssue.id } });
    expect(issue.json.owner).toEqual({ id: team.actors.analyst.userId, name: "Test analyst", email: expect.stringMatching(/^analyst-.*@example\.test$/) });
    const { page } = await list("sort=title");
    expect(page.items.map((i) => [i.title, i.owner?.name ?? null])).toEqual([
      ["Nobody's", null],
      ["Owned by the analyst", "Test analyst"],
      ["Owned by the viewer", "Test viewer"],
    ]);
  });

  it("filters by owner=me (the caller, or the token's creator) and by owner=<userId>", async () => {
    expect((await list("owner=me", team.tokens.analyst)).page.items.map((i) => i.id)).toEqual([analystsIssue.id]);
    expect((await list("owner=me", team.tokens.viewer)).page.items.map((i) => i.id)).toEqual([viewersIssue.id]);
    expect((await list("owner=me", team.tokens.admin)).page).toMatchObject({ items: [], total: 0 });
    expect((await list(`owner=${team.actors.viewer.userId}`)).page.items.map((i) => i.id)).toEqual([viewersIssue.id]);
    // Another team's member owns nothing here: an empty page, not their issues.
    expect((await list(`owner=${other.actors.admin.userId}`)).page.total).toBe(0);
  });

  it("refuses an owner filter that is not `me` or a user id (422)", async () => {
    const refused = await list("owner=" + encodeURIComponent("not an id"));
    expect(refused.status).toBe(422);
    expect(refused.json.error).toMatchObject({ code: "validation_failed", details: { fields: { owner: expect.any(Array) } } });
  });

  it("reassigns through PATCH, and the owner then shows in the watchlist", async () => {
    const created = await call(collection.POST, "POST", "/api/issues", { token: team.tokens.analyst, body: issueInput({ title: "To reassign" }) });
    const id = String(created.json.id);
    expect(created.json.owner).toBeNull();
    const patched = await call(item.PATCH, "PATCH", `/api/issues/${id}`, { token: team.tokens.analyst, params: { id }, headers: { "if-match": '"1"' }, body: { ownerId: team.actors.admin.userId } });
    expect(patched.status).toBe(200);
    expect(patched.json.owner).toMatchObject({ id: team.actors.admin.userId, name: "Test admin" });
    expect((await list("owner=me", team.tokens.admin)).page.items.map((i) => i.title)).toEqual(["To reassign"]);
  });

  it("carries the owner into the briefing's snapshot and every export format", async () => {
    const created = await call(briefings.POST, "POST", "/api/briefings", {
      token: team.tokens.analyst,
      body: { title: "Owners", marking: "TLP:GREEN", keyJudgments: "", issueIds: [analystsIssue.id] },
    });
    expect(created.status).toBe(201);
    const id = String(created.json.id);
    const snapshotIssue = (created.json.snapshot as { issues: Array<{ owner: unknown }> }).issues[0];
    expect(snapshotIssue?.owner).toEqual({ name: "Test analyst", email: expect.stringMatching(/^analyst-/) });

    for (const format of ["md", "csv", "json", "docx", "pdf"]) {
      const request = new Request(new URL(`/api/briefings/${id}/export?format=${format}`, TEST_ORIGIN), { headers: { authorization: `Bearer ${team.tokens.viewer}` } });
      const response = await exporter.GET(request, { params: Promise.resolve({ id }) });
      expect(response.status, format).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      // The binary formats are compressed: they are read by their own tests (lib/briefings/export); here, that they render.
      if (["md", "csv", "json"].includes(format)) expect(bytes.toString("utf8"), format).toContain("Test analyst");
      else expect(bytes.length, format).toBeGreaterThan(1000);
    }
  });
});
