import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runDueBriefingSchedules } from "@/lib/services/briefing-schedules";
import { remindDueReviews } from "@/lib/services/review-reminders";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as follows from "../../follows/route";
import * as byId from "./[id]/route";
import * as schedules from "./route";

// Scheduled briefings and reviews due (issue 15, items 5 and 2): the API, the sweep that makes one briefing per due
// time whatever runs it twice, and who is told (the schedule's or issue's followers of the same team, nobody else).

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
beforeAll(async () => {
  team = await createTestTeam("Schedules");
  other = await createTestTeam("Other team");
  await db.team.update({ where: { id: team.teamId }, data: { timeZone: "America/New_York" } });
  await createTestIssue(team.actors.analyst, { title: "Chips to the defence sector", status: "warning_issued" });
  await createTestIssue(other.actors.analyst, { title: "Another team's issue" });
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const create = (body: unknown, token = team.tokens.analyst) => call(schedules.POST, "POST", "/api/briefings/schedules", { token, body });
const patch = (id: string, body: unknown, token = team.tokens.analyst) => call(byId.PATCH, "PATCH", `/api/briefings/schedules/${id}`, { token, body, params: { id } });
const valid = { title: "Weekly chips briefing", marking: "TLP:AMBER", filter: { category: "dual-use-technology" }, cadence: "weekly", dayOfWeek: 1, hour: 9 };
const written = async () => ({
  schedules: await db.briefingSchedule.count({ where: { teamId: team.teamId } }),
  follows: await db.follow.count({ where: { teamId: team.teamId, kind: "briefing_schedule" } }),
  // A refused request is in the audit log (denied); nothing about schedules is.
  events: await db.event.count({ where: { teamId: team.teamId, entityType: "briefing_schedule" } }),
});

describe("the schedules API", () => {
  it("an analyst schedules a briefing; its maker follows it; it shows when it runs next on the team's clock", async () => {
    const made = await create(valid);
    expect(made.status, made.text).toBe(201);
    expect(made.headers.get("location")).toBe(`/api/briefings/schedules/${made.json.id}`);
    expect(made.json).toMatchObject({ title: "Weekly chips briefing", marking: "TLP:AMBER", cadence: "weekly", dayOfWeek: 1, hour: 9, timeZone: "America/New_York", paused: false, following: true, lastRunAt: null });
    // A Monday at 09:00 in New York: 13:00 or 14:00 UTC depending on daylight saving.
    const next = new Date(made.json.nextRunAt as string);
    expect(new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", weekday: "long", hour: "numeric", hourCycle: "h23" }).format(next)).toBe("Monday, 09");
    expect(await db.follow.findMany({ where: { kind: "briefing_schedule", targetId: made.json.id as string }, select: { userId: true } })).toEqual([{ userId: team.actors.analyst.userId }]);

    const list = await call(schedules.GET, "GET", "/api/briefings/schedules", { token: team.tokens.viewer });
    expect(list.status).toBe(200);
    expect((list.json.items as Array<{ id: string; following: boolean }>).map((s) => [s.id, s.following])).toEqual([[made.json.id, false]]);
    expect((await call(schedules.GET, "GET", "/api/briefings/schedules", { token: other.tokens.admin })).json.items).toEqual([]);
    expect((await call(byId.GET, "GET", "/x", { token: other.tokens.admin, params: { id: made.json.id as string } })).status).toBe(404);
  });

  it("pauses (no next run), resumes, changes and deletes; viewers cannot", async () => {
    const id = (await create({ ...valid, title: "To pause", cadence: "daily", dayOfWeek: undefined, filter: {} })).json.id as string;
    expect((await patch(id, { paused: true }, team.tokens.viewer)).status).toBe(403);
    const paused = await patch(id, { paused: true });
    expect(paused.json).toMatchObject({ paused: true, nextRunAt: null });
    const resumed = await patch(id, { paused: false, hour: 17 });
    expect(resumed.json).toMatchObject({ paused: false, hour: 17 });
    expect(resumed.json.nextRunAt).not.toBeNull();
    expect((await patch(id, { cadence: "weekly" })).status).toBe(422); // a weekly schedule needs its day
    expect((await patch(id, { dayOfWeek: 2 })).status).toBe(422); // a daily one has none
    expect((await patch(id, { cadence: "weekly", dayOfWeek: 5 })).json).toMatchObject({ cadence: "weekly", dayOfWeek: 5 });
    expect((await call(byId.DELETE, "DELETE", "/x", { token: other.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(byId.DELETE, "DELETE", "/x", { token: team.tokens.analyst, params: { id } })).status).toBe(204);
    expect(await db.briefingSchedule.count({ where: { id } })).toBe(0);
    expect(await db.follow.count({ where: { kind: "briefing_schedule", targetId: id } })).toBe(0);
  });

  it("refuses bad input with a 4xx and the API's error body, writing nothing", async () => {
    const before = await written();
    const cases: Array<[unknown, number, string?]> = [
      [{ ...valid, title: "" }, 422, "title"],
      [{ ...valid, dayOfWeek: undefined }, 422, "dayOfWeek"],
      [{ ...valid, cadence: "daily" }, 422, "dayOfWeek"],
      [{ ...valid, dayOfWeek: 8 }, 422, "dayOfWeek"],
      [{ ...valid, hour: 24 }, 422, "hour"],
      [{ ...valid, hour: 9.5 }, 422, "hour"],
      [{ ...valid, cadence: "hourly" }, 422, "cadence"],
      [{ ...valid, marking: "SECRET" }, 422, "marking"],
      [{ ...valid, filter: { status: ["nope"] } }, 422],
      [{ ...valid, filter: { colour: "red" } }, 422],
      [{ ...valid, extra: true }, 422],
      [{ ...valid, filter: undefined }, 422, "filter"],
      [[], 422],
    ];
    for (const [body, status, field] of cases) {
      const response = await create(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.json.error?.code).toBe("validation_failed");
      if (field) expect(Object.keys((response.json.error?.details as { fields: object }).fields), JSON.stringify(body)).toContain(field);
    }
    const malformed = await call(schedules.POST, "POST", "/api/briefings/schedules", { token: team.tokens.analyst, rawBody: "{", headers: { "content-type": "application/json" } });
    expect(malformed.status).toBe(400);
    expect((await create(valid, team.tokens.viewer)).status).toBe(403);
    expect((await patch("01900000-0000-7000-8000-000000000000", { hour: 3 })).status).toBe(404);
    expect(await written()).toEqual(before);
  });
});

describe("the sweep", () => {
  it("makes one briefing per due time, however often it runs, and tells the schedule's followers only", async () => {
    const made = await create({ ...valid, title: "Daily New York briefing", cadence: "daily", dayOfWeek: undefined, hour: 9 });
    const id = made.json.id as string;
    // The viewer follows it too; the admin followed and unfollowed; the other team's admin cannot follow it.
    expect((await call(follows.PUT, "PUT", "/api/follows", { token: team.tokens.viewer, body: { kind: "briefing_schedule", targetId: id, following: true } })).status).toBe(200);
    await call(follows.PUT, "PUT", "/api/follows", { token: team.tokens.admin, body: { kind: "briefing_schedule", targetId: id, following: true } });
    await call(follows.PUT, "PUT", "/api/follows", { token: team.tokens.admin, body: { kind: "briefing_schedule", targetId: id, following: false } });
    expect((await call(follows.PUT, "PUT", "/api/follows", { token: other.tokens.admin, body: { kind: "briefing_schedule", targetId: id, following: true } })).status).toBe(404);

    // Made on 7 March; the sweep runs on 8 March (daylight saving starts), 09:00 EDT = 13:00 UTC.
    await db.briefingSchedule.update({ where: { id }, data: { dueAfter: new Date("2026-03-07T15:00:00Z") } });
    expect(await runDueBriefingSchedules({ teamId: team.teamId, now: new Date("2026-03-08T12:59:00Z") })).toMatchObject({ made: 0 });
    const now = new Date("2026-03-08T13:05:00Z");
    const [first, second] = await Promise.all([runDueBriefingSchedules({ teamId: team.teamId, now }), runDueBriefingSchedules({ teamId: team.teamId, now })]);
    expect(first.made + second.made).toBe(1);
    expect(await runDueBriefingSchedules({ teamId: team.teamId, now: new Date("2026-03-08T20:00:00Z") })).toMatchObject({ due: 0, made: 0 });

    const runs = await db.briefingScheduleRun.findMany({ where: { scheduleId: id } });
    expect(runs.map((r) => r.dueAt.toISOString())).toEqual(["2026-03-08T13:00:00.000Z"]);
    const briefing = await db.briefing.findUniqueOrThrow({ where: { id: runs[0]!.briefingId } });
    expect(briefing).toMatchObject({ teamId: team.teamId, title: "Daily New York briefing", marking: "TLP:AMBER" });
    const snapshot = briefing.snapshot as { issues: Array<{ title: string }>; createdBy: string };
    expect(snapshot.issues.map((i) => i.title)).toEqual(["Chips to the defence sector"]);
    expect(await db.briefing.count({ where: { teamId: team.teamId } })).toBe(1);
    expect(await db.briefingSchedule.findUniqueOrThrow({ where: { id } })).toMatchObject({ lastBriefingId: briefing.id, lastError: null });

    const notified = await db.notification.findMany({ where: { kind: "briefing" }, select: { userId: true, teamId: true, link: true, subjectType: true, subjectId: true, title: true } });
    expect(notified.map((n) => n.userId).sort()).toEqual([team.actors.analyst.userId, team.actors.viewer.userId].sort());
    expect(notified.every((n) => n.teamId === team.teamId && n.link === `/briefings/${briefing.id}` && n.subjectType === "briefing_schedule" && n.subjectId === id)).toBe(true);
    expect(notified[0]!.title).toBe("Briefing ready: “Daily New York briefing”");

    // The next day's due time is another briefing; a paused schedule makes none.
    expect(await runDueBriefingSchedules({ teamId: team.teamId, now: new Date("2026-03-09T13:00:00Z") })).toMatchObject({ made: 1 });
    await patch(id, { paused: true });
    expect(await runDueBriefingSchedules({ teamId: team.teamId, now: new Date("2026-03-10T13:30:00Z") })).toMatchObject({ due: 0 });
    expect(await db.briefingScheduleRun.count({ where: { scheduleId: id } })).toBe(2);
  });
});

describe("reviews due", () => {
  it("tells an issue's followers once per review date, not other teams, not for closed issues", async () => {
    const due = await createTestIssue(team.actors.analyst, { title: "Review me", ownerId: team.actors.admin.userId });
    const closed = await createTestIssue(team.actors.analyst, { title: "Closed one", status: "resolved" });
    const elsewhere = await createTestIssue(other.actors.analyst, { title: "Other team's review" });
    const past = new Date(Date.now() - 86_400_000);
    await db.issue.updateMany({ where: { id: { in: [due.id, closed.id, elsewhere.id] } }, data: { nextReviewAt: past } });

    expect((await remindDueReviews({ teamId: team.teamId })).told).toBe(1);
    expect((await remindDueReviews({ teamId: team.teamId })).told).toBe(0);
    const told = await db.notification.findMany({ where: { kind: "review_due", subjectId: due.id }, select: { userId: true, title: true, link: true } });
    expect(told.map((n) => n.userId).sort()).toEqual([team.actors.analyst.userId, team.actors.admin.userId].sort());
    expect(told[0]).toMatchObject({ title: "Review due: “Review me”", link: `/issues/${due.id}` });
    expect(await db.notification.count({ where: { kind: "review_due", subjectId: { in: [closed.id, elsewhere.id] } } })).toBe(0);
    expect(await db.notification.count({ where: { kind: "review_due", teamId: other.teamId } })).toBe(0);

    // A new review date that comes is told again, once.
    await db.issue.update({ where: { id: due.id }, data: { nextReviewAt: new Date(Date.now() - 60_000) } });
    expect((await remindDueReviews({ teamId: team.teamId })).told).toBe(1);
    expect((await remindDueReviews({ teamId: team.teamId })).told).toBe(0);
    expect(await db.notification.count({ where: { kind: "review_due", subjectId: due.id } })).toBe(4);
  });

  it("issues already told do not crowd newly due ones out of a batch", async () => {
    const first = await createTestIssue(team.actors.analyst, { title: "First due" });
    const second = await createTestIssue(team.actors.analyst, { title: "Second due" });
    await db.issue.update({ where: { id: first.id }, data: { nextReviewAt: new Date(Date.now() - 2 * 86_400_000) } });
    await db.issue.update({ where: { id: second.id }, data: { nextReviewAt: new Date(Date.now() - 86_400_000) } });
    await remindDueReviews({ teamId: team.teamId });
    const third = await createTestIssue(team.actors.analyst, { title: "Third due" });
    await db.issue.update({ where: { id: third.id }, data: { nextReviewAt: new Date(Date.now() - 60_000) } });
    expect((await remindDueReviews({ teamId: team.teamId, limit: 1 })).told).toBe(1);
    expect(await db.reviewReminder.count({ where: { issueId: third.id } })).toBe(1);
    expect((await remindDueReviews({ teamId: team.teamId, limit: 1 })).told).toBe(0);
  });
});
