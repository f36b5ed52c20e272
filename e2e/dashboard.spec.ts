import type { APIRequestContext, Page } from "@playwright/test";
import { likelihoodLabels } from "@/lib/domain/likelihood";
import { statusLabels } from "@/lib/domain/status";
import type { Stats } from "@/lib/validation/stats";
import { test, expect, signedInApi, unique } from "./fixtures";

// The dashboard (issue 6) on the seeded demo team: every chart is drawn (Recharts arrives after the
// first paint), carries its title and a table with the same numbers as /api/stats, and a risk
// matrix cell leads to the watchlist filtered to it.

const seeded = {
  dualUse: "Dual-use technology transfers to Russia's defense industrial base",
  chips: "Microelectronics and chips supply to Russia",
};

async function stats(api: APIRequestContext): Promise<Stats> {
  const response = await api.get("/api/stats");
  expect(response.status()).toBe(200);
  return response.json();
}

/** The card of one chart, by its data-chart id. */
const card = (page: Page, id: string) => page.locator(`[data-chart="${id}"]`);

/** Opens the card's table and returns its body rows as text cells. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  const section = card(page, id);
  await section.locator("summary").click();
  const table = section.getByRole("table");
  await expect(table).toBeVisible();
  return table.locator("tbody tr").evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? "").trim())));
}

test.describe("the dashboard", () => {
  let api: APIRequestContext;
  let moved: { id: string; title: string; version: number } | undefined;

  test.beforeAll(async ({ playwright, baseURL }) => {
    api = await signedInApi(playwright, baseURL!);
    // The seed has no status moves and nothing due: make an issue with both, so every part has something to show.
    const title = unique("Dashboard e2e");
    const created = await api.post("/api/issues", { data: { title, category: "other", likelihood: "unlikely", impact: 2 } });
    expect(created.status()).toBe(201);
    const issue = await created.json();
    const patched = await api.patch(`/api/issues/${issue.id}`, {
      headers: { "if-match": `"${issue.version}"` },
      data: { status: "warning_issued", rationale: "End-to-end test of the dashboard", nextReviewAt: "2020-01-06" },
    });
    expect(patched.status()).toBe(200);
    moved = { id: issue.id, title, version: (await patched.json()).version };
  });

  test.afterAll(async () => {
    if (moved) await api.delete(`/api/issues/${moved.id}`, { headers: { "if-match": `"${moved.version}"` } });
    await api.dispose();
  });

  test("is the home page, and draws every chart with a title and a table of the same numbers", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Dashboard" })).toBeVisible();

    for (const [id, title] of [
      ["status", "Issues by status"],
      ["category", "Issues by category"],
      ["evidence", "Evidence added per week"],
      ["moves", "Status moves per week"],
    ] as const) {
      const section = card(page, id);
      await expect(section.getByRole("heading", { level: 2, name: title })).toBeVisible();
      // The chart is one labelled image, drawn once the chart library has loaded.
      const chart = section.getByRole("img", { name: /chart/ });
      await expect(chart).toBeVisible();
      await expect(chart.locator("svg.recharts-surface")).toBeVisible();
      await expect(chart.locator(".recharts-bar-rectangle").first()).toBeAttached();
    }

    // Other spec files write to the same team in parallel, so a page and /api/stats read a moment apart
    // may differ by their writes: compare a page with the numbers read just before it, until a quiet moment.
    let expected!: Stats;
    await expect(async () => {
      expected = await stats(api);
      await page.reload();
      expect(await tableRows(page, "status")).toEqual(expected.byStatus.map((s) => [statusLabels[s.status], String(s.count)]));
      expect(await tableRows(page, "category")).toEqual(expected.byCategory.map((c) => [c.name, String(c.count)]));
      const evidence = await tableRows(page, "evidence");
      expect(evidence).toHaveLength(26);
      expect(evidence.map((row) => [row[0], row[2]])).toEqual(expected.evidencePerWeek.map((w) => [w.week, String(w.count)]));
      // The four seeded pieces of evidence were added when the server started: this week.
      expect(Number(evidence.at(-1)![2])).toBeGreaterThanOrEqual(4);
      const moves = await tableRows(page, "moves");
      expect(moves.map((row) => [row[0], row[2]])).toEqual(expected.statusMovesPerWeek.map((w) => [w.week, String(w.count)]));
      expect(Number(moves.at(-1)![2])).toBeGreaterThanOrEqual(1);

      // The risk matrix: 7 likelihoods × 5 impacts, each cell a link with its count as text.
      const matrix = card(page, "matrix").getByRole("table");
      await expect(matrix.getByRole("link")).toHaveCount(35);
      const likelyMajor = expected.matrix.find((c) => c.likelihood === "likely" && c.impact === 4)!;
      expect(likelyMajor.count).toBeGreaterThanOrEqual(2); // two seeded issues are likely × 4
      await expect(matrix.getByRole("link", { name: new RegExp(`^${likelyMajor.count} issues with likelihood likely and impact 4 \\(major\\), risk 20`) })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });

    // Recent changes name the actor; the new status move is among them.
    const changes = card(page, "changes");
    await expect(changes.getByRole("heading", { name: "Recent changes" })).toBeVisible();
    await expect(changes.getByRole("listitem").first()).toContainText(expected.recentChanges[0]!.actor);
    await expect(changes.getByText(/from Monitoring to Warning issued/).first()).toBeVisible();

    const due = card(page, "due");
    await expect(due.getByRole("heading", { name: `Reviews due (${expected.reviewsDue.total})` })).toBeVisible();
    await expect(due.getByRole("listitem").filter({ has: page.getByRole("link", { name: moved!.title }) })).toContainText("due since 6 Jan 2020");
  });

  test("a risk matrix cell, chosen from the keyboard, opens the watchlist filtered to it", async ({ page }) => {
    // The briefings spec adds and removes a likely × 4 issue in parallel: try again if it moved the count.
    let count = 0;
    await expect(async () => {
      await page.goto("/");
      const cell = card(page, "matrix").getByRole("link", { name: /issues? with likelihood likely and impact 4 / });
      count = Number(await cell.locator(".dash-count").textContent());
      await cell.focus();
      await page.keyboard.press("Enter");

      await expect(page).toHaveURL(/\/watchlist\?likelihood=likely&impact=4$/);
      await expect(page.getByRole("heading", { level: 1, name: "Watchlist" })).toBeVisible();
      await expect(page.getByText(`${count} issues match these filters`)).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    const table = page.getByRole("table");
    await expect(table.getByRole("link", { name: seeded.dualUse })).toBeVisible();
    await expect(table.getByRole("link", { name: seeded.chips })).toBeVisible();
    const rows = table.locator("tbody tr");
    await expect(rows).toHaveCount(count);
    // Every row is in that cell: likelihood (column 3) and impact (column 4).
    for (const row of await rows.all()) {
      await expect(row.locator("td").nth(2)).toHaveText(likelihoodLabels.likely);
      await expect(row.locator("td").nth(3)).toHaveText("4");
    }
  });
});
