import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { SECURITY_EVENT_WINDOW_MS } from "@/lib/auth/security-events";
import { limits } from "@/lib/auth/rate-limits";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call, TEST_ORIGIN } from "@/lib/testing/http";
import * as auth from "../auth/[...all]/route";
import * as issue from "../issues/[id]/route";
import * as audit from "./route";

withTestDatabase();

let team: TestTeam;
beforeAll(async () => {
  team = await createTestTeam();
});
afterAll(() => purgeTeam(team.teamId));
afterEach(() => vi.restoreAllMocks());

type AuditItem = { action: string; entityId: string; count: number; lastAt: string; at: string };

describe("a flood of refused requests (issue 18, finding 8)", () => {
  // Events and sign-in limits count in fixed windows: the clock stands still in each test so that its requests cannot
  // straddle a window's end. Tests move it on when they mean to.
  beforeEach(() => {
    vi.spyOn(Date, "now").mockReturnValue(Date.now());
  });

  it("invalid bearer tokens write one event per window and count the rest", async () => {
    const id = randomUUID();
    const path = `/api/issues/${id}`;
    const denied = { action: "request_denied", entityId: `GET ${path}` };
    for (let i = 0; i < 40; i++) {
      expect((await call(issue.GET, "GET", path, { token: `sw_not-a-token-${i}`, params: { id } })).status).toBe(401);
    }
    const events = await db.event.findMany({ where: denied, include: { repeat: true } });
    expect(events).toHaveLength(1);
    expect(events[0]!.repeat?.repeats).toBe(39);

    // The next window starts a new event: the history still shows when each run happened.
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + SECURITY_EVENT_WINDOW_MS);
    await call(issue.GET, "GET", path, { token: "sw_later", params: { id } });
    expect(await db.event.count({ where: denied })).toBe(2);
  });

  it("blocked sign-ins of a member show in the team's audit log once, × the number of attempts", async () => {
    const email = (await db.user.findFirstOrThrow({ where: { memberships: { some: { teamId: team.teamId } } }, select: { email: true } })).email;
    const signIn = () =>
      auth.POST(
        new Request(`${TEST_ORIGIN}/api/auth/sign-in/email`, {
          method: "POST",
          headers: { "content-type": "application/json", origin: TEST_ORIGIN },
          body: JSON.stringify({ email, password: "not the password" }),
        }),
      );
    const attempts = limits.signInFailuresPerAccount.limit + 30;
    const statuses = [];
    for (let i = 0; i < attempts; i++) statuses.push((await signIn()).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);

    const log = await call(audit.GET, "GET", "/api/audit?entity=account&pageSize=200", { token: team.tokens.admin });
    const items = log.json.items as AuditItem[];
    expect(items.map((e) => [e.action, e.count])).toEqual([
      ["sign_in_blocked", 30],
      ["sign_in_failed", limits.signInFailuresPerAccount.limit],
    ]);
    expect(items[0]!.lastAt >= items[0]!.at).toBe(true);
    const csv = await call(audit.GET, "GET", "/api/audit?format=csv&action=sign_in_blocked", { token: team.tokens.admin });
    expect(csv.text.split(/\r?\n/)[0]).toBe("at,actor,action,entityType,entityId,before,after,count,lastAt");
    expect(csv.text.split(/\r?\n/)[1]).toContain(",30,");
  });
});
