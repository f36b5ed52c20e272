import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { findPendingInvitation } from "@/lib/services/invitations";
import { limits } from "@/lib/auth/rate-limits";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call, TEST_ORIGIN } from "@/lib/testing/http";
import * as auth from "../auth/[...all]/route";
import * as audit from "../audit/route";
import * as accept from "../invitations/accept/route";
import * as issues from "../issues/route";
import * as teams from "../teams/route";
import * as switchTeam from "../teams/switch/route";
import * as invitations from "./invitations/route";
import * as invitation from "./invitations/[id]/route";
import * as members from "./members/route";
import * as member from "./members/[id]/route";
import * as tokens from "./tokens/route";
import * as token from "./tokens/[id]/route";

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
  const strays = await db.user.findMany({ where: { email: { endsWith: "@invited.test" } }, select: { id: true } });
  await db.user.deleteMany({ where: { id: { in: strays.map((u) => u.id) } } });
});
afterEach(() => vi.restoreAllMocks());

/** Signs in through better-auth's real endpoint; returns the session cookie. */
async function signIn(email: string, password: string) {
  const response = await auth.POST(new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: TEST_ORIGIN }, body: JSON.stringify({ email, password }) }));
  const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
  return { status: response.status, cookie, retryAfter: response.headers.get("retry-after"), body: await response.json() };
}

async function invite(email: string, role: "viewer" | "analyst" | "admin" = "analyst") {
  const response = await call(invitations.POST, "POST", "/api/team/invitations", { token: team.tokens.admin, body: { email, role } });
  expect(response.status).toBe(201);
  return { id: String(response.json.id), token: String(response.json.link).split("/invite/")[1]! };
}

describe("invitations", () => {
  it("an admin invites by email; the link makes an account that can sign in with the invited role", async () => {
    const email = `newcomer-${Date.now()}@invited.test`;
    const { token: secret } = await invite(email, "analyst");
    expect(await db.invitation.count({ where: { tokenHash: secret } })).toBe(0); // stored hashed
    const accepted = await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret, name: "New Analyst", password: "a long enough password" } });
    expect(accepted.status).toBe(201);
    const session = await signIn(email, "a long enough password");
    expect(session.status).toBe(200);
    const list = await call(issues.GET, "GET", "/api/issues", { headers: { cookie: session.cookie } });
    expect(list.status).toBe(200);
    expect((await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret, name: "Again", password: "a long enough password" } })).status).toBe(404);
  });

  it("revoked or unknown links are refused; only admins invite; an existing account must sign in first", async () => {
    const { id, token: secret } = await invite(`revoked-${Date.now()}@invited.test`);
    expect((await call(invitation.DELETE, "DELETE", `/api/team/invitations/${id}`, { token: team.tokens.admin, params: { id } })).status).toBe(204);
    expect((await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret, name: "X", password: "a long enough password" } })).status).toBe(404);
    expect((await call(invitations.POST, "POST", "/api/team/invitations", { token: team.tokens.analyst, body: { email: "x@invited.test" } })).status).toBe(403);

    const existing = await db.user.findFirstOrThrow({ where: { memberships: { some: { teamId: other.teamId, role: "viewer" } } } });
    const { token: forExisting } = await invite(existing.email);
    const refused = await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: forExisting, name: "X", password: "a long enough password" } });
    expect(refused.status).toBe(409);
  });
  it("a link does not tell its admin whether the address has an account", async () => {
    const existing = await db.user.findFirstOrThrow({ where: { memberships: { some: { teamId: other.teamId, role: "analyst" } } } });
    const answers = [];
    for (const email of [existing.email, `nobody-${Date.now()}@invited.test`]) {
      const { token: secret } = await invite(email, "viewer");
      const page = await findPendingInvitation(secret);
      const bare = await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret } });
      answers.push({ page: { ...page, email: undefined }, status: bare.status, body: bare.text });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.status).toBe(422);
  });
});

