import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as issueComments from "../issues/[id]/comments/route";
import * as issueHistory from "../issues/[id]/history/route";
import * as entityComments from "../entities/[id]/comments/route";
import * as entityHistory from "../entities/[id]/history/route";
import * as comment from "./[id]/route";

// Comments on issues and entities: who may write, edit and delete them, what is refused, and the history they leave.

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
let issueId: string;
let entityId: string;
let otherIssueId: string;
beforeAll(async () => {
  team = await createTestTeam();
  other = await createTestTeam("Other team");
  issueId = (await createTestIssue(team.actors.analyst)).id;
  otherIssueId = (await createTestIssue(other.actors.analyst)).id;
  entityId = (await db.entity.create({ data: { teamId: team.teamId, type: "organization", name: "Acme Trading" } })).id;
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const post = (body: unknown, token = team.tokens.analyst, id = issueId) => call(issueComments.POST, "POST", `/api/issues/${id}/comments`, { token, params: { id }, body });
const list = (token = team.tokens.viewer, id = issueId) => call(issueComments.GET, "GET", `/api/issues/${id}/comments`, { token, params: { id } });
const patch = (id: string, version: number | null, body: unknown, token = team.tokens.analyst) =>
  call(comment.PATCH, "PATCH", `/api/comments/${id}`, { token, params: { id }, body, headers: version === null ? {} : { "if-match": `"${version}"` } });
const remove = (id: string, version: number, token = team.tokens.analyst) => call(comment.DELETE, "DELETE", `/api/comments/${id}`, { token, params: { id }, headers: { "if-match": `"${version}"` } });
const commentCount = () => db.comment.count({ where: { teamId: team.teamId } });
const eventCount = () => db.event.count({ where: { teamId: team.teamId, entityType: "comment" } });

describe("comments on an issue", () => {
  it("an analyst comments (201) with mentions of members; viewers read them, oldest first", async () => {
    const created = await post({ body: "  @Test viewer see https://example.org/report, and ask @Test admin.  " });
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    expect(created.headers.get("location")).toBe(`/api/comments/${created.json.id}`);
    expect(created.json).toMatchObject({ issueId, entityId: null, body: "@Test viewer see https://example.org/report, and ask @Test admin.", version: 1, editedAt: null, author: { id: team.actors.analyst.userId, name: "Test analyst" } });
    expect((created.json.mentions as Array<{ id: string }>).map((m) => m.id)).toEqual([team.actors.viewer.userId, team.actors.admin.userId]);
    const stored = await db.comment.findUniqueOrThrow({ where: { id: String(created.json.id) } });
    expect(stored.mentions).toEqual([team.actors.viewer.userId, team.actors.admin.userId]);

    await post({ body: "Second" });
    const listed = await list();
    expect(listed.status).toBe(200);
    expect((listed.json.items as Array<{ body: string }>).map((c) => c.body).slice(-2)).toEqual([stored.body, "Second"]);
  });

  const refusals: Array<[string, unknown, number, string]> = [
    ["an empty comment", { body: "   " }, 422, "validation_failed"],
    ["a comment over 10,000 characters", { body: "x".repeat(10_001) }, 422, "validation_failed"],
    ["bidirectional control characters", { body: "Approved \u202Egnp.exe" }, 422, "validation_failed"],
    ["an unknown field", { body: "ok", html: "<b>x</b>" }, 422, "validation_failed"],
    ["no body at all", {}, 422, "validation_failed"],
  ];
  it.each(refusals)("refuses %s, nothing written", async (_name, body, status, code) => {
    const before = [await commentCount(), await eventCount()];
    const response = await post(body);
    expect(response.status).toBe(status);
    expect(response.json.error?.code).toBe(code);
    expect([await commentCount(), await eventCount()]).toEqual(before);
  });

  it("keeps 10,000 characters exactly", async () => {
    expect((await post({ body: "y".repeat(10_000) })).status).toBe(201);
  });

  it("refuses a viewer writing (403), an unknown, another team's or a deleted issue (404); nothing written", async () => {
    const before = [await commentCount(), await eventCount()];
    expect((await post({ body: "hi" }, team.tokens.viewer)).status).toBe(403);
    expect((await post({ body: "hi" }, team.tokens.analyst, "01900000-0000-7000-8000-000000000000")).status).toBe(404);
    expect((await post({ body: "hi" }, team.tokens.analyst, otherIssueId)).status).toBe(404);
    expect((await list(team.tokens.viewer, otherIssueId)).status).toBe(404);
    const gone = await createTestIssue(team.actors.analyst, { title: "Gone" });
    await db.issue.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    expect((await post({ body: "hi" }, team.tokens.analyst, gone.id)).status).toBe(404);
    expect([await commentCount(), await eventCount()]).toEqual(before);
  });
});

describe("editing and deleting", () => {
  it("the author edits (If-Match), the old text stays in the history; others may not; stale versions get 412", async () => {
    const created = await post({ body: "First words" });
    const id = String(created.json.id);
    expect((await patch(id, null, { body: "x" })).status).toBe(428);
    expect((await patch(id, 1, { body: "Not mine" }, team.tokens.admin)).status).toBe(403);
    const edited = await patch(id, 1, { body: "Better words for @Test viewer" });
    expect(edited.status).toBe(200);
    expect(edited.headers.get("etag")).toBe('"2"');
    expect(edited.json).toMatchObject({ body: "Better words for @Test viewer", version: 2, editedAt: expect.any(String) });
    expect((edited.json.mentions as Array<{ id: string }>).map((m) => m.id)).toEqual([team.actors.viewer.userId]);
    const stale = await patch(id, 1, { body: "Overwrite" });
    expect(stale.status).toBe(412);
    expect((await patch(id, 2, { body: "" })).status).toBe(422);
    expect((await db.comment.findUniqueOrThrow({ where: { id } })).body).toBe("Better words for @Test viewer");

    const events = await db.event.findMany({ where: { entityType: "comment", entityId: id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["commented", "comment_edited"]);
    expect(events[1]).toMatchObject({ before: { body: "First words" }, after: { issueId, body: "Better words for @Test viewer" } });
  });

  it("the author deletes their own; an admin deletes anyone's; another analyst may not; the text stays in the history", async () => {
    const mine = String((await post({ body: "Mine to delete" })).json.id);
    expect((await remove(mine, 1)).status).toBe(204);
    expect(await db.comment.findUnique({ where: { id: mine } })).toBeNull();

    const analysts = String((await post({ body: "The admin removes this" })).json.id);
    const byAdmin = String((await post({ body: "Only an admin or I" }, team.tokens.admin)).json.id);
    expect((await remove(byAdmin, 1, team.tokens.analyst)).status).toBe(403);
    expect(await db.comment.findUnique({ where: { id: byAdmin } })).not.toBeNull();
    expect((await remove(analysts, 2, team.tokens.admin)).status).toBe(412);
    expect((await remove(analysts, 1, team.tokens.admin)).status).toBe(204);
    expect((await remove(analysts, 1, team.tokens.admin)).status).toBe(404);

    const deleted = await db.event.findFirstOrThrow({ where: { entityType: "comment", entityId: analysts, action: "comment_deleted" } });
    expect(deleted.before).toMatchObject({ body: "The admin removes this" });
  });

  it("another team's comment cannot be edited or deleted (404), and nothing changes", async () => {
    const theirs = await call(issueComments.POST, "POST", `/api/issues/${otherIssueId}/comments`, { token: other.tokens.analyst, params: { id: otherIssueId }, body: { body: "Theirs" } });
    const id = String(theirs.json.id);
    expect((await patch(id, 1, { body: "Mine now" }, team.tokens.admin)).status).toBe(404);
    expect((await remove(id, 1, team.tokens.admin)).status).toBe(404);
    expect((await db.comment.findUniqueOrThrow({ where: { id } })).body).toBe("Theirs");
  });

  it("the issue's timeline holds its comment events", async () => {
    const history = await call(issueHistory.GET, "GET", `/api/issues/${issueId}/history`, { token: team.tokens.viewer, params: { id: issueId } });
    const actions = (history.json.items as Array<{ entityType: string; action: string }>).filter((e) => e.entityType === "comment").map((e) => e.action);
    expect(actions).toContain("commented");
    expect(actions).toContain("comment_edited");
    expect(actions).toContain("comment_deleted");
  });
});

describe("comments on an entity", () => {
  it("works the same way, and stays on its entity", async () => {
    const created = await call(entityComments.POST, "POST", `/api/entities/${entityId}/comments`, { token: team.tokens.analyst, params: { id: entityId }, body: { body: "Check the 2023 filings" } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ entityId, issueId: null });
    const listed = await call(entityComments.GET, "GET", `/api/entities/${entityId}/comments`, { token: team.tokens.viewer, params: { id: entityId } });
    expect((listed.json.items as Array<{ body: string }>).map((c) => c.body)).toEqual(["Check the 2023 filings"]);
    expect((await call(entityComments.GET, "GET", `/api/entities/${entityId}/comments`, { token: other.tokens.admin, params: { id: entityId } })).status).toBe(404);
  });

  it("the entity's timeline holds its comment events", async () => {
    const history = await call(entityHistory.GET, "GET", `/api/entities/${entityId}/history`, { token: team.tokens.viewer, params: { id: entityId } });
    const comments = (history.json as unknown as Array<{ entityType: string; action: string; after: { body?: string } }>).filter((e) => e.entityType === "comment");
    expect(comments.map((e) => [e.action, e.after.body])).toEqual([["commented", "Check the 2023 filings"]]);
  });
});
