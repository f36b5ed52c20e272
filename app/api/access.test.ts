import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiToken } from "@/lib/auth/actor";
import { hasRole } from "@/lib/auth/roles";
import { db } from "@/lib/db/client";
import { enqueue } from "@/lib/jobs/enqueue";
import { stopQueue } from "@/lib/jobs/instance";
import { defineJob } from "@/lib/jobs/job";
import { startQueue } from "@/lib/jobs/queue";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { TEST_ORIGIN } from "@/lib/testing/http";
import { apiRoutes, type ApiRoute, type Handler, type HttpMethod } from "@/lib/testing/routes";
import { dropTestQueues } from "@/lib/testing/queue";

// The access matrix (issue 7), generated from the route files: every API route × every kind of caller
// gets the status its declared role implies, another team's ids are never reachable, and lists never
// hold another team's rows. A new route is covered as soon as its file exists.

withTestDatabase();

const MISSING_ID = "01900000-0000-7000-8000-000000000000";
let routes: ApiRoute[];
let home: TestTeam;
let away: TestTeam;
let homeIds: Record<string, string>;
let revokedToken: string;
let expiredToken: string;
/** Made by admins since demoted to viewer, or removed from the team without their tokens being revoked. */
let demotedAdminToken: string;
let removedAdminToken: string;
const formerAdmins: string[] = [];
/** A job of the home team, for the Jobs routes; sent, never run (the queue only sends here). */
const matrixJob = defineJob<{ teamId: string }>({ name: "test.access-matrix", handle: async () => {} });

async function extraToken(teamId: string, data: { revokedAt?: Date; expiresAt?: Date; createdById?: string }) {
  const token = `sw_test_${randomBytes(16).toString("hex")}`;
  await db.apiToken.create({ data: { teamId, name: "matrix", role: "admin", tokenHash: hashApiToken(token), ...data } });
  return token;
}

/** An admin token whose owner is then changed (`then`): demoted or removed. */
async function formerAdminToken(teamId: string, then: (membershipId: string) => Promise<unknown>) {
  const user = await db.user.create({ data: { id: randomUUID(), email: `former-${randomUUID().slice(0, 8)}@example.test`, name: "Former admin" } });
  formerAdmins.push(user.id);
  const membership = await db.membership.create({ data: { teamId, userId: user.id, role: "admin" } });
  const token = await extraToken(teamId, { createdById: user.id });
  await then(membership.id);
  return token;
}

