import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

// Notification settings (issue 15): email per kind (off on a server without SMTP_URL, and it says so), and the
// personal Atom feed's secret link, made, read and revoked.

test("a member chooses email per kind and makes, reads and revokes a feed link", async ({ page }) => {
  await page.goto("/notifications");
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  await expect(page.getByText("Email is off on this server")).toBeVisible();

  const status = page.getByLabel("Status changes");
  await expect(status).toHaveValue("daily");
  await expect(page.getByLabel("Mentions in comments")).toHaveValue("immediate");
  await status.selectOption("weekly");
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Status changes")).toHaveValue("weekly");

  await page.getByRole("button", { name: /Make (a feed link|a new link)/ }).click();
  const link = page.getByLabel("Feed link");
  await expect(link).toHaveValue(/\/api\/notifications\/feed\.atom\?token=swf_/);
  const url = new URL(await link.inputValue());
  const feed = await page.request.get(`${url.pathname}${url.search}`);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  expect(await feed.text()).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
  await expect(page.getByText(/You have a feed link/)).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await page.getByRole("button", { name: "Revoke the link" }).click();
  await expect(page.getByText("You have no feed link.")).toBeVisible();
  expect((await page.request.get(`${url.pathname}${url.search}`)).status()).toBe(404);

  // Back to the default, so that reruns against the same database start alike.
  await page.getByLabel("Status changes").selectOption("daily");
  await page.getByRole("button", { name: "Save email settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
});
