import { AxeBuilder } from "@axe-core/playwright";
import { test as base, expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { DEMO_ADMIN } from "@/lib/env";

export { expect };
export const admin = DEMO_ADMIN;

/** A fresh API context signed in as the demo admin (a real better-auth session cookie). */
export async function signedInApi(playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } }, baseURL: string) {
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const response = await api.post("/api/auth/sign-in/email", { data: { email: admin.email, password: admin.password } });
  expect(response.ok()).toBe(true);
  return api;
}

/** Unique titles keep parallel tests (and repeated runs on PostgreSQL) out of each other's way. */
export const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/**
 * Clicks "Poll now" in a feed's row on the Sources page and waits until the feed's items are all in. A feed is due
 * the moment it is added, so the queue's minute look may poll it first; "Poll now" then finds nothing new, which is
 * as right (each item arrives once either way).
 */
export async function pollNow(row: Locator, feedTitle: string, items: number) {
  await row.getByRole("button", { name: `Poll ${feedTitle} now` }).click();
  await expect(row.getByText(new RegExp(`^Polled: (${items}|0) new items?\\.$`))).toBeVisible();
  await expect(row).toContainText(new RegExp(`Items seen\\s*${items}\\b`));
}

/** axe's tags for WCAG 2.2 A and AA, the level issue 6 asks of every page, and for 2.1 (what some tests ask). */
export const WCAG_2_2 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
export const WCAG_2_1 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * axe on the page as it is, failing with each rule and the elements that break it. It waits for the page's title
 * first: Next streams a page's metadata after its body, so the heading can be on screen before the <title> is, and
 * axe then reports the title missing (CI of 8069241, on the sanctions entry page).
 */
export async function expectAccessible(page: Page, tags = WCAG_2_2) {
  await expect(page).toHaveTitle(/\S/);
  const { violations } = await new AxeBuilder({ page }).withTags(tags).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

export const test = base;
