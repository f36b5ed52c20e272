import AxeBuilder from "@axe-core/playwright";
import { test, expect, unique } from "./fixtures";

// Scheduled briefings in a real browser (issue 15, item 5): the builder's "On a schedule", the list on Briefings
// with its timing and next run, pause, resume and delete.

test("schedule a weekly briefing from the builder, pause, resume and delete it", async ({ page }) => {
  test.setTimeout(90_000);
  const title = unique("Friday chips briefing");
  await page.goto("/briefings/new");
  await expect(page.getByRole("heading", { level: 1, name: "New briefing" })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("radio", { name: /TLP:GREEN/ }).check();
  await page.getByRole("group", { name: "Watchlist filters" }).getByLabel("Category").selectOption("dual-use-technology");

  await page.getByRole("radio", { name: "On a schedule" }).check();
  const schedule = page.getByRole("group", { name: "Schedule" });
  await schedule.getByLabel("How often").selectOption("weekly");
  await schedule.getByLabel("Day").selectOption({ label: "Friday" });
  await schedule.getByLabel("Hour").selectOption({ label: "17:00" });
  await page.getByRole("button", { name: "Schedule briefing" }).click();

  await expect(page).toHaveURL(/\/briefings#schedules$/);
  const section = page.getByRole("region", { name: "Scheduled briefings" });
  const row = section.getByRole("row", { name: new RegExp(title) });
  await expect(row).toContainText("Fridays at 17:00");
  await expect(row).toContainText("Not yet");
  const { violations } = await new AxeBuilder({ page }).include("main").analyze();
  expect(violations.map((v) => v.id)).toEqual([]);

  await row.getByRole("button", { name: `Pause the schedule ${title}` }).click();
  await expect(row).toContainText("Paused");
  await row.getByRole("button", { name: `Resume the schedule ${title}` }).click();
  await expect(row).not.toContainText("Paused");
  await row.getByRole("button", { name: `Unfollow the schedule ${title}` }).click();
  await expect(row.getByRole("button", { name: `Follow the schedule ${title}` })).toBeVisible();

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: `Delete the schedule ${title}` }).click();
  await expect(section.getByRole("row", { name: new RegExp(title) })).toHaveCount(0);
});
