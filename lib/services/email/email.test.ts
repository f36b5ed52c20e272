import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { readFeed } from "@/lib/feeds/read";
import { startOfLocalDay } from "@/lib/notifications/digest";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import { startSmtpServer, type ReceivedEmail, type TestSmtpServer } from "@/lib/testing/smtp-server";
import * as issueRoute from "@/app/api/issues/[id]/route";
import * as preferences from "@/app/api/notifications/preferences/route";
import * as feedToken from "@/app/api/notifications/feed-token/route";
import * as feed from "@/app/api/notifications/feed.atom/route";
import * as unsubscribe from "@/app/api/notifications/unsubscribe/route";
import * as team from "@/app/api/team/route";
import { retryDelayMs, sendDigests, sendImmediateEmails } from "./deliver";
import { mailerFor, type Mailer } from "./mailer";

// Email of notifications (issue 15) through a real SMTP server on 127.0.0.1, the one-click unsubscribe, a server
// that is down and comes back, digests in the team's time zone, the preferences API and the personal Atom feed.

withTestDatabase();

const TITLE = `Chips & "dual-use" <parts> to Russia`;
let t: TestTeam;
let other: TestTeam;
let issueId: string;
let version = 1;
let smtp: TestSmtpServer;
let mailer: Mailer;
const emailOf = (role: "viewer" | "analyst" | "admin") => db.user.findUniqueOrThrow({ where: { id: t.actors[role].userId! } }).then((u) => u.email);
const to = async (role: "viewer" | "analyst" | "admin"): Promise<ReceivedEmail[]> => {
  const address = await emailOf(role);
  return smtp.received.filter((m) => m.to.includes(address));
};

beforeAll(async () => {
  t = await createTestTeam();
  other = await createTestTeam("Other team");
  // Created by the analyst, owned by the admin: both follow it; the viewer follows it too.
  issueId = (await createTestIssue(t.actors.analyst, { ownerId: t.actors.admin.userId, title: TITLE })).id;
  await db.follow.create({ data: { teamId: t.teamId, userId: t.actors.viewer.userId!, kind: "issue", targetId: issueId } });
  smtp = await startSmtpServer();
  mailer = mailerFor({ smtpUrl: smtp.url, from: "Sanctions Watch <alerts@example.test>" });
});
afterAll(async () => {
  await smtp?.stop();
  await purgeTeam(t.teamId);
  await purgeTeam(other.teamId);
});

async function moveStatus(status: string) {
  const moved = await call(issueRoute.PATCH, "PATCH", `/api/issues/${issueId}`, { token: t.tokens.admin, params: { id: issueId }, headers: { "if-match": `"${version}"` }, body: { status, rationale: `Moved to ${status}` } });
  expect(moved.status).toBe(200);
  version = moved.json.version as number;
  return db.notification.findMany({ where: { teamId: t.teamId, eventId: (await db.event.findFirstOrThrow({ where: { teamId: t.teamId, entityId: issueId, action: "status_changed" }, orderBy: [{ at: "desc" }, { id: "desc" }] })).id } });
}
const prefs = (body: unknown, token = t.tokens.viewer) => call(preferences.PUT, "PUT", "/api/notifications/preferences", { token, body });

