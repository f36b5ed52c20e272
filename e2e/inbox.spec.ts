import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, expectAccessible, pollNow, test, unique } from "./fixtures";

// The inbox (issue 14): a feed served from 127.0.0.1 (allowed by FETCH_ALLOW_HOSTS in playwright.config.ts) brings
// two items; the analyst dismisses the one about nothing with the keyboard and accepts the other into evidence
// with a quote, in one save from the review form.

let server: Server;
let base: string;
// Words of this run in the items, so they are new to the team's inbox on every run (PostgreSQL keeps data).
const marker = unique("Run").replace(/\W+/g, "");
const feedTitle = `Commerce notices ${marker}`;
const relevant = `Chips for Russia's defense industry ${marker}`;
const unrelated = `Office closed for the holiday ${marker}`;
const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${feedTitle}</title>
  <id>tag:commerce.example,2024:${marker}</id>
  <updated>2024-06-25T12:00:00Z</updated>
  <entry><title>${relevant}</title><id>tag:commerce.example,2024:${marker}-1</id>
    <link href="https://commerce.example/notices/${marker}/chips"/><published>2024-06-24T11:00:00Z</published><updated>2024-06-24T11:00:00Z</updated>
    <summary>Microelectronics and chips from China keep reaching Russia's weapons makers despite export controls on semiconductors. Reference ${marker}.</summary></entry>
  <entry><title>${unrelated}</title><id>tag:commerce.example,2024:${marker}-2</id>
    <link href="https://commerce.example/notices/${marker}/holiday"/><updated>2024-06-25T11:00:00Z</updated>
    <summary>The reading room is closed on Friday. Reference ${marker}.</summary></entry>
</feed>`;

// A second feed for opening (o) and snoozing: its own items, so the two tests do not meet in one list.
const laterTitle = `Treasury notes ${marker}`;
const toOpen = `Designation notice to read ${marker}`;
const toSnooze = `Consultation closing next month ${marker}`;
const rss = `<?xml version="1.0"?>
<rss version="2.0"><channel><title>${laterTitle}</title><link>https://treasury.example/</link><description>Notes</description>
  <item><title>${toOpen}</title><link>https://treasury.example/notes/${marker}/open</link><guid>${marker}-open</guid><description>A notice to read in full. Reference ${marker}.</description></item>
  <item><title>${toSnooze}</title><link>https://treasury.example/notes/${marker}/later</link><guid>${marker}-later</guid><description>Comments are due next month. Reference ${marker}.</description></item>
</channel></rss>`;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/notices.atom") res.writeHead(200, { "content-type": "application/atom+xml" }).end(atom);
    else if (req.url === "/notes.rss") res.writeHead(200, { "content-type": "application/rss+xml" }).end(rss);
    else res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("items from a feed arrive; one is dismissed by keyboard, the other accepted into evidence", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/sources");
  const form = page.getByRole("region", { name: "Add a feed" });
  await form.getByLabel("Feed or site address").fill(`${base}/notices.atom`);
  await form.getByRole("button", { name: "Add feed" }).click();
  await expect(form.getByText(`Added “${feedTitle}”`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: feedTitle });
  await pollNow(row, feedTitle, 2);

  // The inbox, this feed's items only, most relevant first.
  await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: /^Inbox/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter the inbox" });
  const feed = filters.getByLabel("Feed");
  await feed.selectOption((await feed.locator("option", { hasText: feedTitle }).getAttribute("value"))!);
  await filters.getByLabel("Order").selectOption({ label: "Most relevant first" });
  await filters.getByRole("button", { name: "Apply" }).click();
  const items = page.getByRole("list").filter({ has: page.getByRole("heading", { name: relevant }) }).getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) });
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(relevant);
  await expect(items.nth(0)).toContainText("Microelectronics and chips supply to Russia");
  await expect(items.nth(0)).toContainText(/Relevance [1-9]\d* %, (not )?related/);
  // Why, as the review form says it: one line per part that moved it.
  await items.nth(0).getByText("Why this relevance").click();
  await expect(items.nth(0).getByRole("listitem").filter({ hasText: /^Subject terms \+\d\.\d — / })).toBeVisible();
  await items.nth(0).getByText("Why this relevance").click();
  await expect(items.nth(1)).toContainText("Speaks to none of your issues.");
  await expect(page.getByText(/Keys: j next, k previous, a accept into evidence, d dismiss, o open/)).toBeVisible();
  // With items listed and their disclosures open (accessibility.spec.ts may find the inbox empty).
  await page.locator("details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
  await expectAccessible(page);
  await page.locator("details").evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = false)));

  // j goes to the first item, j again to the second, d dismisses it; focus comes back to the one left.
  await page.keyboard.press("j");
  await expect(items.nth(0)).toBeFocused();
  await page.keyboard.press("j");
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press("d");
  await expect(page.getByRole("status").filter({ hasText: `Dismissed “${unrelated}”.` })).toBeVisible();
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toBeFocused();
  const topIssue = (await items.nth(0).getByRole("link", { name: /./ }).nth(1).textContent())!;

  // a opens the review form, prefilled; one save makes the document, its evidence, and accepts the item.
  await page.keyboard.press("a");
  await expect(page.getByRole("heading", { name: "2. Review and save" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("From the inbox: saving accepts the item.")).toBeVisible();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(relevant);
  await expect(page.getByLabel("URL", { exact: true })).toHaveValue(`https://commerce.example/notices/${marker}/chips`);
  await expect(page.getByLabel("Published date")).toHaveValue("2024-06-24");
  const issue = page.getByRole("group", { name: topIssue, exact: true });
  await expect(issue.getByLabel("Link this document as evidence")).toBeChecked();
  await issue.getByRole("radio").first().check();
  const quote = (await issue.locator("label.choice q").first().textContent())!;
  await issue.getByLabel("Credibility").selectOption({ label: "2 — Probably true" });
  await issue.getByLabel("Stance").selectOption({ label: "Escalating" });
  await page.getByRole("button", { name: "Save to the library" }).click();
  await expect(page.getByRole("heading", { level: 1, name: relevant })).toBeVisible({ timeout: 30_000 });
  await expect(page.locator("mark.quote-mark")).toHaveText(quote);

  // The item is accepted, linked to its document; the dismissed one is listed with who dismissed it.
  await page.goto("/inbox?state=accepted");
  const accepted = page.getByRole("listitem").filter({ hasText: relevant });
  await expect(accepted).toContainText("accepted by");
  await accepted.getByRole("link", { name: "Open the document" }).click();
  await expect(page.getByRole("heading", { level: 1, name: relevant })).toBeVisible();
  await page.goto("/inbox?state=dismissed");
  await expect(page.getByRole("listitem").filter({ hasText: unrelated })).toContainText("dismissed by");
});

