import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { readReferenceArticle } from "@/lib/seed/seed";
import { createBriefing } from "@/lib/services/briefings";
import { createDocument } from "@/lib/services/documents";
import { updateIssue } from "@/lib/services/issues";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import type { TeamBackup } from "@/lib/validation/backup";
import * as backupRoute from "./backup/route";
import * as restoreRoute from "./restore/route";

withTestDatabase();

let team: TestTeam;
const restored: string[] = [];
beforeAll(async () => {
  team = await createTestTeam("Backed up");
  const analyst = team.actors.analyst;
  const issue = await createTestIssue(analyst, { title: "Chips via third countries", category: "microelectronics-chips", hsCodes: ["8542"] });
  await updateIssue(analyst, issue.id, 1, { status: "warning_issued", rationale: "Warning delivered" });
  await createTestIssue(analyst, { title: "Banks", category: "financial-institutions" });
  await createDocument(analyst, { text: readReferenceArticle(), title: "Reference", evidence: [{ issueId: issue.id, quote: "chips", credibility: 2, stance: "escalating", note: "" }] });
  await createBriefing(analyst, { title: "Weekly", marking: "TLP:AMBER", keyJudgments: "Pressure rises.", issueIds: [issue.id] });
});
afterAll(async () => {
  for (const id of [team.teamId, ...restored]) await purgeTeam(id);
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
