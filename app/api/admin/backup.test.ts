import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createDocument } from "@/lib/services/documents";
import { createSource } from "@/lib/services/sources";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { createFullTeam, purgeFullTeam, type FullTeam } from "@/lib/testing/full-team";
import { call } from "@/lib/testing/http";
import { OWN_ROW_LISTS, type TeamBackup } from "@/lib/validation/backup";
import * as backupRoute from "./backup/route";
import * as restoreRoute from "./restore/route";

withTestDatabase();

let team: FullTeam;
/** Another team, whose ids a crafted backup names. */
let other: TestTeam;
let theirs: { issueId: string; documentId: string; sourceId: string; categoryId: string };
const restored: string[] = [];
beforeAll(async () => {
  other = await createTestTeam("Someone else's");
  const theirIssue = await createTestIssue(other.actors.analyst, { title: "Their confidential issue" });
  const theirSource = await createSource(other.actors.analyst, { name: "Their informant", kind: "other", url: null, reliability: "A" });
  const theirDocument = await createDocument(other.actors.analyst, { text: "Their confidential report on the matter.", title: "Their report", sourceId: theirSource.id, evidence: [] });
  const theirCategory = await db.category.findFirstOrThrow({ where: { teamId: other.teamId } });
  theirs = { issueId: theirIssue.id, documentId: theirDocument.id, sourceId: theirSource.id, categoryId: theirCategory.id };
  team = await createFullTeam("Backed up");
});
afterAll(async () => {
  for (const id of [other.teamId, ...restored]) await purgeTeam(id);
  await purgeFullTeam(team);
});

/** A backup with the team's own ids replaced by their rank (restores get fresh ids, in the same order). */
function normalized(backup: TeamBackup) {
  const own = [backup.team.id, ...OWN_ROW_LISTS.flatMap((l) => backup[l].map((r) => r.id))].sort();
  const rank = new Map(own.map((id, i) => [id, `#${i}`]));
  const { exportedAt: _at, team: _team, ...data } = JSON.parse(JSON.stringify(backup).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => rank.get(id) ?? id)) as TeamBackup;
  return data;
}

const backupOf = async () => JSON.parse((await call(backupRoute.GET, "GET", "/api/admin/backup", { token: team.tokens.admin })).text) as TeamBackup;
const restore = (body: unknown) => call(restoreRoute.POST, "POST", "/api/admin/restore", { token: team.tokens.admin, body });

