import { test as base, expect, type APIRequestContext } from "@playwright/test";
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

export const test = base;
