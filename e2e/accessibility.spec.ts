import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, WCAG_2_2 } from "./fixtures";

// WCAG 2.2 A/AA with axe on every page a team uses (issue 6); the pages checked are listed at the
// end of the run. A new page gets a line in the list below.

const checked: string[] = [];

/** Runs axe on the page as it is, and fails with a readable list: rule, impact, help, the offending elements. */
async function expectNoViolations(page: Page, name: string) {
  await expect(page).toHaveTitle(/\S/); // streamed after the body (e2e/fixtures.ts, expectAccessible)
  const results = await new AxeBuilder({ page }).withTags(WCAG_2_2).analyze();
  const violations = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary?.replace(/\s+/g, " ")}`),
  }));
  expect(violations, `${name}: WCAG 2.2 A/AA violations`).toEqual([]);
  checked.push(`${name} (${page.url().replace(/^https?:\/\/[^/]+/, "")})`);
}

/** Opens every disclosure (chart tables), so what they hide is checked too. */
async function openAllDetails(page: Page) {
  await page.locator("details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
}

test.afterAll(() => {
  console.log(`Accessibility (axe, ${WCAG_2_2.join(", ")}) checked: ${checked.length ? checked.join("; ") : "none"}`);
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("the sign-in page", async ({ page }) => {
    await page.goto("/sign-in");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expectNoViolations(page, "sign-in");
  });

  test("an invitation page with an invalid link", async ({ page }) => {
    await page.goto("/invite/not-a-valid-token-at-all");
    await expect(page.getByRole("heading", { level: 1, name: "Join a team" })).toBeVisible();
    await expectNoViolations(page, "invitation");
  });
});

test.describe("signed in", () => {
  test("the dashboard, with its charts drawn and their tables open", async ({ page }) => {
    // Two axe passes over the charts take 20-30 s on two busy cores: past the default 30 s budget.
    test.setTimeout(90_000);
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.locator("svg.recharts-surface").first()).toBeVisible();
    await expectNoViolations(page, "dashboard");
    await openAllDetails(page);
    await expectNoViolations(page, "dashboard, tables open");
  });

  test("the watchlist, whole and filtered to a matrix cell", async ({ page }) => {
    await page.goto("/watchlist");
    await expect(page.getByRole("heading", { level: 1, name: "Watchlist" })).toBeVisible();
    await expectNoViolations(page, "watchlist");
    await page.goto("/watchlist?likelihood=likely&impact=4");
    await expect(page.getByRole("table")).toBeVisible();
    await expectNoViolations(page, "watchlist, filtered");
  });

  test("an issue page (a seeded issue, from the watchlist)", async ({ page }) => {
    // A seeded issue, not the watchlist's first row: with the data of earlier runs that can be an issue another
    // test, running at the same time, deletes.
    const title = "Dual-use technology transfers to Russia's defense industrial base";
    await page.goto(`/watchlist?q=${encodeURIComponent("Dual-use technology transfers")}`);
    await page.getByRole("table").getByRole("link", { name: title, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await openAllDetails(page);
    await expectNoViolations(page, "issue");
  });

  for (const { name, path } of [
    { name: "briefings", path: "/briefings" },
    { name: "briefing builder", path: "/briefings/new" },
    { name: "library", path: "/library" },
    { name: "sources", path: "/sources" },
    { name: "inbox", path: "/inbox" },
    { name: "evidence intake", path: "/library/new" },
    { name: "new issue", path: "/issues/new" },
    { name: "team", path: "/team" },
    { name: "audit log", path: "/audit" },
    { name: "sanctions lists", path: "/lists" },
    { name: "screening", path: "/screening" },
    { name: "jobs", path: "/jobs" },
    { name: "webhooks", path: "/team/webhooks" },
  ]) {
    test(`the ${name} page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.ok(), `${path} answered ${response?.status()}`).toBe(true);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await openAllDetails(page);
      await expectNoViolations(page, name);
    });
  }
});
