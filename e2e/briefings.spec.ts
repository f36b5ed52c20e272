import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, unique } from "./fixtures";

// Briefings in a real browser: filter the watchlist, carry the view into the builder, watch the preview,
// create the briefing, then download every format and look inside each file.

const formats = [
  { label: "Markdown", extension: "md" },
  { label: "Word (DOCX)", extension: "docx" },
  { label: "PDF", extension: "pdf" },
  { label: "CSV", extension: "csv" },
  { label: "JSON", extension: "json" },
] as const;

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("build a briefing from a filtered watchlist and download every format", async ({ page }) => {
  test.setTimeout(90_000);
  // An issue of our own, so the filtered view holds exactly what this test expects.
  const token = unique("Harbin").replace(/\s+/g, "");
  const issueTitle = `Secondary sanctions on ${token} regional banks`;
  const created = await page.request.post("/api/issues", {
    data: { title: issueTitle, category: "financial-institutions", status: "warning_issued", likelihood: "likely", impact: 4, jurisdictions: ["CN"] },
  });
  expect(created.status()).toBe(201);
  const issue = (await created.json()) as { id: string; version: number };

  try {
    // The watchlist, filtered the way an analyst would.
    await page.goto("/watchlist");
    await page.getByLabel("Search").fill(token);
    await page.getByLabel("Category").selectOption("financial-institutions");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/category=financial-institutions/);
    await expect(page.getByRole("table").getByRole("row")).toHaveCount(2); // the header and our issue
    await expect(page.getByRole("table").getByRole("link", { name: issueTitle })).toBeVisible();

    // The same view in the builder: the watchlist's address carries over.
    await page.goto(`/briefings/new${new URL(page.url()).search}`);
    await expect(page.getByRole("heading", { level: 1, name: "New briefing" })).toBeVisible();
    const filters = page.getByRole("group", { name: "Watchlist filters" });
    await expect(filters.getByLabel("Search")).toHaveValue(token);
    await expect(filters.getByLabel("Category")).toHaveValue("financial-institutions");
    const preview = page.getByRole("region", { name: "Preview" });
    await expect(preview.getByText("1 issue will be included.")).toBeVisible();
    await expect(preview.getByRole("listitem")).toHaveCount(1);
    await expect(preview.getByRole("listitem")).toContainText(issueTitle);

    // Submitting without a title or marking names what is missing.
    await page.getByRole("button", { name: "Create briefing" }).click();
    await expect(page.getByLabel("Title")).toBeFocused();
    await expect(page.getByText("Give the briefing a title")).toBeVisible();
    await expect(page.getByText(/^Choose a handling marking/)).toBeVisible();

    const title = `Banks briefing ${token}`;
    await page.getByLabel("Title").fill(title);
    await page.getByRole("radio", { name: "TLP:AMBER Limited" }).check();
    await page.getByLabel("Key judgments").fill("Designations of regional banks are likely within three months.\n\nWatch the Treasury's next round.");
    await expect(preview.getByText(title)).toBeVisible();
    await expect(preview.getByText("Watch the Treasury's next round.")).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("button", { name: "Create briefing" }).click();

    // The briefing as stored.
    await expect(page).toHaveURL(/\/briefings\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole("heading", { level: 3, name: `1. ${issueTitle}` })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Bottom line up front" })).toBeVisible();
    await expectNoAxeViolations(page);

    // Every format downloads, named after the briefing, with the content its type promises.
    const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    for (const { label, extension } of formats) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `Download ${label}` }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^${slug}-\\d{4}-\\d{2}-\\d{2}\\.${extension}$`));
      const bytes = await readFile((await download.path())!);
      expect(bytes.length, extension).toBeGreaterThan(0);
      const text = bytes.toString("utf8");
      if (extension === "pdf") expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      if (extension === "docx") expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
      if (extension === "md") expect(text).toContain(`# ${title}`);
      if (extension === "csv") expect(text).toContain(issueTitle);
      if (extension === "json") expect(JSON.parse(text)).toMatchObject({ title, marking: "TLP:AMBER", issues: [{ title: issueTitle }] });
    }
    await expect(page.getByText("JSON downloaded:")).toBeVisible();

    // Listed, with a download link per format.
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Briefings" }).click();
    const row = page.getByRole("row").filter({ hasText: title });
    await expect(row.getByRole("link", { name: title, exact: true })).toBeVisible();
    await expect(row.getByRole("link", { name: `${title} as PDF` })).toHaveAttribute("href", /\/export\?format=pdf$/);
  } finally {
    await page.request.delete(`/api/issues/${issue.id}`, { headers: { "if-match": `"${issue.version}"` } });
  }
});