describe("members", () => {
  it("the links an admin handed out stop working once they are demoted or removed", async () => {
    for (const leave of ["demoted", "removed"] as const) {
      const email = `${leave}-admin-${Date.now()}@invited.test`;
      const { token: adminLink } = await invite(email, "admin");
      await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: adminLink, name: "Short-lived admin", password: "a long enough password" } });
      const { cookie } = await signIn(email, "a long enough password");
      const sent = await call(invitations.POST, "POST", "/api/team/invitations", { headers: { cookie }, body: { email: `by-${leave}-${Date.now()}@invited.test`, role: "admin" } });
      expect(sent.status).toBe(201);
      const link = String(sent.json.link).split("/invite/")[1]!;
      const membership = await db.membership.findFirstOrThrow({ where: { teamId: team.teamId, user: { email } } });
      const params = { id: membership.id };
      if (leave === "demoted") await call(member.PATCH, "PATCH", `/api/team/members/${membership.id}`, { token: team.tokens.admin, params, body: { role: "analyst" } });
      else await call(member.DELETE, "DELETE", `/api/team/members/${membership.id}`, { token: team.tokens.admin, params });
      const accepted = await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: link, name: "Smuggled admin", password: "a long enough password" } });
      expect(accepted.status, leave).toBe(404);
    }
  });

  it("admins change roles, but the team keeps an admin", async () => {
    const list = await call(members.GET, "GET", "/api/team/members", { token: team.tokens.viewer });
    const items = list.json.items as Array<{ id: string; role: string }>;
    const admin = items.find((m) => m.role === "admin")!;
    const viewer = items.find((m) => m.role === "viewer")!;
    expect((await call(member.PATCH, "PATCH", `/api/team/members/${admin.id}`, { token: team.tokens.admin, params: { id: admin.id }, body: { role: "viewer" } })).status).toBe(409);
    const promoted = await call(member.PATCH, "PATCH", `/api/team/members/${viewer.id}`, { token: team.tokens.admin, params: { id: viewer.id }, body: { role: "analyst" } });
    expect(promoted.json).toMatchObject({ role: "analyst" });
    expect((await call(member.PATCH, "PATCH", `/api/team/members/${viewer.id}`, { token: other.tokens.admin, params: { id: viewer.id }, body: { role: "admin" } })).status).toBe(404);
    await call(member.PATCH, "PATCH", `/api/team/members/${viewer.id}`, { token: team.tokens.admin, params: { id: viewer.id }, body: { role: "viewer" } });
  });

  it("removing a member ends their open session on the next request", async () => {
    const email = `leaver-${Date.now()}@invited.test`;
    const { token: secret } = await invite(email, "viewer");
    await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret, name: "Leaver", password: "a long enough password" } });
    const session = await signIn(email, "a long enough password");
    expect((await call(issues.GET, "GET", "/api/issues", { headers: { cookie: session.cookie } })).status).toBe(200);
    const membership = await db.membership.findFirstOrThrow({ where: { teamId: team.teamId, user: { email } } });
    expect((await call(member.DELETE, "DELETE", `/api/team/members/${membership.id}`, { token: team.tokens.admin, params: { id: membership.id } })).status).toBe(204);
    expect((await call(issues.GET, "GET", "/api/issues", { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it("someone in two teams can switch between them", async () => {
    const email = `two-teams-${Date.now()}@invited.test`;
    const { token: secret } = await invite(email, "viewer");
    await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret, name: "Two Teams", password: "a long enough password" } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    await db.membership.create({ data: { teamId: other.teamId, userId: user.id, role: "analyst" } });
    const { cookie } = await signIn(email, "a long enough password");
    const mine = await call(teams.GET, "GET", "/api/teams", { headers: { cookie } });
    expect((mine.json.items as Array<{ id: string; current: boolean }>).map((t) => [t.id, t.current])).toEqual([[team.teamId, true], [other.teamId, false]]);
    const switched = await call(switchTeam.POST, "POST", "/api/teams/switch", { headers: { cookie }, body: { teamId: other.teamId } });
    const teamCookie = switched.headers.get("set-cookie")!.split(";")[0]!;
    const now = await call(teams.GET, "GET", "/api/teams", { headers: { cookie: `${cookie}; ${teamCookie}` } });
    expect((now.json.items as Array<{ id: string; current: boolean; role: string }>).find((t) => t.current)).toMatchObject({ id: other.teamId, role: "analyst" });
    const stranger = await createTestTeam("Stranger");
    expect((await call(switchTeam.POST, "POST", "/api/teams/switch", { headers: { cookie }, body: { teamId: stranger.teamId } })).status).toBe(404);
    await purgeTeam(stranger.teamId);
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, work as bearer tokens with their role, and stop at revocation or expiry", async () => {
    const created = await call(tokens.POST, "POST", "/api/team/tokens", { token: team.tokens.admin, body: { name: "nightly export", role: "viewer" } });
    expect(created.status).toBe(201);
    const secret = String(created.json.token);
    expect(secret).toMatch(/^sw_/);
    expect(JSON.stringify(await db.apiToken.findUniqueOrThrow({ where: { id: String(created.json.id) } }))).not.toContain(secret);
    expect(JSON.stringify((await call(tokens.GET, "GET", "/api/team/tokens", { token: team.tokens.admin })).json)).not.toContain(secret);

    expect((await call(issues.GET, "GET", "/api/issues", { token: secret })).status).toBe(200);
    expect((await call(issues.POST, "POST", "/api/issues", { token: secret, body: { title: "x", category: "other" } })).status).toBe(403);
    const id = String(created.json.id);
    expect((await call(token.DELETE, "DELETE", `/api/team/tokens/${id}`, { token: team.tokens.admin, params: { id } })).status).toBe(204);
    expect((await call(issues.GET, "GET", "/api/issues", { token: secret })).status).toBe(401);

    const expiring = await call(tokens.POST, "POST", "/api/team/tokens", { token: team.tokens.admin, body: { name: "short-lived", role: "viewer", expiresAt: new Date(Date.now() + 60_000).toISOString() } });
    expect((await call(issues.GET, "GET", "/api/issues", { token: String(expiring.json.token) })).status).toBe(200);
    await db.apiToken.update({ where: { id: String(expiring.json.id) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await call(issues.GET, "GET", "/api/issues", { token: String(expiring.json.token) })).status).toBe(401);
  });
});

describe("rate limits", () => {
  // Limits count in fixed windows (the minute's, the quarter hour's): the clock stands still in each test so that
  // its requests cannot straddle a window's end and begin the count again. Tests move it on when they mean to.
  beforeEach(() => {
    vi.spyOn(Date, "now").mockReturnValue(Date.now());
  });

  it("failed sign-ins for an account trigger a 429 with Retry-After, are recorded, and recover after the window", async () => {
    const email = `guessed-${Date.now()}@invited.test`;
    const { token: secret } = await invite(email, "viewer");
    await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret, name: "Guessed", password: "the right password!" } });
    for (let i = 0; i < limits.signInFailuresPerAccount.limit; i++) expect((await signIn(email, `wrong password ${i}`)).status).toBe(401);
    const blocked = await signIn(email, "the right password!");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(blocked.body).toMatchObject({ error: { code: "rate_limited" } });
    // One event for the run of failures, its repeats counted beside it (app/api/audit/audit.test.ts).
    const failed = await db.event.findMany({ where: { teamId: team.teamId, action: "sign_in_failed", entityId: email }, include: { repeat: true } });
    expect(failed.map((e) => 1 + (e.repeat?.repeats ?? 0))).toEqual([limits.signInFailuresPerAccount.limit]);
    expect(await db.event.count({ where: { teamId: team.teamId, action: "sign_in_blocked", entityId: email } })).toBe(1);

    const later = Date.now() + limits.signInFailuresPerAccount.windowMs;
    vi.spyOn(Date, "now").mockReturnValue(later);
    expect((await signIn(email, "the right password!")).status).toBe(200);
  });

  /** Every body better-auth parses besides JSON (better-call's getBody), and a type that once passed a loose JSON test. */
  const otherBodies = (email: string, password: string): Array<[string, () => BodyInit, Record<string, string>]> => {
    const form = () => new URLSearchParams({ email, password });
    return [
      ["a form", form, { "content-type": "application/x-www-form-urlencoded" }],
      ["a form posing as JSON", form, { "content-type": "application/x-www-form-urlencoded;+json" }],
      ["multipart", () => { const data = new FormData(); data.set("email", email); data.set("password", password); return data; }, {}],
      ["text/plain", () => JSON.stringify({ email, password }), { "content-type": "text/plain" }],
      ["octet-stream", () => JSON.stringify({ email, password }), { "content-type": "application/octet-stream" }],
      ["no media type", () => new Blob([JSON.stringify({ email, password })]), {}],
    ];
  };
  const postSignIn = (body: BodyInit, headers: Record<string, string>) =>
    auth.POST(new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, { method: "POST", headers: { origin: TEST_ORIGIN, ...headers }, body }));

  it("sign-in takes JSON only: no other body type signs in or gets round the lockout (415)", async () => {
    const email = `formed-${Date.now()}@invited.test`;
    const { token: secret } = await invite(email, "viewer");
    await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret, name: "Formed", password: "the right password!" } });
    for (const [label, body, headers] of otherBodies(email, "the right password!")) {
      const response = await postSignIn(body(), headers);
      expect(response.status, label).toBe(415);
      expect(response.headers.get("set-cookie"), label).toBeNull();
    }
    for (let i = 0; i < 12; i++) {
      for (const [label, body, headers] of otherBodies(email, `wrong password ${i}`)) expect((await postSignIn(body(), headers)).status, label).toBe(415);
    }
    for (let i = 0; i < limits.signInFailuresPerAccount.limit; i++) expect((await signIn(email, `wrong password ${i}`)).status).toBe(401);
    expect((await signIn(email, "the right password!")).status).toBe(429);
    for (const [label, body, headers] of otherBodies(email, "the right password!")) expect((await postSignIn(body(), headers)).headers.get("set-cookie"), label).toBeNull();
  });

  it("parallel guesses get no more than the limit per window", async () => {
    const email = `raced-${Date.now()}@invited.test`;
    const { token: secret } = await invite(email, "viewer");
    await call(accept.POST, "POST", "/api/invitations/accept", { body: { token: secret, name: "Raced", password: "the right password!" } });
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(email, `wrong password ${i}`).then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(limits.signInFailuresPerAccount.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12 - limits.signInFailuresPerAccount.limit);
    expect((await signIn(email, "the right password!")).status).toBe(429);
  });

  it("cross-site sign-ins are refused whatever the body type", async () => {
    for (const [label, body, headers] of [...otherBodies(`x@invited.test`, "a long enough password"), ["JSON", () => JSON.stringify({ email: "x@invited.test", password: "a long enough password" }), { "content-type": "application/json" }] as const]) {
      for (const origin of ["https://evil.example", "null"]) {
        const response = await postSignIn(body(), { ...headers, origin });
        expect([403, 415], `${label} from ${origin}`).toContain(response.status);
      }
    }
  });

  it("token use is limited per token, with Retry-After, and recovers", async () => {
    const created = await call(tokens.POST, "POST", "/api/team/tokens", { token: team.tokens.admin, body: { name: "chatty script", role: "viewer" } });
    const secret = String(created.json.token);
    const original = limits.tokenRequests.limit;
    limits.tokenRequests.limit = 3;
    const now = Date.now();
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await call(issues.GET, "GET", "/api/issues?pageSize=1", { token: secret })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Counted in the statement that looks the token up: once per request, refused ones included.
      const counter = () => db.rateLimit.findUnique({ where: { key: `token:${String(created.json.id)}` } });
      expect((await counter())?.count).toBe(4);
      const limited = await call(issues.GET, "GET", "/api/issues?pageSize=1", { token: secret });
      expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
      vi.spyOn(Date, "now").mockReturnValue(now + limits.tokenRequests.windowMs);
      expect((await call(issues.GET, "GET", "/api/issues?pageSize=1", { token: secret })).status).toBe(200);
      expect((await counter())?.count).toBe(1);

      // A revoked token is refused before its use is counted.
      const id = String(created.json.id);
      await call(token.DELETE, "DELETE", `/api/team/tokens/${id}`, { token: team.tokens.admin, params: { id } });
      expect((await call(issues.GET, "GET", "/api/issues?pageSize=1", { token: secret })).status).toBe(401);
      expect((await counter())?.count).toBe(1);
    } finally {
      limits.tokenRequests.limit = original;
    }
  });
});

