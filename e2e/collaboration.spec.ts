import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { admin, test, expect, unique } from "./fixtures";

// Working together on an issue: who owns it ("My issues" on the watchlist), and the conversation beside it.

let created: string[] = [];
test.beforeEach(() => {
  created = [];
});
test.afterEach(async ({ page }) => {
  for (const id of created) {
    const current = await page.request.get(`/api/issues/${id}`);
    if (!current.ok()) continue;
    const { version } = (await current.json()) as { version: number };
    await page.request.delete(`/api/issues/${id}`, { headers: { "if-match": `"${version}"` } });
  }
});

async function createIssue(request: APIRequestContext, title: string): Promise<string> {
  const response = await request.post("/api/issues", { data: { title, category: "other" } });
  expect(response.status()).toBe(201);
  const { id } = (await response.json()) as { id: string };
  created.push(id);
  return id;
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("assign an owner on the issue page, then find the issue under My issues", async ({ page }) => {
  test.setTimeout(60_000);
  const title = unique("Owned: drone parts via Armenia");
  const id = await createIssue(page.request, title);

  await page.goto(`/issues/${id}`);
  const assessment = page.getByRole("region", { name: "Assessment" });
  await expect(assessment).toContainText("Unassigned");
  await page.getByRole("button", { name: "Edit", exact: true }).click();
  const owner = page.getByLabel("Owner");
  await expect(owner).toHaveValue("");
  // The picker is a native select: reachable and operable from the keyboard.
  await owner.focus();
  await owner.selectOption({ label: `Demo admin (${admin.email})` });
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(assessment).toContainText("Demo admin");
  await expect(page.getByRole("region", { name: "Timeline" }).getByText(/Owner: unassigned → Demo admin/)).toBeVisible();

  await page.goto(`/watchlist?q=${encodeURIComponent(title)}`);
  const row = page.getByRole("row", { name: new RegExp(title) });
  await expect(row.getByRole("cell", { name: "Demo admin" })).toBeVisible();
  await page.getByLabel("My issues").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/owner=me/);
  await expect(page.getByLabel("My issues")).toBeChecked();
  await expect(page.getByRole("table").getByRole("link", { name: title })).toBeVisible();
  await expectNoAxeViolations(page);
});