describe("the preferences API", () => {
  it("shows the defaults: mentions at once, the rest daily; email off without SMTP_URL", async () => {
    const got = await call(preferences.GET, "GET", "/api/notifications/preferences", { token: t.tokens.viewer });
    expect(got.status).toBe(200);
    expect(got.json).toEqual({
      emailEnabled: false,
      email: { evidence: "daily", status: "daily", likelihood: "daily", designation: "daily", mention: "immediate", new_issue: "daily", delivery_failed: "immediate", review_due: "daily", briefing: "immediate", inbox_item: "daily" },
      timeZone: "UTC",
      feed: null,
    });
  });

  it("changes the kinds named, and refuses bad input with nothing written", async () => {
    const set = await prefs({ email: { status: "immediate" } });
    expect(set.status).toBe(200);
    expect((set.json.email as Record<string, string>).status).toBe("immediate");
    expect((set.json.email as Record<string, string>).evidence).toBe("daily");
    const before = await db.emailPreference.count();
    for (const body of [{ email: { status: "hourly" } }, { email: { status: "off", colour: "daily" } }, { email: {} }, { email: "off" }, { status: "off" }, [], null]) {
      const refused = await prefs(body);
      expect(refused.status, JSON.stringify(body)).toBe(422);
      expect(refused.json.error?.code).toBe("validation_failed");
    }
    // A valid kind next to an invalid one: neither is written.
    expect((await prefs({ email: { evidence: "off", status: "never" } })).status).toBe(422);
    expect(await db.emailPreference.count()).toBe(before);
    expect((await call(preferences.PUT, "PUT", "/api/notifications/preferences", { body: { email: { status: "off" } } })).status).toBe(401);
    expect((await call(preferences.GET, "GET", "/api/notifications/preferences", {})).status).toBe(401);
    expect((await db.emailPreference.findUniqueOrThrow({ where: { userId_kind: { userId: t.actors.viewer.userId!, kind: "status" } } })).delivery).toBe("immediate");
  });
});

