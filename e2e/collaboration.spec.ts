import type { APIRequestContext } from "@playwright/test";
import { admin, expectAccessible, test, expect, unique, WCAG_2_1 } from "./fixtures";

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
  await expectAccessible(page, WCAG_2_1);
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
  await expectAccessible(page, WCAG_2_1);
});

test("comment on an issue with a mention picked from the autocomplete, then edit and delete it", async ({ page }) => {
  test.setTimeout(60_000);
  const id = await createIssue(page.request, unique("Commented: insurers of shadow tankers"));
  await page.goto(`/issues/${id}`);
  const comments = page.getByRole("region", { name: "Comments" });
  await expect(comments.getByText("No comments yet.")).toBeVisible();

  // An empty comment is refused beside the box, and focus goes there.
  await comments.getByRole("button", { name: "Post comment" }).click();
  const box = comments.getByLabel("Your comment");
  await expect(box).toBeFocused();
  await expect(box).toHaveAccessibleDescription(/Write something first/);

  await box.fill("Broker named in https://example.org/filing?id=7. Over to ");
  await box.press("End");
  await box.pressSequentially("@Dem");
  const suggestions = page.getByRole("listbox", { name: "Members to mention" });
  await expect(suggestions.getByRole("option", { name: new RegExp(`Demo admin ${admin.email}`) })).toHaveAttribute("aria-selected", "true");
  await expectAccessible(page, WCAG_2_1);
  await box.press("Enter");
  await expect(suggestions).toBeHidden();
  await expect(box).toHaveValue("Broker named in https://example.org/filing?id=7. Over to @Demo admin ");
  await box.pressSequentially("<b>not bold</b>");
  await comments.getByRole("button", { name: "Post comment" }).click();

  const posted = comments.getByRole("listitem").filter({ hasText: "Broker named in" });
  await expect(posted).toContainText("Demo admin");
  await expect(posted.getByRole("link", { name: "https://example.org/filing?id=7" })).toHaveAttribute("href", "https://example.org/filing?id=7");
  // Plain text: the markup is shown as typed, never rendered.
  await expect(posted).toContainText("<b>not bold</b>");
  await expect(box).toHaveValue("");
  const stored = (await (await page.request.get(`/api/issues/${id}/comments`)).json()) as { items: Array<{ mentions: Array<{ name: string }> }> };
  expect(stored.items[0]?.mentions.map((m) => m.name)).toEqual(["Demo admin"]);

  await posted.getByRole("button", { name: "Edit your comment" }).click();
  await posted.getByLabel("Your comment", { exact: true }).fill("Broker named in the 2023 filing.");
  await posted.getByRole("button", { name: "Save" }).click();
  const edited = comments.getByRole("listitem").filter({ hasText: "Broker named in the 2023 filing." });
  await expect(edited).toContainText("edited");

  page.once("dialog", (dialog) => void dialog.accept());
  await edited.getByRole("button", { name: /Delete/ }).click();
  await expect(comments.getByText("No comments yet.")).toBeVisible();

  // The history keeps what was written, edited and deleted.
  await page.reload();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Commented:")).toBeVisible();
  await expect(timeline.getByText("Edited a comment. It now reads:")).toBeVisible();
  await expect(timeline.getByText("Deleted a comment by Demo admin.")).toBeVisible();
  await expectAccessible(page, WCAG_2_1);
});
