import { test, expect, unique } from "./fixtures";
import { SDN_SLICES, expectAccessible, importSdnList } from "./sanctions-helpers";

// The designation watch seen from an issue (issue 13), in a real browser: an issue's actors tracked with one
// click, the screening's hit on a real OFAC SDN name (26 April 2024 lines, imported into a list of this run's own, a slice no other spec imports)
// announced by the banner and the timeline, then confirmed on the entity; back on the issue, the suggestion opens
// the edit form with "Designations in force" chosen, and the analyst saves it with a rationale.

test("track an issue's actors, see the designation arrive, move the status with a rationale", async ({ page }) => {
  test.setTimeout(120_000); // an import, a first screening (the list indexed) and two accessibility scans
  const list = await importSdnList(page.request, "e2e-issue", SDN_SLICES.issueActors);
  const title = unique("Cuban banking exposure");
  const created = await page.request.post("/api/issues", { data: { title, category: "other", actors: ["Havin Bank Limited", unique("Harbour Quay Partners")] } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/issues/${id}`);
  const tracked = page.getByRole("region", { name: /Tracked entities/ });
  await expect(tracked).toContainText("Not tracked yet: Havin Bank Limited");
  await tracked.getByRole("button", { name: "Track actors as entities" }).click();

  // Tracking screens the new entities at once, and the first screening after an import indexes the lists: seconds on two busy cores.
  await expect(page.getByRole("status").filter({ hasText: "1 actor designated since your last review" })).toBeVisible({ timeout: 60_000 });
  const bank = tracked.getByRole("link", { name: "Havin Bank Limited" });
  await expect(bank).toBeVisible();
  await expect(tracked.getByRole("button", { name: "Track actors as entities" })).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Screening found a possible designation of Havin Bank Limited as HAVIN BANK LIMITED");
  await expectAccessible(page);

  await bank.click();
  await expect(page.getByRole("heading", { level: 1, name: "Havin Bank Limited" })).toBeVisible();
  const hit = page.getByRole("region", { name: /Hits waiting for review/ }).getByRole("listitem").filter({ hasText: list });
  await hit.getByLabel("Note (why)").fill("Same bank");
  await hit.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("region", { name: "Designations" })).toContainText(list);

  await page.goto(`/issues/${id}`);
  await expect(page.getByRole("region", { name: /Tracked entities/ })).toContainText("Designated");
  await expect(page.getByText("An actor is designated:")).toBeVisible();
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("Confirmed the designation of Havin Bank Limited");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Set the status to Designations in force…" }).click();
  const form = page.getByRole("region", { name: "Edit issue" });
  await expect(form.getByLabel("Status")).toHaveValue("designations_in_force");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByText("a rationale is required")).toBeVisible(); // nothing changes without it
  await form.getByLabel("Rationale").fill("OFAC lists the bank under the Cuba program");
  await form.getByRole("button", { name: "Save changes" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Your changes were saved." })).toBeVisible();
  await expect(page.getByText("An actor is designated:")).toHaveCount(0);
  await expect(page.getByText(/designated since your last review/)).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Timeline" })).toContainText("OFAC lists the bank under the Cuba program");

  // A document naming the bank: its page ties the name to the tracked entity and to the list entry (issue 16).
  const filed = await page.request.post("/api/documents", {
    data: { title: unique("Payments through Havin Bank"), text: `Havin Bank Limited handled the payments, says ${unique("filing")}. Havin Bank Limited denies it.` },
  });
  expect(filed.status()).toBe(201);
  await page.goto(`/library/${((await filed.json()) as { id: string }).id}`);
  const named = page.getByRole("region", { name: "Organisations and people named" });
  await expect(named.getByRole("list", { name: "Sanctions list entries matching Havin Bank Limited" })).toContainText(`On ${list} HAVIN BANK LIMITED`);
  await expect(named).toContainText("tracked, not linked to this document");
  await named.getByRole("button", { name: "Link Havin Bank Limited to this document" }).click();
  await expect(named.getByRole("button", { name: "Link Havin Bank Limited to this document" })).toHaveCount(0);
  await expect(named.getByRole("link", { name: "Havin Bank Limited", exact: true })).toBeVisible();
  await expectAccessible(page);
});
