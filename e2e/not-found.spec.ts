import { test, expect, signedInApi } from "./fixtures";

// Issue 18, finding 9: a detail page for an id the team cannot see answered 200 (its loading state
// streamed before the lookup), and the not-found page's scripts had no CSP nonce (it was prerendered).

const UNKNOWN = "0197a7c0-0000-7000-8000-000000000000";

test("unknown, malformed and another team's ids answer 404 with the not-found page", async ({ page, playwright, baseURL }) => {
  test.setTimeout(90_000); // a restore and nine page loads
  // Another team: a restore of the demo team's backup, read through its own session (the page stays in the demo team).
  const api = await signedInApi(playwright, baseURL!);
  const backup = await (await api.get("/api/admin/backup")).json();
  const restored = await api.post("/api/admin/restore", { data: backup });
  expect(restored.status()).toBe(201);
  expect((await api.post("/api/teams/switch", { data: { teamId: (await restored.json()).teamId } })).ok()).toBe(true);
  const [theirIssue] = (await (await api.get("/api/issues?pageSize=1")).json()).items;
  const [theirDocument] = (await (await api.get("/api/documents?pageSize=1")).json()).items;
  await api.dispose();

  const cases: Array<[string, RegExp]> = [
    [`/issues/${UNKNOWN}`, /Issue not found/],
    [`/issues/${theirIssue.id}`, /Issue not found/],
    ["/issues/not-an-id", /Issue not found/],
    [`/library/${UNKNOWN}`, /not found/i],
    [`/library/${theirDocument.id}`, /not found/i],
    ["/library/not-an-id", /not found/i],
    [`/briefings/${UNKNOWN}`, /not found/i],
    ["/briefings/not-an-id", /not found/i],
  ];
  for (const [path, heading] of cases) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(heading);
  }
  // A NUL names no page: the server answers before Next.js, so no page looks it up (reliability/slow-clients.spec.ts).
  expect((await page.goto("/issues/%00"))!.status()).toBe(404);
});

test("the not-found page's scripts carry the request's nonce and run", async ({ page }) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  const response = await page.goto("/no-such-page");
  expect(response!.status()).toBe(404);
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"]!)![1];
  // Every script tag the server sent carries the nonce (the scripts these load need none: 'strict-dynamic').
  const tags = (await response!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  expect(blocked).toEqual([]);
});
