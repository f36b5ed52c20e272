import { test, expect, signedInApi, unique } from "./fixtures";

const payloads = [`<img src=x onerror="window.__xss=1">`, `<script>window.__xss=1</script>`, `"><svg onload="window.__xss=1">`];

test.describe("stored text is shown as text, never run as HTML", () => {
  test("XSS payloads in issue, document, evidence and source fields come back inert", async ({ page, playwright, baseURL }) => {
    const api = await signedInApi(playwright, baseURL!);
    const marker = unique("xss");
    const evil = `${marker} ${payloads.join(" ")}`;
    const issue = await (await api.post("/api/issues", { data: { title: evil, summary: evil, category: "other", actors: [evil.slice(0, 190)], tags: ["<b>tag</b>"] } })).json();
    const source = await (await api.post("/api/sources", { data: { name: `${marker} <script>window.__xss=1</script>`, reliability: "C" } })).json();
    const text = `${marker} evidence text ${payloads[0]} and more ${payloads[1]}.`;
    const document = await (
      await api.post("/api/documents", { data: { title: evil, text, sourceId: source.id, evidence: [{ issueId: issue.id, quote: payloads[0], credibility: 3, stance: "context", note: evil }] } })
    ).json();
    expect(document.id).toBeTruthy();

    let dialogs = 0;
    page.on("dialog", async (dialog) => {
      dialogs++;
      await dialog.dismiss();
    });
    for (const path of [`/watchlist?q=${encodeURIComponent(marker)}`, `/issues/${issue.id}`, `/library/${document.id}`, `/library?q=${encodeURIComponent(marker)}`, "/audit", "/"]) {
      await page.goto(path);
      await expect(page.locator("body")).toContainText(marker);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
      expect(await page.locator("main img[src='x'], main svg[onload]").count(), path).toBe(0);
    }
    await expect(page.getByText(payloads[1]!, { exact: false }).first()).toBeAttached();
    expect(dialogs).toBe(0);
    await api.dispose();
  });
});

test.describe("headers and sessions", () => {
  test("pages carry a strict nonce-based CSP and no inline script runs without the nonce", async ({ page }) => {
    const response = await page.goto("/watchlist");
    const csp = response!.headers()["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
    expect(response!.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    // The app hydrates under the policy: client navigation works.
    await page.getByRole("link", { name: "Briefings" }).first().click();
    await expect(page).toHaveURL(/\/briefings/);
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
    await page.goto("/watchlist");
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("session_token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });

  test("a request with x-middleware-subrequest gains nothing", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    const header = { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy:middleware:middleware:middleware:middleware:middleware" };
    expect((await anonymous.get("/api/issues", { headers: header })).status()).toBe(401);
    const page = await anonymous.get("/watchlist", { headers: header, maxRedirects: 0 });
    expect(page.status()).toBeGreaterThanOrEqual(300);
    expect(page.headers()["location"] ?? "").toContain("/sign-in");
    await anonymous.dispose();
  });
});

test.describe("team administration in the browser", () => {
  test("an admin invites someone, they join with the link, and removing them ends their session", async ({ page, browser }) => {
    const email = `${unique("invitee").replace(/\s/g, "-").toLowerCase()}@example.test`;
    await page.goto("/team");
    const invite = page.getByRole("form", { name: "Invite a member" });
    await invite.getByLabel("Email").fill(email);
    await invite.getByLabel("Role").selectOption("viewer");
    await invite.getByRole("button", { name: "Create invitation link" }).click();
    const link = await page.locator(".notice code.secret").textContent();
    expect(link).toContain("/invite/");

    const guest = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const newcomer = await guest.newPage();
    await newcomer.goto(link!);
    await newcomer.getByLabel("Your name").fill("Invited Viewer");
    await newcomer.getByLabel("Choose a password").fill("a long enough password");
    await newcomer.getByRole("button", { name: "Join the team" }).click();
    await expect(newcomer.getByRole("link", { name: "Watchlist" }).first()).toBeVisible();
    await newcomer.goto("/watchlist");
    await expect(newcomer.getByRole("heading", { name: "Watchlist" })).toBeVisible();

    await page.reload();
    const members = page.getByRole("region", { name: "Members" });
    page.once("dialog", (dialog) => dialog.accept());
    await members.getByRole("row").filter({ hasText: email }).getByRole("button", { name: "Remove" }).click();
    await expect(members.getByRole("row").filter({ hasText: email })).toHaveCount(0);

    await newcomer.goto("/watchlist");
    await expect(newcomer).toHaveURL(/\/sign-in/);
    await guest.close();
  });
});
