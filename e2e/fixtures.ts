import { test as base, expect, type APIRequestContext, type Locator } from "@playwright/test";
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

export const test = base;