describe("email at once", () => {
  let notificationId: string;

  it("sends the notification to who takes it at once, with text and HTML parts, absolute links and unsubscribe headers", async () => {
    const written = await moveStatus("warning_issued");
    const viewerNotification = written.find((n) => n.userId === t.actors.viewer.userId)!;
    notificationId = viewerNotification.id;
    expect(written.map((n) => n.userId).sort()).toEqual([t.actors.viewer.userId, t.actors.analyst.userId].sort());

    const result = await sendImmediateEmails(mailer);
    expect(result.failed).toBe(0);
    const [email, ...more] = await to("viewer");
    expect(more).toHaveLength(0);
    // The analyst takes status changes in the daily digest: nothing yet.
    expect(await to("analyst")).toHaveLength(0);
    expect(email!.headers.get("subject")).toBe(`[Sanctions Watch] ${viewerNotification.title}`);
    expect(email!.headers.get("from")).toContain("alerts@example.test");
    expect(email!.headers.get("message-id")).toBe(`<notification.${notificationId}@localhost>`);
    expect(email!.headers.get("x-sw-notification-id")).toBe(notificationId);
    const link = `http://localhost:3000/issues/${issueId}`;
    expect(email!.text).toContain(viewerNotification.title);
    expect(email!.text).toContain(viewerNotification.summary);
    expect(email!.text).toContain(link);
    expect(email!.html).toContain("Chips &amp; &quot;dual-use&quot; &lt;parts&gt; to Russia");
    expect(email!.html).not.toContain("<parts>");
    expect(email!.html).toContain(`href="${link}"`);
    const listUnsubscribe = email!.headers.get("list-unsubscribe")!;
    expect(listUnsubscribe).toMatch(/^<http:\/\/localhost:3000\/api\/notifications\/unsubscribe\?token=[\w-]+\.[\w-]+>$/);
    expect(email!.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(email!.text).toContain(listUnsubscribe.slice(1, -1));

    const row = await db.notification.findUniqueOrThrow({ where: { id: notificationId } });
    expect(row.emailedAt).not.toBeNull();
    expect(row.emailAttempts).toBe(0);
    // Sent once: the next run finds nothing of it.
    await sendImmediateEmails(mailer);
    expect(await to("viewer")).toHaveLength(1);
  });

  it("the unsubscribe link works without a session: GET asks, POST turns off that kind only", async () => {
    const [email] = await to("viewer");
    const url = new URL(email!.headers.get("list-unsubscribe")!.slice(1, -1));
    const path = `${url.pathname}${url.search}`;
    const asked = await call(unsubscribe.GET, "GET", path);
    expect(asked.status).toBe(200);
    expect(asked.headers.get("content-type")).toContain("text/html");
    expect(asked.text).toContain("Status changes");
    expect(asked.text).toContain('method="post"');
    expect((await db.emailPreference.findUniqueOrThrow({ where: { userId_kind: { userId: t.actors.viewer.userId!, kind: "status" } } })).delivery).toBe("immediate");

    // What a mail client sends (RFC 8058): a form body, no cookie, no Origin.
    const done = await call(unsubscribe.POST, "POST", path, { rawBody: "List-Unsubscribe=One-Click", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(done.status).toBe(200);
    expect(done.text).toContain("Unsubscribed");
    const mine = await db.emailPreference.findMany({ where: { userId: t.actors.viewer.userId! }, select: { kind: true, delivery: true } });
    expect(mine).toEqual([{ kind: "status", delivery: "off" }]);
    const got = await call(preferences.GET, "GET", "/api/notifications/preferences", { token: t.tokens.viewer });
    expect(got.json.email).toMatchObject({ status: "off", mention: "immediate", evidence: "daily" });
    // Nobody else's settings moved.
    expect(await db.emailPreference.count({ where: { userId: { in: [t.actors.analyst.userId!, t.actors.admin.userId!] } } })).toBe(0);
  });

  it("a webmail's one-click unsubscribe, posted from its own site, works: the token is the credential, not a cookie", async () => {
    const [email] = await to("viewer");
    const url = new URL(email!.headers.get("list-unsubscribe")!.slice(1, -1));
    const where = { userId_kind: { userId: t.actors.viewer.userId!, kind: "status" as const } };
    await db.emailPreference.update({ where, data: { delivery: "immediate" } });
    const done = await call(unsubscribe.POST, "POST", `${url.pathname}${url.search}`, {
      rawBody: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://mail.example.org", "sec-fetch-site": "cross-site" },
    });
    expect(done.status).toBe(200);
    expect((await db.emailPreference.findUniqueOrThrow({ where })).delivery).toBe("off");
  });

  it("a tampered, foreign or missing token is a 404 page and changes nothing", async () => {
    const [email] = await to("viewer");
    const token = new URL(email!.headers.get("list-unsubscribe")!.slice(1, -1)).searchParams.get("token")!;
    const [payload, signature] = token.split(".");
    const forged = `${Buffer.from(JSON.stringify({ u: t.actors.analyst.userId, k: ["status"] })).toString("base64url")}.${signature}`;
    for (const bad of [forged, `${payload}.${signature}x`, payload!, ""]) {
      const refused = await call(unsubscribe.POST, "POST", `/api/notifications/unsubscribe?token=${encodeURIComponent(bad)}`);
      expect(refused.status, bad).toBe(404);
      expect((await call(unsubscribe.GET, "GET", `/api/notifications/unsubscribe?token=${encodeURIComponent(bad)}`)).status).toBe(404);
    }
    expect(await db.emailPreference.count({ where: { userId: t.actors.analyst.userId! } })).toBe(0);
  });

  it("a down SMTP server delays the email: kept with its error, retried with backoff, sent exactly once when it is back", async () => {
    expect((await prefs({ email: { status: "immediate" } })).status).toBe(200);
    await smtp.stop();
    // The change commits whatever SMTP does: requests never wait for email.
    const written = await moveStatus("measures_threatened");
    const id = written.find((n) => n.userId === t.actors.viewer.userId)!.id;
    const now = new Date();
    const down = await sendImmediateEmails(mailer, now);
    expect(down.failed).toBe(1);
    let row = await db.notification.findUniqueOrThrow({ where: { id } });
    // Another team's notification may have been first in line; ours fails on this run or the next.
    if (row.emailAttempts === 0) {
      await sendImmediateEmails(mailer, now);
      row = await db.notification.findUniqueOrThrow({ where: { id } });
    }
    expect(row.emailedAt).toBeNull();
    expect(row.emailAttempts).toBe(1);
    expect(row.emailError).toBeTruthy();
    expect(row.emailRetryAt!.getTime()).toBe(now.getTime() + retryDelayMs(1));
    // Not due yet: not tried again.
    await sendImmediateEmails(mailer, now);
    expect((await db.notification.findUniqueOrThrow({ where: { id } })).emailAttempts).toBe(1);

    await smtp.start();
    const later = new Date(row.emailRetryAt!.getTime() + 1000);
    await sendImmediateEmails(mailer, later);
    await sendImmediateEmails(mailer, new Date(later.getTime() + 3_600_000));
    const copies = smtp.received.filter((m) => m.headers.get("x-sw-notification-id") === id);
    expect(copies).toHaveLength(1);
    row = await db.notification.findUniqueOrThrow({ where: { id } });
    expect(row.emailedAt).not.toBeNull();
    expect(row.emailError).toBeNull();
    expect(retryDelayMs(2)).toBe(2 * retryDelayMs(1));
    expect(retryDelayMs(50)).toBe(3_600_000);
  });
});

describe("digests in the team's time zone", () => {
  it("only admins set the team's time zone, and only to a real one", async () => {
    expect((await call(team.PATCH, "PATCH", "/api/team", { token: t.tokens.analyst, body: { timeZone: "Europe/Berlin" } })).status).toBe(403);
    for (const body of [{ timeZone: "Mars/Olympus" }, { timeZone: "" }, { timeZone: "UTC", name: "x" }, {}]) {
      expect((await call(team.PATCH, "PATCH", "/api/team", { token: t.tokens.admin, body })).status, JSON.stringify(body)).toBe(422);
    }
    const set = await call(team.PATCH, "PATCH", "/api/team", { token: t.tokens.admin, body: { timeZone: "Europe/Berlin" } });
    expect(set.status).toBe(200);
    expect(set.json.timeZone).toBe("Europe/Berlin");
    expect((await call(team.GET, "GET", "/api/team", { token: t.tokens.viewer })).json.timeZone).toBe("Europe/Berlin");
    expect((await call(team.GET, "GET", "/api/team", { token: other.tokens.admin })).json.timeZone).toBe("UTC");
  });

  it("sends one digest per person and Berlin day, across midnight, once the day has ended", async () => {
    // The analyst's status notifications wait for the daily digest. Put them either side of a Berlin midnight three days ago.
    const pending = await db.notification.findMany({ where: { teamId: t.teamId, userId: t.actors.analyst.userId!, emailedAt: null, emailSkipped: false }, orderBy: { createdAt: "asc" } });
    expect(pending).toHaveLength(2);
    const day = new Date(Date.now() - 3 * 86_400_000);
    const berlin = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit", day: "2-digit" }).format(day).split("-").map(Number);
    const midnight = startOfLocalDay(berlin[0]!, berlin[1]!, berlin[2]!, "Europe/Berlin");
    await db.notification.update({ where: { id: pending[0]!.id }, data: { createdAt: new Date(midnight.getTime() - 30 * 60_000) } });
    await db.notification.update({ where: { id: pending[1]!.id }, data: { createdAt: new Date(midnight.getTime() + 30 * 60_000) } });

    const result = await sendDigests(mailer);
    expect(result.failed).toBe(0);
    const digests = await to("analyst");
    expect(digests).toHaveLength(2);
    const localDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(d);
    expect(digests.map((d) => d.headers.get("subject")).sort()).toEqual(
      [
        `[Sanctions Watch] Daily digest of ${localDay(new Date(midnight.getTime() - 1))}: 1 notification`,
        `[Sanctions Watch] Daily digest of ${localDay(midnight)}: 1 notification`,
      ].sort(),
    );
    for (const digest of digests) {
      expect(digest.text).toContain(`http://localhost:3000/issues/${issueId}`);
      expect(digest.html).toContain("Chips &amp; &quot;dual-use&quot;");
      expect(digest.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(digest.headers.get("message-id")).toMatch(/^<digest\..+@localhost>$/);
    }
    expect(digests.map((d) => d.headers.get("x-sw-notification-ids")).sort()).toEqual([pending[0]!.id, pending[1]!.id].sort());
    expect(await db.notification.count({ where: { id: { in: pending.map((p) => p.id) }, emailedAt: null } })).toBe(0);
    await sendDigests(mailer);
    expect(await to("analyst")).toHaveLength(2);
  });

  it("waits while the day is still running, and groups a week into one email", async () => {
    expect((await prefs({ email: { status: "weekly" } }, t.tokens.analyst)).status).toBe(200);
    const [n] = (await moveStatus("measures_announced")).filter((x) => x.userId === t.actors.analyst.userId);
    await sendDigests(mailer);
    expect(await to("analyst")).toHaveLength(2);
    expect((await db.notification.findUniqueOrThrow({ where: { id: n!.id } })).emailedAt).toBeNull();
    // Eight days on, its week has ended.
    await sendDigests(mailer, new Date(Date.now() + 8 * 86_400_000));
    const weekly = (await to("analyst")).filter((m) => m.headers.get("subject")!.includes("Weekly digest"));
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.headers.get("x-sw-notification-ids")).toBe(n!.id);
  });
});

describe("the personal Atom feed", () => {
  it("is valid Atom behind a token, which a new one replaces and revoking ends", async () => {
    expect((await call(feedToken.DELETE, "DELETE", "/api/notifications/feed-token", { token: t.tokens.viewer })).status).toBe(404);
    const made = await call(feedToken.POST, "POST", "/api/notifications/feed-token", { token: t.tokens.viewer, body: {} });
    expect(made.status).toBe(201);
    const url = new URL(made.json.url as string);
    expect(url.pathname).toBe("/api/notifications/feed.atom");
    const token = url.searchParams.get("token")!;
    expect(await db.notificationFeedToken.count({ where: { tokenHash: token } })).toBe(0);

    const got = await call(feed.GET, "GET", `/api/notifications/feed.atom?token=${token}`);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toContain("application/atom+xml");
    const reading = readFeed(new TextEncoder().encode(got.text), got.headers.get("content-type"));
    if (!reading.ok) throw new Error(`Not a feed: ${JSON.stringify(reading)}`);
    expect(reading.format).toBe("atom");
    const mine = await db.notification.findMany({ where: { userId: t.actors.viewer.userId!, teamId: t.teamId }, orderBy: { createdAt: "desc" } });
    // The app's reader keeps one item per link (all three link to the issue) and reads titles as text without markup.
    expect(reading.total).toBe(mine.length);
    expect(mine.length).toBe(3);
    expect(got.text).toContain(`<title>${mine[0]!.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")}</title>`);
    expect(reading.items[0]!.url).toBe(`http://localhost:3000/issues/${issueId}`);
    expect((await call(preferences.GET, "GET", "/api/notifications/preferences", { token: t.tokens.viewer })).json.feed).toMatchObject({ lastUsedAt: expect.any(String) });

    for (const bad of ["", "?token=", "?token=swf_wrong", `?token=${token}x`]) {
      expect((await call(feed.GET, "GET", `/api/notifications/feed.atom${bad}`)).status, bad).toBe(404);
    }
    // A new URL stops the old one; revoking stops the new one.
    const again = await call(feedToken.POST, "POST", "/api/notifications/feed-token", { token: t.tokens.viewer, body: {} });
    expect((await call(feed.GET, "GET", `/api/notifications/feed.atom?token=${token}`)).status).toBe(404);
    const second = new URL(again.json.url as string).searchParams.get("token")!;
    expect((await call(feed.GET, "GET", `/api/notifications/feed.atom?token=${second}`)).status).toBe(200);
    expect((await call(feedToken.DELETE, "DELETE", "/api/notifications/feed-token", { token: t.tokens.viewer })).status).toBe(204);
    expect((await call(feed.GET, "GET", `/api/notifications/feed.atom?token=${second}`)).status).toBe(404);
    expect((await call(feedToken.POST, "POST", "/api/notifications/feed-token", { body: {} })).status).toBe(401);
  });
});
