import type { Page } from "@playwright/test";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { expectAccessible, test, expect } from "./fixtures";

// Designation watch in a real browser (issue 13), as the seed admin, a list admin by default (LIST_ADMINS):
// the demo seed imported the real OFAC release of 26 April 2024; upload the 1 May release, read what changed
// (298 added), filter it, open an entry, screen names; the refusals shown on the page; axe on the lists, change,
// entry and screening pages; then the hit the re-screening finds on a tracked company, confirmed, on its issue and in
// a briefing export. The server starts on a fresh database (playwright.config.ts), so 1 May is new to it.

async function upload(page: Page, file: string) {
  await page.getByLabel("List file").setInputFiles(file);
  await page.getByRole("button", { name: "Import" }).click();
}

test("imports the 1 May 2024 OFAC release, reads what changed, opens an entry and screens names", async ({ page }) => {
  // An import of 15,000 entries and a first screening (the list indexed): seconds each on two busy cores.
  test.setTimeout(240_000);
  await page.goto("/lists");
  await expect(page.getByRole("heading", { level: 1, name: "Sanctions lists" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Import a release" })).toBeVisible();
  const releases = page.getByRole("table", { name: /Releases of OFAC/ });
  await expect(releases.locator("tbody tr")).toHaveCount(1);
  await expect(releases.locator("tbody tr").first()).toContainText("26 Apr 2024");
  await expect(releases.locator("tbody tr").first()).toContainText("seed");

  // The publication date comes from the file name: OFAC's CSV does not state it.
  await upload(page, sanctionsFixturePath("ofacSdn2024May01"));
  await expect(page.getByText(/Imported OFAC .*, 1 May 2024: 14,966 entries, 298 added, 0 removed/)).toBeVisible({ timeout: 90_000 });

  // The releases, newest first, with who imported them.
  await expect(releases.locator("tbody tr")).toHaveCount(2);
  await expect(releases.locator("tbody tr").first()).toContainText("1 May 2024");
  await expect(releases.locator("tbody tr").first()).toContainText("298");
  await expectAccessible(page);

  // The refusals, said on the page: a file already imported (the seed's), and the empty file a scraper saved.
  await upload(page, sanctionsFixturePath("ofacSdn2024Apr26"));
  const refusal = page.locator(".error-message[role=alert]");
  await expect(refusal).toContainText("Already imported");
  await upload(page, sanctionsFixturePath("ofacSdn2024May04Empty"));
  await expect(refusal).toContainText(/not imported.*empty/s);
  await expect(releases.locator("tbody tr")).toHaveCount(2);

  // What changed on 1 May, filtered.
  await releases.getByRole("link", { name: "1 May 2024" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/OFAC .*, 1 May 2024: 298 added, 0 removed, \d+ changed/);
  await page.getByRole("link", { name: "Added (298)" }).click();
  await expect(page.getByText("298 entries")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Type").selectOption("organization");
  await page.getByLabel("Search").fill("global sensor");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/kind=added.*q=global\+sensor.*type=organization|kind=added.*type=organization.*q=global/);
  await expect(page.getByText("1 entry match these filters")).toBeVisible();
  await page.getByRole("link", { name: "WUHAN GLOBAL SENSOR TECHNOLOGY CO., LTD." }).click();

  // The entry, whole.
  await expect(page.getByRole("heading", { level: 1, name: "WUHAN GLOBAL SENSOR TECHNOLOGY CO., LTD." })).toBeVisible();
  await expect(page.getByText("RUSSIA-EO14024")).toBeVisible();
  await expectAccessible(page);

  // Screening: a company designated on 1 May, written as an article would, matches; an unrelated name does not.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Screening" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Screening" })).toBeVisible();
  await page.getByLabel("Names, one per line").fill("Wuhan Global Sensor Technology Company Limited\n\nMinistry of Silly Walks\n");
  await page.getByRole("button", { name: "Screen" }).click();
  const results = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3 }) });
  await expect(results).toHaveCount(2, { timeout: 60_000 });
  const designee = results.filter({ has: page.getByRole("heading", { name: "Wuhan Global Sensor Technology Company Limited" }) });
  await expect(designee.getByRole("row", { name: /WUHAN GLOBAL SENSOR TECHNOLOGY CO\., LTD\./ })).toContainText("match");
  await expect(results.filter({ has: page.getByRole("heading", { name: "Ministry of Silly Walks" }) })).toContainText("No match");
  await expect(page.getByText(/2 names screened: 1 with a match/)).toBeVisible();
  await expectAccessible(page);

  // The demo team tracks Wuhan Global Sensor Technology on its chips issue: the re-screening the import queued finds
  // its 1 May designation. Confirm it, then find it on the issue and in a briefing export.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Entities" }).click();
  await page.getByRole("link", { name: "Wuhan Global Sensor Technology Co Ltd" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Wuhan Global Sensor Technology Co Ltd" })).toBeVisible();
  const hit = page.getByRole("region", { name: /Hits waiting for review/ }).getByRole("listitem").filter({ hasText: "WUHAN GLOBAL SENSOR TECHNOLOGY CO., LTD." });
  await expect(async () => {
    await page.reload();
    await expect(hit).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 90_000 });
  await hit.getByLabel("Note (why)").fill("Same company: the Wuhan sensor maker");
  await hit.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("region", { name: "Designations" })).toContainText("WUHAN GLOBAL SENSOR TECHNOLOGY CO., LTD.");

  await page.getByRole("region", { name: "Issues" }).getByRole("link", { name: "Microelectronics and chips supply to Russia" }).click();
  await expect(page.getByRole("region", { name: /Tracked entities/ })).toContainText("Designated");
  await expect(page.getByText("An actor is designated:")).toBeVisible();
  const issueId = new URL(page.url()).pathname.split("/").pop()!;
  const briefing = await page.request.post("/api/briefings", { data: { title: "Chips: designations", marking: "TLP:CLEAR", issueIds: [issueId] } });
  expect(briefing.status(), await briefing.text()).toBe(201);
  const markdown = await page.request.get(`/api/briefings/${(await briefing.json()).id}/export?format=md`);
  expect(await markdown.text()).toContain(
    "**Designated actors:** Wuhan Global Sensor Technology Co Ltd: OFAC Specially Designated Nationals (SDN) (46633), RUSSIA-EO14024, since 1 May 2024",
  );
});