beforeAll(async () => {
  routes = (await apiRoutes()).filter((r) => !r.catchAll); // /api/auth/* is better-auth's own
  home = await createTestTeam("Home");
  away = await createTestTeam("Away");
  const issue = await createTestIssue(home.actors.analyst);
  const source = await db.source.create({ data: { teamId: home.teamId, name: "Matrix source", reliability: "B" } });
  const document = await db.document.create({ data: { teamId: home.teamId, sourceId: source.id, title: "Matrix document", text: "A passage for the matrix.", contentHash: randomBytes(8).toString("hex") } });
  const evidence = await db.evidence.create({ data: { teamId: home.teamId, issueId: issue.id, documentId: document.id, quote: "A passage", quoteStart: 0, quoteEnd: 9, credibility: 2, stance: "context" } });
  const membership = await db.membership.findFirstOrThrow({ where: { teamId: home.teamId, role: "viewer" } });
  const invitation = await db.invitation.create({ data: { teamId: home.teamId, email: "matrix@example.test", role: "viewer", tokenHash: randomBytes(16).toString("hex"), expiresAt: new Date(Date.now() + 3600_000) } });
  const token = await db.apiToken.findFirstOrThrow({ where: { teamId: home.teamId } });
  const briefing = await db.briefing.create({ data: { teamId: home.teamId, title: "Matrix briefing", filter: {}, snapshot: {} } });
  const capture = await db.capture.create({ data: { teamId: home.teamId, url: "https://example.org/", finalUrl: "https://example.org/", httpStatus: 200, contentType: "text/html", sha256: "0".repeat(64), body: new TextEncoder().encode("<p>Matrix page</p>") } });
  const entity = await db.entity.create({ data: { teamId: home.teamId, type: "organization", name: "Matrix entity" } });
  const hit = await matrixHit(entity.id);
  const feed = await db.feed.create({ data: { teamId: home.teamId, sourceId: source.id, url: "https://example.org/feed.xml", title: "Matrix feed", enabled: false } });
  const inboxItem = await db.inboxItem.create({ data: { teamId: home.teamId, feedId: feed.id, url: "https://example.org/matrix-item", title: "Matrix item", text: "An item for the matrix.", contentHash: randomBytes(8).toString("hex") } });
  const comment = await db.comment.create({ data: { teamId: home.teamId, issueId: issue.id, authorId: home.actors.analyst.userId, body: "Matrix comment" } });
  const webhook = await db.webhook.create({ data: { teamId: home.teamId, url: "https://hooks.example.org/in", kinds: ["evidence"], secret: "whsec_matrix" } });
  const schedule = await db.briefingSchedule.create({ data: { teamId: home.teamId, title: "Matrix schedule", filter: {}, cadence: "daily", hour: 9 } });
  const delivery = await db.webhookDelivery.create({
    data: {
      teamId: home.teamId, webhookId: webhook.id, type: "test", body: "{}", status: "failed", nextAttemptAt: null,
      // An attempt logged: the admins' …/attempts answers with it, another team's with 404.
      attemptLog: { create: { teamId: home.teamId, attempt: 1, attemptedAt: new Date(), responseStatus: 500, durationMs: 12, responseExcerpt: "matrix", outcome: "failed" } },
    },
  });
  await startQueue({ work: false, jobs: [matrixJob] });
  const job = (await enqueue(matrixJob, { teamId: home.teamId }))!;
  homeIds = { feed: feed.id, inboxItem: inboxItem.id, capture: capture.id, entity: entity.id, hit: hit.id, comment: comment.id, issue: issue.id, source: source.id, document: document.id, evidence: evidence.id, membership: membership.id, invitation: invitation.id, token: token.id, briefing: briefing.id, team: home.teamId, job, webhook: webhook.id, delivery: delivery.id, schedule: schedule.id };
  revokedToken = await extraToken(home.teamId, { revokedAt: new Date() });
  expiredToken = await extraToken(home.teamId, { expiresAt: new Date(Date.now() - 1000) });
  demotedAdminToken = await formerAdminToken(home.teamId, (id) => db.membership.update({ where: { id }, data: { role: "viewer" } }));
  removedAdminToken = await formerAdminToken(home.teamId, (id) => db.membership.delete({ where: { id } }));
});

/** A hit of the home team's entity, on a list of its own (lists are the instance's). */
async function matrixHit(entityId: string) {
  const list = await db.sanctionsList.create({ data: { slug: `matrix-${randomUUID().slice(0, 8)}`, name: "Matrix list" } });
  const release = await db.sanctionsRelease.create({ data: { listId: list.id, publishedAt: new Date(), sha256: "matrix", format: "ofac-sdn-csv", entries: 1, added: 0, removed: 0, changed: 0, importedBy: "cli" } });
  const entry = await db.sanctionsEntry.create({ data: { releaseId: release.id, sourceId: "1", type: "organization", name: "MATRIX ENTITY", data: {}, contentHash: "matrix" } });
  matrixList = list.id;
  return db.hit.create({ data: { teamId: home.teamId, entityId, listId: list.id, sourceId: "1", entryId: entry.id, firstReleaseId: release.id, score: 1, level: "match", matchedName: "MATRIX ENTITY", explanation: {} } });
}
let matrixList: string;

afterAll(async () => {
  await dropTestQueues(matrixJob.name);
  await stopQueue();
  await db.sanctionsList.deleteMany({ where: { id: matrixList } });
  await purgeTeam(home.teamId);
  await purgeTeam(away.teamId);
  await db.user.deleteMany({ where: { id: { in: formerAdmins } } });
});

/** Instance-wide data (sanctions lists): every team reads the same records, so no other team's ids exist there. */
const isShared = (path: string) => path.startsWith("/api/sanctions/");
/** Open only to the people in LIST_ADMINS, whatever their team role: none of the matrix's callers is one. */
const LIST_ADMIN_ONLY = new Set(["POST /api/sanctions/releases"]);

/** Query parameters a route cannot do without, so that a call reaches its service. */
const requiredQuery: Record<string, string> = { "/api/briefings/{id}/export": "?format=md" };

