import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Sessions (issue 7, ASVS V7): behind HTTPS (APP_URL https://…) the cookie is Secure and __Secure-
// prefixed, as well as HttpOnly and SameSite=Lax; it rotates at sign-in; idle and absolute timeouts
// end it. This file configures its own APP_URL before anything reads it.
process.env.APP_URL = "https://watch.example";

const { db } = await import("@/lib/db/client");
const { hashPassword } = await import("./auth");
const { withTestDatabase } = await import("@/lib/testing/db");
const { GET, POST } = await import("@/app/api/auth/[...all]/route");
const { resolveActor, SESSION_MAX_AGE_MS } = await import("./actor");

withTestDatabase();

const email = `secure-${randomUUID().slice(0, 8)}@example.test`;
beforeAll(async () => {
  const user = await db.user.create({ data: { id: randomUUID(), email, name: "Secure cookie" } });
  await db.account.create({ data: { id: randomUUID(), accountId: user.id, providerId: "credential", userId: user.id, password: await hashPassword("a long enough password") } });
});
afterAll(async () => {
  await db.user.deleteMany({ where: { email } });
});

const signIn = (password = "a long enough password") =>
  POST(new Request("https://watch.example/api/auth/sign-in/email", { method: "POST", headers: { "content-type": "application/json", origin: "https://watch.example" }, body: JSON.stringify({ email, password }) }));
const cookieOf = (response: Response) => response.headers.get("set-cookie")!.split(";")[0]!;
const authGet = (path: string, cookie: string) => GET(new Request(`https://watch.example/api/auth/${path}`, { headers: { cookie } }));
const changePassword = (cookie: string, currentPassword: string, newPassword: string) =>
  POST(new Request("https://watch.example/api/auth/change-password", { method: "POST", headers: { "content-type": "application/json", origin: "https://watch.example", cookie }, body: JSON.stringify({ currentPassword, newPassword }) }));

describe("sessions", () => {
  it("end when idle past their expiry, and after the absolute lifetime however active", async () => {
    const team = await db.team.create({ data: { name: "Sessions", slug: `sessions-${randomUUID().slice(0, 8)}` } });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    await db.membership.create({ data: { teamId: team.id, userId: user.id, role: "viewer" } });
    const headersOf = (response: Response) => new Headers({ cookie: response.headers.get("set-cookie")!.split(";")[0]! });

    const idle = headersOf(await signIn());
    expect(await resolveActor(idle)).toMatchObject({ teamId: team.id });
    await db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveActor(idle)).toBeNull();

    const old = headersOf(await signIn());
    await db.session.updateMany({ where: { userId: user.id, expiresAt: { gt: new Date() } }, data: { createdAt: new Date(Date.now() - SESSION_MAX_AGE_MS - 1000) } });
    expect(await resolveActor(old)).toBeNull();
    expect(await db.session.count({ where: { userId: user.id, expiresAt: { gt: new Date() } } })).toBe(0);
    await db.team.delete({ where: { id: team.id } });
  });

  it("no response hands the session token to JavaScript (sign-in, get-session, list-sessions, change-password)", async () => {
    const signedIn = await signIn();
    const cookie = cookieOf(signedIn);
    const token = (await db.session.findFirstOrThrow({ where: { user: { email } }, orderBy: { createdAt: "desc" } })).token;
    const bodies = [await signedIn.text(), await (await authGet("get-session", cookie)).text(), await (await authGet("list-sessions", cookie)).text()];
    expect(JSON.parse(bodies[1]!)).toMatchObject({ user: { email } });
    expect(JSON.parse(bodies[2]!).length).toBeGreaterThan(0);
    for (const body of bodies) expect(body).not.toContain(token);
    for (const body of bodies) expect(body).not.toMatch(/"token"/);
    const changed = await changePassword(cookie, "a long enough password", "another long password");
    expect(changed.status).toBe(200);
    expect(await changed.text()).not.toMatch(/"token"/);
    expect((await changePassword(cookieOf(changed), "another long password", "a long enough password")).status).toBe(200);
  });

  it("changing the password ends every other session, and guesses of the current one are limited", async () => {
    const other = cookieOf(await signIn());
    const mine = cookieOf(await signIn());
    const changed = await changePassword(mine, "a long enough password", "another long password");
    expect(changed.status).toBe(200);
    expect(await (await authGet("get-session", other)).json()).toBeNull();
    const current = cookieOf(changed);
    expect(await (await authGet("get-session", current)).json()).toMatchObject({ user: { email } });

    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await changePassword(current, `wrong guess ${i}`, "a third long password")).status);
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    expect((await changePassword(current, "another long password", "a long enough password")).status).toBe(429);
    expect((await signIn("another long password")).status).toBe(429);
    await db.rateLimit.deleteMany({ where: { key: `sign-in:failures:${email}` } });
    expect((await changePassword(current, "another long password", "a long enough password")).status).toBe(200);
  });

  it("cookies are Secure, HttpOnly, SameSite=Lax behind HTTPS, and rotate at every sign-in", async () => {
    const first = await signIn();
    expect(first.status).toBe(200);
    const cookie = first.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Secure-sanctions-watch\.session_token=/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    const second = await signIn();
    expect(second.headers.get("set-cookie")!.split(";")[0]).not.toBe(cookie.split(";")[0]);
  });
});