describe("team backup and restore", { timeout: 120_000 }, () => {
  it("round-trips exactly: the restored team backs up to the same data, history and briefings included", async () => {
    const response = await call(backupRoute.GET, "GET", "/api/admin/backup", { token: team.tokens.admin });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="sanctions-watch-test-.*\.json"/);
    const original = JSON.parse(response.text) as TeamBackup;
    expect(original).toMatchObject({ format: "sanctions-watch/team-backup", version: 4 });
    expect([original.issues.length, original.documents.length, original.evidence.length, original.briefings.length]).toEqual([2, 1, 1, 1]);
    expect(original.events.map((e) => e.action)).toEqual(expect.arrayContaining(["created", "status_changed", "evidence_added", "hit_decided", "request_denied"]));
    // Every table a team backup holds has a row, so the round trip below covers each one.
    const sections = Object.entries(original).filter(([, value]) => Array.isArray(value)) as Array<[string, unknown[]]>;
    expect(sections.filter(([, rows]) => rows.length === 0).map(([name]) => name)).toEqual([]);
    expect(original.issues.find((i) => i.id === team.issueId)!.ownerId).toBe(team.actors.viewer.userId);
    expect(original.documents[0]!.captureId).toBe(team.captureId);
    expect(original.entities[0]).toMatchObject({ name: "Banco Nacional de Cuba", aliases: ["BNC"], country: "CU" });
    expect(original.hits[0]).toMatchObject({ id: team.hitId, decision: "confirmed", decisionNote: "Same bank", decidedById: team.actors.analyst.userId });
    expect(original.comments.flatMap((c) => c.mentions)).toEqual([team.actors.viewer.userId]);
    expect(original.eventRepeats).toMatchObject([{ repeats: 1 }]);
    expect(original.feeds).toMatchObject([{ title: "Reuters sanctions", etag: '"r1"', itemsSeen: 2 }]);
    expect(original.inboxItems.map((i) => [i.state, i.documentId, i.issueIds])).toEqual([
      ["accepted", team.documentId, [team.issueId]],
      ["snoozed", null, []],
    ]);

    const restoredResponse = await call(restoreRoute.POST, "POST", "/api/admin/restore", { token: team.tokens.admin, body: original });
    expect(restoredResponse.status).toBe(201);
    expect(restoredResponse.json.counts).toMatchObject({ issues: 2, captures: 1, entities: 1, hits: 1, hitsSkipped: 0, comments: 2 });
    const teamId = String(restoredResponse.json.teamId);
    restored.push(teamId);
    const membership = await db.membership.findFirstOrThrow({ where: { teamId, userId: team.actors.admin.userId! } });
    expect(membership.role).toBe("admin");

    const { exportTeam } = await import("@/lib/services/backup");
    const again = await exportTeam(db, teamId);
    expect(normalized(again)).toEqual(normalized(original));
    // The restored search index works like the original's.
    const hits = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM "document" WHERE "teamId" = ${teamId} AND "search" @@ websearch_to_tsquery('english', 'sanctions')`;
    expect(hits[0].n).toBe(1);
    // The capture's page comes back byte for byte.
    const [before, after] = await Promise.all([db.capture.findUniqueOrThrow({ where: { id: team.captureId } }), db.capture.findFirstOrThrow({ where: { teamId } })]);
    expect(Buffer.from(after.body).equals(Buffer.from(before.body))).toBe(true);
  });

  it("keeps the hits whose sanctions entry this instance has, and counts the others skipped", async () => {
    const backup = await backupOf();
    backup.hits.push({ ...backup.hits[0]!, id: "0190a000-0000-7000-8000-0000000000c1", sourceId: "999999", entryId: "0190a000-0000-7000-8000-0000000000c2" });
    const response = await restore(backup);
    expect(response.status).toBe(201);
    restored.push(String(response.json.teamId));
    expect(response.json.counts).toMatchObject({ hits: 1, hitsSkipped: 1 });
    expect(await db.hit.count({ where: { teamId: String(response.json.teamId) } })).toBe(1);
  });

  it("restores a version 1 file (before entities, hits, comments and captures)", async () => {
    const { captures: _c, eventRepeats: _r, entities: _e, entityIssues: _ei, entityDocuments: _ed, hits: _h, comments: _m, feeds: _f, inboxItems: _i, briefingSchedules: _s, ...v2 } = await backupOf();
    const v1 = { ...v2, version: 1, documents: v2.documents.map(({ captureId: _capture, ...d }) => d) };
    const response = await restore(v1);
    expect(response.status).toBe(201);
    const teamId = String(response.json.teamId);
    restored.push(teamId);
    const { exportTeam } = await import("@/lib/services/backup");
    const again = normalized(await exportTeam(db, teamId));
    const empty = { captures: [], eventRepeats: [], entities: [], entityIssues: [], entityDocuments: [], hits: [], comments: [], feeds: [], inboxItems: [], briefingSchedules: [] };
    expect(again).toEqual(normalized({ ...v1, ...empty, version: 4, documents: v1.documents.map((d) => ({ ...d, captureId: null })) }));
  });

  it("is for admins only, and refuses what is not a backup without writing anything", async () => {
    expect((await call(backupRoute.GET, "GET", "/api/admin/backup", { token: team.tokens.analyst })).status).toBe(403);
    expect((await call(restoreRoute.POST, "POST", "/api/admin/restore", { token: team.tokens.analyst, body: {} })).status).toBe(403);
    const teams = await db.team.count();
    const bad = await call(restoreRoute.POST, "POST", "/api/admin/restore", { token: team.tokens.admin, body: { format: "something-else", version: 1 } });
    expect(bad.status).toBe(422);
    expect(await db.team.count()).toBe(teams);
  });
});

describe("restores write only inside the file", { timeout: 120_000 }, () => {
  const fieldsOf = (response: Awaited<ReturnType<typeof call>>) => (response.json.error as { details: { fields: Record<string, string[]> } }).details.fields;
  /** What a failed restore must leave as it was: the teams, and every row of the other team. */
  const state = async () => [await db.team.count(), await db.evidence.count({ where: { issueId: theirs.issueId } }), await db.document.count({ where: { sourceId: theirs.sourceId } }), await db.issue.count({ where: { categoryId: theirs.categoryId } })];

  const crafted: Array<[string, (b: TeamBackup) => void, string]> = [
    ["an issue dropped, its evidence kept", (b) => void b.issues.splice(b.issues.findIndex((i) => i.id === b.evidence[0]!.issueId), 1), "evidence.0.issueId"],
    ["evidence on another team's issue", (b) => void (b.evidence[0]!.issueId = theirs.issueId), "evidence.0.issueId"],
    ["evidence quoting another team's document", (b) => void (b.evidence[0]!.documentId = theirs.documentId), "evidence.0.documentId"],
    ["a document from another team's source", (b) => void (b.documents[0]!.sourceId = theirs.sourceId), "documents.0.sourceId"],
    ["an issue in another team's category", (b) => void (b.issues[1]!.categoryId = theirs.categoryId), "issues.1.categoryId"],
    ["an id that is not a UUID", (b) => void (b.issues[0]!.id = "issue-1"), "issues.0.id"],
    ["a document from a capture outside the file", (b) => void (b.documents[0]!.captureId = "0190a000-0000-7000-8000-0000000000c3"), "documents.0.captureId"],
    ["an entity linked to another team's document", (b) => void (b.entityDocuments[0]!.documentId = theirs.documentId), "entityDocuments.0.documentId"],
    ["an entity linked to another team's issue", (b) => void (b.entityIssues[0]!.issueId = theirs.issueId), "entityIssues.0.issueId"],
    ["a hit on an entity outside the file", (b) => void (b.hits[0]!.entityId = "0190a000-0000-7000-8000-0000000000c4"), "hits.0.entityId"],
    ["a comment on another team's issue", (b) => void (b.comments[0]!.issueId = theirs.issueId), "comments.0.issueId"],
    ["a comment on an issue and an entity at once", (b) => void (b.comments[0]!.entityId = b.entities[0]!.id), "comments.0.issueId"],
    ["a repeat count of an event outside the file", (b) => void (b.eventRepeats[0]!.eventId = "0190a000-0000-7000-8000-0000000000c5"), "eventRepeats.0.eventId"],
    ["one id for two rows", (b) => void b.sources.push({ ...b.sources[0]!, name: "Twin" }), "sources.2.id"],
  ];
  it.each(crafted)("refuses %s: 422 naming the reference, nothing written", async (_name, craft, field) => {
    const backup = await backupOf();
    if (field.startsWith("documents") || field.startsWith("sources")) {
      backup.sources.push({ id: "0190a000-0000-7000-8000-0000000000aa", name: "Own source", kind: "outlet", url: null, reliability: "B", createdAt: backup.exportedAt, updatedAt: backup.exportedAt });
      backup.sources.reverse();
    }
    craft(backup);
    const before = await state();
    const response = await restore(backup);
    expect(response.status, response.text.slice(0, 300)).toBe(422);
    expect(Object.keys(fieldsOf(response))).toEqual([field]);
    expect(await state()).toEqual(before);
  });

  it("refuses values the database or the exports cannot take (422, not 500): enums, briefing snapshots and filters", async () => {
    const cases: Array<[(b: TeamBackup) => void, string]> = [
      [(b) => void ((b.issues[0] as { status: string }).status = "escalated"), "issues.0.status"],
      [(b) => void ((b.evidence[0] as { stance: string }).stance = "neutral"), "evidence.0.stance"],
      [(b) => void ((b.briefings[0]!.snapshot as { issues: unknown }).issues = "none"), "briefings.0.snapshot.issues"],
      [(b) => void delete (b.briefings[0]!.snapshot as { title?: unknown }).title, "briefings.0.snapshot.title"],
      [(b) => void (b.briefings[0]!.filter = { colour: "red" }), "briefings.0.filter"],
      [(b) => void (b.issues[0]!.title = "Routine \u202Eexe.fdp"), "issues.0.title"],
    ];
    for (const [craft, field] of cases) {
      const backup = await backupOf();
      craft(backup);
      const before = await state();
      const response = await restore(backup);
      expect(response.status, field).toBe(422);
      expect(Object.keys(fieldsOf(response)).some((key) => key.startsWith(field)), `${field}: ${Object.keys(fieldsOf(response)).join(", ")}`).toBe(true);
      expect(await state()).toEqual(before);
    }
  });

  it("keeps the users it names only if they are the admin's colleagues; others are left out", async () => {
    const backup = await backupOf();
    const outsider = other.actors.admin.userId!;
    backup.issues[0]!.ownerId = outsider;
    backup.issues[1]!.ownerId = team.actors.viewer.userId!;
    backup.documents[0]!.createdById = outsider;
    backup.evidence[0]!.addedById = "made-up-user";
    backup.events[0]!.actorId = outsider;
    const response = await restore(backup);
    expect(response.status).toBe(201);
    const teamId = String(response.json.teamId);
    restored.push(teamId);
    const issues = await db.issue.findMany({ where: { teamId }, orderBy: { id: "asc" }, select: { ownerId: true } });
    expect(issues.map((i) => i.ownerId)).toEqual([null, team.actors.viewer.userId]);
    expect((await db.document.findFirstOrThrow({ where: { teamId } })).createdById).toBeNull();
    expect((await db.evidence.findFirstOrThrow({ where: { teamId } })).addedById).toBeNull();
    const events = await db.event.findMany({ where: { teamId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(events[0]!.actorId).toBeNull();
    expect(events[0]!.actorLabel).toBe(backup.events[0]!.actorLabel);
  });

  it("a restore that fails part-way leaves no team behind", async () => {
    const backup = await backupOf();
    // Two documents with the same content: the second insert breaks the library's unique index.
    backup.documents.push({ ...backup.documents[0]!, id: "0190a000-0000-7000-8000-0000000000bb", title: "Copy" });
    const before = await state();
    const response = await restore(backup);
    expect(response.status).toBe(409);
    expect(await state()).toEqual(before);
  });
});