/** The home team's record a path parameter names, chosen by the collection before it. */
function homeIdFor(path: string): string {
  const collection = path.split("/{id}")[0]!.split("/").pop()!;
  const byCollection: Record<string, string> = {
    issues: homeIds.issue!, evidence: homeIds.evidence!, documents: homeIds.document!, sources: homeIds.source!,
    briefings: homeIds.briefing!, captures: homeIds.capture!, members: homeIds.membership!, invitations: homeIds.invitation!, tokens: homeIds.token!, jobs: homeIds.job!,
    entities: homeIds.entity!, hits: homeIds.hit!, comments: homeIds.comment!, feeds: homeIds.feed!, inbox: homeIds.inboxItem!,
    webhooks: homeIds.webhook!, "webhook-deliveries": homeIds.delivery!, schedules: homeIds.schedule!,
  };
  const id = byCollection[collection];
  if (!id) throw new Error(`access.test.ts: say which record ${path} names (add "${collection}" to homeIdFor)`);
  return id;
}

async function send(route: ApiRoute, method: HttpMethod, token: string | null, id?: string, headers: Record<string, string> = {}, body?: string) {
  const handler = route.handlers[method] as Handler;
  const url = route.path.replace("{id}", id ?? MISSING_ID) + (requiredQuery[route.path] ?? "");
  const request = new Request(new URL(url, TEST_ORIGIN), {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(method === "GET" || method === "DELETE" ? {} : { "content-type": "application/json" }), ...headers },
    body: method === "GET" || method === "DELETE" ? undefined : (body ?? "{}"),
  });
  const params: Record<string, string> = route.params.length ? { id: id ?? MISSING_ID } : {};
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, text: await response.text() };
}

const operations = () => routes.flatMap((route) => (Object.keys(route.handlers) as HttpMethod[]).map((method) => ({ route, method, name: `${method} ${route.path}` })));

describe("access matrix", () => {
  it("every API route goes through the one route wrapper and declares its role", () => {
    const undeclared = operations().filter(({ route, method }) => !route.handlers[method]!.role).map((o) => o.name);
    expect(undeclared).toEqual([]);
  });

  it("anonymous, revoked and expired credentials, and tokens of removed members get 401 everywhere but public routes", async () => {
    for (const { route, method, name } of operations()) {
      const role = route.handlers[method]!.role;
      for (const [caller, token] of [["anonymous", null], ["revoked token", revokedToken], ["expired token", expiredToken], ["removed admin's token", removedAdminToken]] as const) {
        const { status } = await send(route, method, token);
        if (role === "public") expect(status, `${caller} → ${name}`).not.toBe(401);
        else expect(status, `${caller} → ${name}`).toBe(401);
      }
    }
  });

  it("each role gets through exactly where its rank allows (403 below it)", async () => {
    for (const { route, method, name } of operations()) {
      const required = route.handlers[method]!.role;
      if (required === "public") continue;
      for (const role of ["viewer", "analyst", "admin"] as const) {
        const { status, text } = await send(route, method, home.tokens[role]);
        if (LIST_ADMIN_ONLY.has(name)) expect(status, `${role} → ${name}`).toBe(403);
        else if (hasRole(role, required!)) expect([401, 403, 500], `${role} → ${name}: ${text}`).not.toContain(status);
        else expect(status, `${role} → ${name}`).toBe(403);
      }
    }
  });

  it("an admin token of an owner demoted to viewer acts as a viewer", async () => {
    for (const { route, method, name } of operations()) {
      const required = route.handlers[method]!.role;
      if (required === "public" || required === "viewer") continue;
      expect((await send(route, method, demotedAdminToken)).status, `demoted admin's token → ${name}`).toBe(403);
    }
    expect((await send(routes.find((r) => r.path === "/api/issues")!, "GET", demotedAdminToken)).status).toBe(200);
  });

  it("a member of another team cannot read or change this team's records by id", async () => {
    const before = await db.event.count({ where: { teamId: home.teamId } });
    for (const { route, method, name } of operations().filter((o) => o.route.params.length && !isShared(o.route.path))) {
      if (route.handlers[method]!.role === "public") continue;
      const { status } = await send(route, method, away.tokens.admin, homeIdFor(route.path));
      if (method === "GET") expect(status, name).toBe(404);
      else expect(status >= 400 && status < 500, `${name} → ${status}`).toBe(true);
    }
    expect(await db.event.count({ where: { teamId: home.teamId } })).toBe(before);
  });

  it("lists never contain another team's rows", async () => {
    const homeValues = Object.values(homeIds);
    for (const { route, method, name } of operations().filter((o) => o.method === "GET" && !o.route.params.length)) {
      if (route.handlers[method]!.role === "public") continue;
      const { status, text } = await send(route, method, away.tokens.admin);
      expect(status, name).toBeLessThan(500);
      for (const id of homeValues) expect(text, `${name} leaks ${id}`).not.toContain(id);
    }
  });
});

