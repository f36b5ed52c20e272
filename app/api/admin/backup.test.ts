import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { readReferenceArticle } from "@/lib/seed/seed";
import { createBriefing } from "@/lib/services/briefings";
import { createDocument } from "@/lib/services/documents";
import { createSource } from "@/lib/services/sources";
import { updateIssue } from "@/lib/services/issues";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import type { TeamBackup } from "@/lib/validation/backup";
import * as backupRoute from "./backup/route";
import * as restoreRoute from "./restore/route";

withTestDatabase();

let team: TestTeam;
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
  team = await createTestTeam("Backed up");
  const analyst = team.actors.analyst;
  const issue = await createTestIssue(analyst, { title: "Chips via third countries", category: "microelectronics-chips", hsCodes: ["8542"] });
  await updateIssue(analyst, issue.id, 1, { status: "warning_issued", rationale: "Warning delivered" });
  await createTestIssue(analyst, { title: "Banks", category: "financial-institutions" });
  await createDocument(analyst, { text: readReferenceArticle(), title: "Reference", evidence: [{ issueId: issue.id, quote: "chips", credibility: 2, stance: "escalating", note: "" }] });
  await createBriefing(analyst, { title: "Weekly", marking: "TLP:AMBER", keyJudgments: "Pressure rises.", issueIds: [issue.id] });
});
afterAll(async () => {
  for (const id of [team.teamId, other.teamId, ...restored]) await purgeTeam(id);
});

/** A backup with the team's own ids replaced by their rank (restores get fresh ids, in the same order). */
function normalized(backup: TeamBackup) {
  const own = [backup.team.id, ...[backup.categories, backup.sources, backup.documents, backup.issues, backup.evidence, backup.events, backup.briefings].flatMap((l) => l.map((r) => r.id))].sort();
  const rank = new Map(own.map((id, i) => [id, `#${i}`]));
  const { exportedAt: _at, team: _team, ...data } = JSON.parse(JSON.stringify(backup).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => rank.get(id) ?? id)) as TeamBackup;
  return data;
}

describe("team backup and restore", () => {
  it("round-trips exactly: the restored team backs up to the same data, history and briefings included", async () => {
    const response = await call(backupRoute.GET, "GET", "/api/admin/backup", { token: team.tokens.admin });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="sanctions-watch-test-.*\.json"/);
    const original = JSON.parse(response.text) as TeamBackup;
    expect(original).toMatchObject({ format: "sanctions-watch/team-backup", version: 1 });
    expect([original.issues.length, original.documents.length, original.evidence.length, original.briefings.length]).toEqual([2, 1, 1, 1]);
    expect(original.events.map((e) => e.action)).toEqual(expect.arrayContaining(["created", "status_changed", "evidence_added"]));

    const restoredResponse = await call(restoreRoute.POST, "POST", "/api/admin/restore", { token: team.tokens.admin, body: original });
    expect(restoredResponse.status).toBe(201);
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

describe("restores write only inside the file", () => {
  const backupOf = async () => JSON.parse((await call(backupRoute.GET, "GET", "/api/admin/backup", { token: team.tokens.admin })).text) as TeamBackup;
  const restore = (body: unknown) => call(restoreRoute.POST, "POST", "/api/admin/restore", { token: team.tokens.admin, body });
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
    ["one id for two rows", (b) => void (b.sources.push({ ...b.sources[0]!, name: "Twin" }) ), "sources.1.id"],
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