describe("audit", () => {
  it("admins filter the log and export it as formula-safe CSV; denied requests are in it", async () => {
    expect((await call(issues.POST, "POST", "/api/issues", { token: team.tokens.viewer, body: { title: "x", category: "other" } })).status).toBe(403);
    const denied = await call(audit.GET, "GET", "/api/audit?action=request_denied", { token: team.tokens.admin });
    expect(denied.status).toBe(200);
    expect((denied.json.items as Array<{ entityId: string; actor: string }>)[0]).toMatchObject({ entityId: "POST /api/issues", actor: "token: viewer token" });
    expect((await call(audit.GET, "GET", "/api/audit", { token: team.tokens.analyst })).status).toBe(403);

    await call(tokens.POST, "POST", "/api/team/tokens", { token: team.tokens.admin, body: { name: "=HYPERLINK(\"http://evil\")", role: "viewer" } });
    const csv = await call(audit.GET, "GET", "/api/audit?format=csv&action=token_created", { token: team.tokens.admin });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toContain("attachment");
    for (const line of csv.text.split(/\r?\n/)) for (const cell of line.split(",")) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@\t\r]/);
    const theirs = await call(audit.GET, "GET", "/api/audit?pageSize=200", { token: other.tokens.admin });
    expect(JSON.stringify(theirs.json)).not.toContain("HYPERLINK");
  });
});