test("o opens the item's page; a snoozed item leaves the list and waits under Snoozed", async ({ page, context }) => {
  test.setTimeout(90_000);
  // The items' pages, answered here (the tests have no internet): what `o` opens is checked by its address.
  await context.route("https://treasury.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>Notice</title><p>The notice.</p>" }));
  await page.goto("/sources");
  const form = page.getByRole("region", { name: "Add a feed" });
  await form.getByLabel("Feed or site address").fill(`${base}/notes.rss`);
  await form.getByRole("button", { name: "Add feed" }).click();
  await expect(form.getByText(`Added “${laterTitle}”`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: laterTitle });
  await pollNow(row, laterTitle, 2);

  await page.goto("/inbox");
  const filters = page.getByRole("search", { name: "Filter the inbox" });
  const feed = filters.getByLabel("Feed");
  await feed.selectOption((await feed.locator("option", { hasText: laterTitle }).getAttribute("value"))!);
  await filters.getByRole("button", { name: "Apply" }).click();
  const items = page.getByRole("list").filter({ has: page.getByRole("heading", { name: toOpen }) }).getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) });
  await expect(items).toHaveCount(2);

  // o on the focused item opens its page in a new tab (the inbox stays where it was). The list takes keys once it
  // has hydrated: k until the first item has the focus (k stops at the first), then j if the item is the second.
  const opening = items.filter({ has: page.getByRole("heading", { name: toOpen }) });
  await expect(async () => {
    await page.keyboard.press("k");
    await expect(items.first()).toBeFocused({ timeout: 1_000 });
  }).toPass();
  if (!(await opening.evaluate((element) => element === document.activeElement))) await page.keyboard.press("j");
  await expect(opening).toBeFocused();
  const opened = context.waitForEvent("page");
  await page.keyboard.press("o");
  const tab = await opened;
  await expect(tab).toHaveURL(`https://treasury.example/notes/${marker}/open`);
  await tab.close();
  await expect(page.getByRole("heading", { level: 1, name: "Inbox" })).toBeVisible();

  // Snoozed until tomorrow through the item's form: it leaves the list of new items…
  const later = items.filter({ has: page.getByRole("heading", { name: toSnooze }) });
  await later.getByText("Dismiss with a reason, or snooze").click();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  await later.getByLabel("Snooze until").fill(tomorrow);
  await later.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `Snoozed “${toSnooze}” until` })).toBeVisible();
  await expect(items).toHaveCount(1);
  await expect(items.nth(0)).toContainText(toOpen);

  // …and waits under the Snoozed filter, with its date.
  await filters.getByLabel("Show").selectOption({ label: "Snoozed" });
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/state=snoozed/);
  const snoozed = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: toSnooze }) });
  await expect(snoozed).toContainText("snoozed until");
  await expect(page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: toOpen }) })).toHaveCount(0);
});
