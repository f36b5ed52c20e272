import { expectAccessible, test, expect, unique, WCAG_2_1 } from "./fixtures";

// Follows and the notification center (issue 15): one member follows an issue, another moves it, and the first
// sees the bell count rise and opens the notification.

test("a follower sees the bell count and opens the notification of a status move", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const created = await page.request.post("/api/issues", { data: { title: unique("Followed: dual-use bearings"), category: "other" } });
  expect(created.status()).toBe(201);
  const { id, title, version } = (await created.json()) as { id: string; title: string; version: number };

  // A second member, invited by the admin, joins in a browser of their own.
  const email = `${unique("follower").replace(/\s/g, "-").toLowerCase()}@example.test`;
  const invited = await page.request.post("/api/team/invitations", { data: { email, role: "viewer" } });
  expect(invited.status()).toBe(201);
  const { link } = (await invited.json()) as { link: string };
  const guest = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const follower = await guest.newPage();
    await follower.goto(new URL(link).pathname);
    await follower.getByLabel("Your name").fill("Fran Follower");
    await follower.getByLabel("Choose a password").fill("a long enough password");
    await follower.getByRole("button", { name: "Join the team" }).click();
    await expect(follower.getByRole("link", { name: "Notifications, none unread" })).toBeVisible();

    await follower.goto(`/issues/${id}`);
    await follower.getByRole("button", { name: "Follow", exact: true }).click();
    await expect(follower.getByRole("button", { name: "Unfollow", exact: true })).toBeVisible();
    await expect(follower.getByText("You follow this issue")).toBeVisible();

    // The admin moves the status, with the reason.
    const moved = await page.request.patch(`/api/issues/${id}`, { headers: { "if-match": `"${version}"` }, data: { status: "warning_issued", rationale: "The ministry warned exporters" } });
    expect(moved.status()).toBe(200);

    // Any page shows the bell; the watchlist is where people start.
    await follower.goto("/watchlist");
    const bell = follower.getByRole("link", { name: "Notifications, 1 unread" });
    await expect(bell).toBeVisible();
    await bell.click();
    await expect(follower.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await expect(follower).toHaveTitle(/Notifications/);
    const item = follower.getByRole("listitem").filter({ hasText: title });
    await expect(item).toContainText("status Monitoring → Warning issued");
    await expect(item).toContainText("Why: The ministry warned exporters");
    await expectAccessible(follower, WCAG_2_1);

    await item.getByRole("button", { name: /^Mark read/ }).click();
    await expect(follower.getByRole("link", { name: "Notifications, none unread" })).toBeVisible();
    await item.getByRole("link", { name: new RegExp(title) }).click();
    await expect(follower).toHaveURL(new RegExp(`/issues/${id}$`));
    await expect(follower.getByRole("heading", { level: 1, name: title })).toBeVisible();
  } finally {
    await guest.close();
  }
});
