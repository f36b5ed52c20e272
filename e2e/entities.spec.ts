import { test, expect, unique } from "./fixtures";
import { SDN_SLICES, expectAccessible, importSdnList } from "./sanctions-helpers";

// Tracking an entity in a real browser (issue 13): a small list of real OFAC SDN lines imported by the demo admin
// (a list admin), an entity added with the form and screened at once, its hit explained and confirmed with a note,
// then shown as a designation on the entity and in the list. Each run imports into a list of its own.

test("add an entity, see its hit explained, confirm it as a designation", async ({ page }) => {
  test.setTimeout(120_000); // an import, a first screening (the list indexed) and two accessibility scans
  const list = await importSdnList(page.request, "e2e", SDN_SLICES.entities);

  await page.goto("/entities");
  await expect(page.getByRole("heading", { level: 1, name: "Entities" })).toBeVisible();
  await expectAccessible(page);
  const form = page.getByRole("region", { name: "Track an entity" });
  await form.getByLabel("Name", { exact: true }).fill("Banco Nacional de Cuba");
  await form.getByRole("combobox").selectOption("organization");
  await form.getByLabel("Country (name or ISO code)").fill("Cuba");
  await form.getByRole("button", { name: "Add and screen" }).click();

  await expect(page).toHaveURL(/\/entities\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "Banco Nacional de Cuba" })).toBeVisible();
  const review = page.getByRole("region", { name: /Hits waiting for review/ });
  const hit = review.getByRole("listitem").filter({ hasText: list });
  await expect(hit.getByRole("heading", { name: /BANCO NACIONAL DE CUBA/ })).toBeVisible();
  await expect(hit.getByRole("list", { name: "Words matched" })).toContainText("banco");
  await expectAccessible(page);

  const note = unique("Same bank, Havana head office");
  await hit.getByLabel("Note (why)").fill(note);
  await hit.getByRole("button", { name: "Confirm" }).click();
  const designations = page.getByRole("region", { name: "Designations" });
  await expect(designations).toContainText(list);
  await expect(designations).toContainText("CUBA");
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText(note);

  await page.goto(`/entities?q=${encodeURIComponent("Banco Nacional")}`);
  await expect(page.getByRole("table")).toContainText(list);
});

test("the entities list filtered to one issue's actors says which issue, and clears", async ({ page }) => {
  const title = unique("Chip brokers in Hong Kong");
  const actor = unique("Alpha Trade Ltd");
  const issue = await (await page.request.post("/api/issues", { data: { title, category: "other", actors: [actor] } })).json();
  expect((await page.request.post(`/api/issues/${issue.id}/entities`, { data: {} })).status()).toBe(201);
  await page.goto(`/entities?issue=${issue.id}`);
  const notice = page.getByRole("status").filter({ hasText: "Among the actors of" });
  await expect(notice.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2); // the header and the one actor
  await expect(page.getByRole("table")).toContainText(actor);
  await notice.getByRole("link", { name: "Show every entity" }).click();
  await expect(page).toHaveURL(/\/entities$/);
  await expect(notice).toBeHidden();
  await page.request.delete(`/api/issues/${issue.id}`, { headers: { "if-match": `"${issue.version}"` } });
});
