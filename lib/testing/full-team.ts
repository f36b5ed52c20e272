import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { recordSecurityEvent } from "@/lib/auth/security-events";
import { db } from "@/lib/db/client";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { readReferenceArticle } from "@/lib/seed/seed";
import { createBriefingSchedule, updateBriefingSchedule } from "@/lib/services/briefing-schedules";
import { createBriefing } from "@/lib/services/briefings";
import { addComment } from "@/lib/services/comments";
import { createDocument } from "@/lib/services/documents";
import { createEntity } from "@/lib/services/entities/entities";
import { decideHit } from "@/lib/services/entities/hits";
import { createInvitation } from "@/lib/services/invitations";
import { updateIssue } from "@/lib/services/issues";
import { importRelease } from "@/lib/services/sanctions/import";
import { createSource } from "@/lib/services/sources";
import { ARTICLE_HTML } from "./article-page";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "./factories";

// A team with at least one row in every table a team backup holds (and its invitation, and a list with two
// releases, for the whole-database backup), made through the services: for the
// backup round trips (app/api/admin/backup.test.ts, lib/services/backup.test.ts). Its hit is on a list of
// its own, made from the first lines of the real OFAC SDN file of 26 April 2024.

/** "BANCO NACIONAL DE CUBA" on the OFAC SDN list. */
const BANCO = "306";

export type FullTeam = TestTeam & { list: string; issueId: string; documentId: string; entityId: string; hitId: string; captureId: string };

export async function createFullTeam(name = "Full"): Promise<FullTeam> {
  const list = `test-backup-${randomUUID().slice(0, 8)}`;
  const lines = gunzipSync(readFileSync(sanctionsFixturePath("ofacSdn2024Apr26"))).toString("utf8").split("\n");
  const release = (count: number, publishedAt: string) => importRelease(Buffer.from(`${lines.slice(0, count).join("\n")}\n`), { list, publishedAt: new Date(publishedAt), importedBy: "cli" });
  await release(60, "2024-04-26");

  const team = await createTestTeam(name);
  const { analyst, admin, viewer } = team.actors;
  const issue = await createTestIssue(analyst, { title: "Chips via third countries", category: "microelectronics-chips", hsCodes: ["8542"], ownerId: viewer.userId });
  await updateIssue(analyst, issue.id, 1, { status: "warning_issued", rationale: "Warning delivered" });
  await createTestIssue(analyst, { title: "Banks", category: "financial-institutions" });
  // A capture as POST /api/captures stores it (that service needs a web server to fetch from; the row is what a backup reads).
  const body = Buffer.from(ARTICLE_HTML);
  const capture = await db.capture.create({
    data: { teamId: team.teamId, url: "https://example.org/old", finalUrl: "https://example.org/news", httpStatus: 200, contentType: "text/html; charset=utf-8", sha256: createHash("sha256").update(body).digest("hex"), createdById: analyst.userId, body: new Uint8Array(body) },
  });
  const source = await createSource(analyst, { name: "Reuters", kind: "outlet", url: "https://reuters.com", reliability: "B" });
  const document = await createDocument(analyst, {
    text: readReferenceArticle(),
    title: "Reference",
    sourceId: source.id,
    captureId: capture.id,
    evidence: [{ issueId: issue.id, quote: "chips", credibility: 2, stance: "escalating", note: "" }],
  });
  // A feed of the source and an item it brought, accepted into the document (the inbox's rows as a poll and an accept leave them).
  const feed = await db.feed.create({ data: { teamId: team.teamId, sourceId: source.id, url: "https://reuters.com/feeds/sanctions.rss", title: "Reuters sanctions", etag: '"r1"', lastPolledAt: new Date(), lastSuccessAt: new Date(), itemsSeen: 2, lastPollNote: "2 items in the feed, 2 new" } });
  await db.inboxItem.createMany({
    data: [
      { teamId: team.teamId, feedId: feed.id, url: "https://reuters.com/world/chips-1", title: "Chips slip through", text: "Chips reach sanctioned buyers.", guid: "chips-1", contentHash: "a".repeat(64), relevance: 0.8, relevanceReasons: ["Subject terms +2.1 — chips", "Place +4.5 — Russia (1)"], issueIds: [issue.id], state: "accepted", documentId: document.id, decidedBy: "Test analyst", decidedAt: new Date() },
      { teamId: team.teamId, feedId: feed.id, url: "https://reuters.com/world/ports-2", title: "Ports", text: "Port calls.", guid: "ports-2", contentHash: "b".repeat(64), relevance: 0, state: "snoozed", snoozedUntil: new Date(Date.now() + 86_400_000), publishedAt: new Date("2026-01-02T00:00:00Z") },
    ],
  });
  // An email setting of the viewer's (a whole-database backup holds people's settings, follows and notifications).
  await db.emailPreference.create({ data: { userId: viewer.userId!, kind: "evidence", delivery: "weekly" } });
  await createBriefing(analyst, { title: "Weekly", marking: "TLP:AMBER", keyJudgments: "Pressure rises.", issueIds: [issue.id] });
  // A weekly schedule of the team's briefing, paused.
  const schedule = await createBriefingSchedule(analyst, { title: "Monday chips", marking: "TLP:GREEN", keyJudgments: "", filter: { category: ["dual-use-technology"], sort: "-risk" }, cadence: "weekly", dayOfWeek: 1, hour: 8 });
  await updateBriefingSchedule(analyst, schedule.id, { paused: true });
  const entity = await createEntity(analyst, { type: "organization", name: "Banco Nacional de Cuba", aliases: ["BNC"], country: "CU", identifiers: [{ kind: "other", value: "BNC-1" }], notes: "State bank", issueIds: [issue.id], documentIds: [document.id] });
  const hit = entity.hits.find((h) => h.list === list && h.sourceId === BANCO);
  if (!hit) throw new Error(`The entity was not matched to ${BANCO} on ${list}`);
  await decideHit(analyst, hit.id, { decision: "confirmed", note: "Same bank" });
  await addComment(analyst, { issueId: issue.id }, { body: "@Test viewer please check the owner." });
  await addComment(admin, { entityId: entity.id }, { body: "Confirmed with the registry." });
  // A denied request twice in one window: one event and its repeat count.
  // A later release with one entry more: a release with a change, whose hit still names the first one's entry.
  await release(61, "2024-04-27");
  await createInvitation(admin, { email: `invited-${randomUUID().slice(0, 8)}@example.test`, role: "analyst" });
  for (let i = 0; i < 2; i++) await recordSecurityEvent({ teamId: team.teamId, actorLabel: "Test viewer", entityType: "request", entityId: "DELETE /api/issues", action: "request_denied" });
  return { ...team, list, issueId: issue.id, documentId: document.id, entityId: entity.id, hitId: hit.id, captureId: capture.id };
}

export async function purgeFullTeam(team: FullTeam) {
  await purgeTeam(team.teamId);
  await db.sanctionsList.deleteMany({ where: { slug: team.list } });
}
