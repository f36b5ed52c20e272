import type { APIRequestContext } from "@playwright/test";
import { test, expect, admin, signedInApi, unique } from "./fixtures";

/** How many of the team's issues match a title: a refused write's unique title must match none. */
async function issuesTitled(api: APIRequestContext, title: string): Promise<number> {
  const found = await api.get(`/api/issues?q=${encodeURIComponent(title)}`);
  expect(found.status()).toBe(200);
  return (await found.json()).total;
}

test.describe("signing in", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the seeded watchlist is visible after sign-in, back where the person was going", async ({ page }) => {
    await page.goto("/watchlist");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fwatchlist/);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Watchlist" })).toBeVisible();
    const table = page.getByRole("table");
    for (const title of [
      "Dual-use technology transfers to Russia's defense industrial base",
      "Chinese financial institutions facing secondary sanctions",
      "Microelectronics and chips supply to Russia",
      "Engines for Russian cruise missiles",
    ]) {
      await expect(table.getByRole("link", { name: title })).toBeVisible();
    }
  });

  test("wrong credentials get a clear message", async ({ page }) => {
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test("signing out ends the session on the server", async ({ page, playwright, baseURL }) => {
    const api = await signedInApi(playwright, baseURL!);
    expect((await api.get("/api/issues")).status()).toBe(200);
    await api.post("/api/auth/sign-out", { data: {} });
    expect((await api.get("/api/issues")).status()).toBe(401);
    await api.dispose();
    void page;
  });
});

test.describe("public files", () => {
  test("icons, the manifest and robots.txt are served without sign-in, and pages link them", async ({ page, request }) => {
    const types: Record<string, string> = {
      "/favicon.ico": "image/",
      "/icon.svg": "image/svg+xml",
      "/apple-touch-icon.png": "image/png",
      "/manifest.webmanifest": "application/manifest+json",
      "/robots.txt": "text/plain",
    };
    for (const [path, type] of Object.entries(types)) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()["content-type"], path).toContain(type);
    }
    expect(await (await request.get("/robots.txt")).text()).toMatch(/User-agent: \*\s+Disallow: \/\s*$/);
    const manifest = await (await request.get("/manifest.webmanifest")).json();
    for (const icon of manifest.icons) expect((await request.get(icon.src)).status(), icon.src).toBe(200);

    await page.goto("/sign-in");
    const head = page.locator("head");
    await expect(head.locator('link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
    await expect(head.locator('link[rel="icon"][href^="/icon.svg"]')).toHaveCount(1);
    await expect(head.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", /apple-touch-icon\.png/);
    await expect(head.locator('link[rel="manifest"]')).toHaveAttribute("href", /manifest\.webmanifest/);
    await expect(head.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  });
});

test.describe("the API over HTTP", () => {
  test("health answers without sign-in", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", db: process.env.DATABASE_URL ? "postgres" : "pglite", version: expect.any(String) });
  });

  test("unauthenticated calls get 401 with the error body", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
    for (const path of ["/api/issues", "/api/issues/anything", "/api/issues/anything/history"]) {
      const response = await anonymous.get(path);
      expect(response.status(), path).toBe(401);
      expect((await response.json()).error.code).toBe("unauthenticated");
    }
    await anonymous.dispose();
  });

  test("a cross-origin POST with a valid session gets 403 and writes nothing", async ({ playwright, baseURL }) => {
    const api = await signedInApi(playwright, baseURL!);
    const title = unique("Cross-origin attempt");
    const response = await api.post("/api/issues", { headers: { origin: "https://evil.example" }, data: { title, category: "other" } });
    expect(response.status()).toBe(403);
    expect(await issuesTitled(api, title)).toBe(0);
    await api.dispose();
  });

  test("malformed JSON gets 400 and nothing is written", async ({ playwright, baseURL }) => {
    const api = await signedInApi(playwright, baseURL!);
    // A unique title in the cut-off body: other spec files create issues in parallel, so a count before and
    // after could move; no issue may carry this title.
    const title = unique("Half-sent");
    const response = await api.post("/api/issues", { headers: { "content-type": "application/json" }, data: Buffer.from(`{"title": "${title}", "category": "oth`) });
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "bad_request" } });
    expect(await issuesTitled(api, title)).toBe(0);
    await api.dispose();
  });
});
