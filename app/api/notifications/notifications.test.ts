import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { linkEvidence } from "@/lib/services/evidence";
import { recordSystemEvents } from "@/lib/services/events";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as follows from "../follows/route";
import * as issueComments from "../issues/[id]/comments/route";
import * as issue from "../issues/[id]/route";
import * as notifications from "./route";
import * as read from "./read/route";

// Follows and the notification center (issue 15): who is told of what, and who never is.

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
let issueId: string;
let otherIssueId: string;
let entityId: string;
let version = 1;
beforeAll(async () => {
  team = await createTestTeam();
  other = await createTestTeam("Other team");
  // Created by the analyst and owned by the admin: both follow it from the start.
  issueId = (await createTestIssue(team.actors.analyst, { ownerId: team.actors.admin.userId })).id;
  otherIssueId = (await createTestIssue(other.actors.analyst)).id;
  entityId = (await db.entity.create({ data: { teamId: team.teamId, type: "organization", name: "Acme Trading" } })).id;
  await db.entityIssue.create({ data: { entityId, issueId } });
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const follow = (body: unknown, token = team.tokens.viewer) => call(follows.PUT, "PUT", "/api/follows", { token, body });
const myFollows = (token = team.tokens.viewer) => call(follows.GET, "GET", "/api/follows", { token });
const list = (query = "", token = team.tokens.viewer) => call(notifications.GET, "GET", `/api/notifications${query}`, { token });
const markRead = (body: unknown, token = team.tokens.viewer) => call(read.POST, "POST", "/api/notifications/read", { token, body });
const count = () => db.notification.count({ where: { teamId: team.teamId } });
const followCount = () => db.follow.count();

async function moveStatus(status: string, token = team.tokens.admin) {
  const moved = await call(issue.PATCH, "PATCH", `/api/issues/${issueId}`, { token, params: { id: issueId }, headers: { "if-match": `"${version}"` }, body: { status, rationale: `Moved to ${status}` } });
  expect(moved.status).toBe(200);
  version = moved.json.version as number;
  return db.event.findFirstOrThrow({ where: { teamId: team.teamId, entityId: issueId }, orderBy: [{ at: "desc" }, { id: "desc" }] });
}
const notifiedOf = async (eventId: string) => (await db.notification.findMany({ where: { eventId }, select: { userId: true } })).map((n) => n.userId).sort();
const ids = (...roles: Array<"viewer" | "analyst" | "admin">) => roles.map((role) => team.actors[role].userId!).sort();

describe("follows", () => {
  it("an issue's creator and owner follow it by default", async () => {
    expect((await db.follow.findMany({ where: { kind: "issue", targetId: issueId }, select: { userId: true } })).map((f) => f.userId).sort()).toEqual(ids("analyst", "admin"));
  });

  it("a member follows an issue and an entity (idempotent), sees them in GET, and unfollows", async () => {
    expect((await follow({ kind: "issue", targetId: issueId, following: true })).json).toEqual({ kind: "issue", targetId: issueId, following: true });
    expect((await follow({ kind: "issue", targetId: issueId, following: true })).status).toBe(200);
    expect((await follow({ kind: "entity", targetId: entityId, following: true })).status).toBe(200);
    const mine = await myFollows();
    expect(mine.status).toBe(200);
    expect((mine.json.items as Array<{ kind: string; name: string; link: string }>).map(({ kind, name, link }) => ({ kind, name, link }))).toEqual([
      { kind: "entity", name: "Acme Trading", link: `/entities/${entityId}` },
      { kind: "issue", name: "Export controls on machine tools", link: `/issues/${issueId}` },
    ]);
    expect((await follow({ kind: "entity", targetId: entityId, following: false })).json.following).toBe(false);
    expect((await follow({ kind: "entity", targetId: entityId, following: false })).status).toBe(200);
    expect((await myFollows()).json.items).toHaveLength(1);
  });

  it("another team's ids are 404 and bad input 422, with nothing written", async () => {
    const before = await followCount();
    for (const [body, status] of [
      [{ kind: "issue", targetId: otherIssueId, following: true }, 404],
      [{ kind: "entity", targetId: "no-such-entity", following: true }, 404],
      [{ kind: "category", targetId: issueId, following: true }, 404],
      [{ kind: "team", targetId: issueId, following: true }, 422],
      [{ kind: "issue", targetId: issueId }, 422],
      [{ kind: "issue", targetId: issueId, following: true, extra: 1 }, 422],
    ] as const) {
      const refused = await follow(body);
      expect(refused.status, JSON.stringify(body)).toBe(status);
      expect(refused.json.error?.code).toBe(status === 404 ? "not_found" : "validation_failed");
    }
    expect(await followCount()).toBe(before);
  });
});

describe("who is notified", () => {
  it("a status move: every follower but the one who moved it, with the rationale", async () => {
    const moved = await moveStatus("warning_issued");
    expect(await notifiedOf(moved.id)).toEqual(ids("viewer", "analyst"));
    const mine = await db.notification.findFirstOrThrow({ where: { eventId: moved.id, userId: team.actors.viewer.userId! } });
    expect(mine).toMatchObject({ kind: "status", subjectType: "issue", subjectId: issueId, link: `/issues/${issueId}`, title: "“Export controls on machine tools”: status Monitoring → Warning issued", summary: "By token: admin token. Why: Moved to warning_issued", readAt: null });
  });

  it("never another team's people, even with a follow left behind, nor someone who unfollowed", async () => {
    await db.follow.create({ data: { teamId: team.teamId, userId: other.actors.viewer.userId!, kind: "issue", targetId: issueId } });
    expect((await follow({ kind: "issue", targetId: issueId, following: false })).status).toBe(200);
    const moved = await moveStatus("measures_threatened", team.tokens.analyst);
    expect(await notifiedOf(moved.id)).toEqual(ids("admin"));
    await follow({ kind: "issue", targetId: issueId, following: true });
  });

  it("new evidence on a followed issue", async () => {
    const document = await db.document.create({ data: { teamId: team.teamId, title: "Notice", text: "The ministry announced controls today.", contentHash: `hash-${issueId}` } });
    const evidence = await linkEvidence(team.actors.analyst, issueId, { documentId: document.id, quote: "announced controls", credibility: 2, stance: "escalating", note: "" });
    const event = await db.event.findFirstOrThrow({ where: { entityId: evidence.id } });
    expect(await notifiedOf(event.id)).toEqual(ids("viewer", "admin"));
    expect((await db.notification.findFirstOrThrow({ where: { eventId: event.id, userId: team.actors.admin.userId! } })).summary).toBe("Test analyst added: “announced controls”");
  });

  it("a designation hit: the entity's followers and the followers of the issues it is an actor of", async () => {
    await db.follow.deleteMany({ where: { kind: "issue", targetId: issueId, userId: team.actors.admin.userId! } });
    const entityFollower = other.actors.admin; // not a member: never told, whatever they follow
    await db.follow.create({ data: { teamId: team.teamId, userId: entityFollower.userId!, kind: "entity", targetId: entityId } });
    await follow({ kind: "entity", targetId: entityId, following: true }, team.tokens.admin);
    await db.$transaction((tx) =>
      recordSystemEvents(tx, "Screening", [{ teamId: team.teamId, entityType: "hit", entityId: `hit-${entityId}`, action: "hit_found", after: { entityId, list: "OFAC SDN", name: "ACME TRADING LLC", level: "match", score: 0.97 } }]),
    );
    const event = await db.event.findFirstOrThrow({ where: { entityId: `hit-${entityId}` } });
    // The admin follows the entity, the viewer and analyst the issue it is tracked on.
    expect(await notifiedOf(event.id)).toEqual(ids("viewer", "analyst", "admin"));
    expect((await db.notification.findFirstOrThrow({ where: { eventId: event.id, userId: team.actors.admin.userId! } })).title).toBe("Acme Trading matched on OFAC SDN");
  });

  it("a mention tells the mentioned person, following or not, and not its author", async () => {
    await follow({ kind: "issue", targetId: issueId, following: false });
    const posted = await call(issueComments.POST, "POST", `/api/issues/${issueId}/comments`, { token: team.tokens.analyst, params: { id: issueId }, body: { body: "@Test viewer and @Test analyst, look" } });
    expect(posted.status).toBe(201);
    const event = await db.event.findFirstOrThrow({ where: { entityId: String(posted.json.id) } });
    expect(await notifiedOf(event.id)).toEqual(ids("viewer"));
    await follow({ kind: "issue", targetId: issueId, following: true });
  });

  it("a new issue in a followed category", async () => {
    const category = await db.category.findFirstOrThrow({ where: { teamId: team.teamId, slug: "dual-use-technology" } });
    await follow({ kind: "category", targetId: category.id, following: true });
    const created = await createTestIssue(team.actors.analyst, { title: "Machine tools, again" });
    const event = await db.event.findFirstOrThrow({ where: { entityId: created.id, action: "created" } });
    expect(await notifiedOf(event.id)).toEqual(ids("viewer"));
    expect((await db.notification.findFirstOrThrow({ where: { eventId: event.id } })).title).toBe("New issue in Dual-use technology: “Machine tools, again”");
  });

  it("an event that notifies nobody writes nothing", async () => {
    const before = await count();
    const edited = await call(issue.PATCH, "PATCH", `/api/issues/${issueId}`, { token: team.tokens.admin, params: { id: issueId }, headers: { "if-match": `"${version}"` }, body: { tags: ["quiet"] } });
    expect(edited.status).toBe(200);
    version = edited.json.version as number;
    expect(await count()).toBe(before);
  });
});

describe("the notification center", () => {
  it("lists mine newest first with the unread count, filtered and paged", async () => {
    const all = await list();
    expect(all.status).toBe(200);
    const items = all.json.items as Array<{ kind: string; createdAt: string; readAt: string | null }>;
    expect(items.map((n) => n.kind)).toEqual(["new_issue", "mention", "designation", "evidence", "status"]);
    expect(all.json.unread).toBe(5);
    expect(all.json.nextCursor).toBeNull();
    expect(((await list("?kind=mention")).json.items as unknown[]).length).toBe(1);

    const first = await list("?pageSize=2");
    expect((first.json.items as Array<{ kind: string }>).map((n) => n.kind)).toEqual(["new_issue", "mention"]);
    const second = await list(`?pageSize=2&cursor=${first.json.nextCursor}`);
    expect((second.json.items as Array<{ kind: string }>).map((n) => n.kind)).toEqual(["designation", "evidence"]);
    const third = await list(`?pageSize=2&cursor=${second.json.nextCursor}`);
    expect((third.json.items as Array<{ kind: string }>).map((n) => n.kind)).toEqual(["status"]);
    expect(third.json.nextCursor).toBeNull();
  });

  it("refuses bad filters and another person's cursor", async () => {
    const others = await db.notification.findFirstOrThrow({ where: { userId: team.actors.admin.userId! } });
    for (const query of ["?kind=everything", "?unread=maybe", "?pageSize=0", `?cursor=${others.id}`, "?colour=red"]) {
      const refused = await list(query);
      expect(refused.status, query).toBe(422);
      expect(refused.json.error?.code).toBe("validation_failed");
    }
  });

  it("marks only my own read: by id, then all", async () => {
    const admins = await db.notification.findMany({ where: { userId: team.actors.admin.userId! } });
    const [newest] = (await list()).json.items as Array<{ id: string }>;
    const marked = await markRead({ ids: [newest!.id, admins[0]!.id] });
    expect(marked.status).toBe(200);
    expect(marked.json).toEqual({ marked: 1, unread: 4 });
    expect((await list("?unread=true")).json.items).toHaveLength(4);
    expect(await db.notification.count({ where: { userId: team.actors.admin.userId!, readAt: { not: null } } })).toBe(0);

    expect((await markRead({ all: true })).json).toEqual({ marked: 4, unread: 0 });
    expect(await db.notification.count({ where: { userId: team.actors.admin.userId!, readAt: null } })).toBe(admins.length);
  });

  it("refuses bad input to mark read with the error body, changing nothing", async () => {
    const unread = await db.notification.count({ where: { teamId: team.teamId, readAt: null } });
    for (const body of [{}, { ids: [] }, { all: false }, { ids: "x" }, { ids: ["a"], all: true }, { ids: Array.from({ length: 501 }, (_, i) => `n${i}`) }]) {
      const refused = await markRead(body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.json.error?.code).toBe("validation_failed");
    }
    expect(await db.notification.count({ where: { teamId: team.teamId, readAt: null } })).toBe(unread);
  });
});

describe("deleting a team or a person", () => {
  // The notification table has no foreign keys (decision 012): triggers do what ON DELETE CASCADE did.
  it("deletes their notifications with them, and nobody else's", async () => {
    const gone = await createTestTeam("Leaving team");
    const notice = (teamId: string, userId: string) => ({ teamId, userId, kind: "status", subjectType: "issue", subjectId: issueId, eventId: crypto.randomUUID(), title: "t", summary: "s", link: "/" });
    const leaver = gone.actors.viewer.userId!;
    await db.notification.createMany({
      data: [notice(gone.teamId, leaver), notice(gone.teamId, gone.actors.admin.userId!), notice(team.teamId, leaver), notice(team.teamId, team.actors.viewer.userId!)],
    });
    const ours = await count();

    await db.user.delete({ where: { id: leaver } });
    expect(await db.notification.count({ where: { userId: leaver } })).toBe(0);
    expect(await db.notification.count({ where: { teamId: gone.teamId } })).toBe(1);
    expect(await count()).toBe(ours - 1);

    await purgeTeam(gone.teamId);
    expect(await db.notification.count({ where: { teamId: gone.teamId } })).toBe(0);
    expect(await count()).toBe(ours - 1);
  });
});