describe("cross-site requests", () => {
  const attempts: Array<[string, Record<string, string>, string]> = [
    ["JSON from another origin", { origin: "https://evil.example", "content-type": "application/json" }, "{}"],
    ["text/plain from another origin", { origin: "https://evil.example", "content-type": "text/plain" }, "{}"],
    ["a form from another origin", { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, "a=1"],
    ["Origin: null", { origin: "null", "content-type": "application/json" }, "{}"],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site", "content-type": "application/json" }, "{}"],
  ];

  // A route whose credential is a signed token in its URL takes posts from other sites; only the one-click unsubscribe.
  const crossSite = (o: ReturnType<typeof operations>[number]) => o.route.handlers[o.method]!.crossSite === true;

  it("only the one-click unsubscribe takes posts from other sites", () => {
    expect(operations().filter(crossSite).map((o) => o.name)).toEqual(["POST /api/notifications/unsubscribe"]);
  });

  it.each(attempts)("every other mutating route refuses %s with 403", async (_label, headers, body) => {
    for (const { route, method, name } of operations().filter((o) => o.method !== "GET" && !crossSite(o))) {
      const id = route.params.length ? homeIdFor(route.path) : undefined;
      const { status } = await send(route, method, home.tokens.admin, id, headers, body);
      expect(status, name).toBe(403);
    }
  });

  it("a JSON API takes no text/plain or form bodies even from its own origin", async () => {
    for (const { route, method, name } of operations().filter((o) => o.method === "POST" || o.method === "PATCH")) {
      const id = route.params.length ? MISSING_ID : undefined;
      for (const type of ["text/plain", "application/x-www-form-urlencoded"]) {
        const { status } = await send(route, method, home.tokens.admin, id, { "content-type": type }, "a=1");
        expect([403, 404, 415, 428], `${type} → ${name} gave ${status}`).toContain(status);
      }
    }
  });
});

describe("comments: viewers read, analysts write, authors edit their own, admins delete any", () => {
  const commentRoute = (path: string) => routes.find((r) => r.path === path)!;
  const json = (body: unknown) => JSON.stringify(body);

  it("follows the rule for each role", async () => {
    const onIssue = commentRoute("/api/issues/{id}/comments");
    const one = commentRoute("/api/comments/{id}");
    expect((await send(onIssue, "GET", home.tokens.viewer, homeIds.issue)).status).toBe(200);
    expect((await send(onIssue, "POST", home.tokens.viewer, homeIds.issue, {}, json({ body: "viewer" }))).status).toBe(403);
    const written = await send(onIssue, "POST", home.tokens.analyst, homeIds.issue, {}, json({ body: "analyst" }));
    expect(written.status).toBe(201);
    const id = (JSON.parse(written.text) as { id: string }).id;

    // Someone else's comment: not even an admin edits it; another analyst cannot delete it; an admin can.
    const byAnalyst = homeIds.comment!;
    expect((await send(one, "PATCH", home.tokens.admin, byAnalyst, { "if-match": '"1"' }, json({ body: "admin" }))).status).toBe(403);
    expect((await send(one, "PATCH", home.tokens.analyst, id, { "if-match": '"1"' }, json({ body: "edited by its author" }))).status).toBe(200);
    const byAdmin = JSON.parse((await send(onIssue, "POST", home.tokens.admin, homeIds.issue, {}, json({ body: "admin's" }))).text) as { id: string };
    expect((await send(one, "DELETE", home.tokens.analyst, byAdmin.id, { "if-match": '"1"' })).status).toBe(403);
    expect((await send(one, "DELETE", home.tokens.admin, id, { "if-match": '"2"' })).status).toBe(204);
  });
});
