import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, pollNow, test, unique } from "./fixtures";

// Feeds on the Sources page (issue 14): an analyst adds a feed by a site's address (its page advertises an Atom
// feed, served from 127.0.0.1, allowed by FETCH_ALLOW_HOSTS in playwright.config.ts), polls it now and sees its
// items counted in its health.

let server: Server;
let base: string;
// Words of this run in the items, so they are new to the team's inbox on every run (PostgreSQL keeps data).
const marker = unique("Run").replace(/\W+/g, "");
const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ministry press releases ${marker}</title>
  <id>tag:ministry.example,2024:${marker}</id>
  <updated>2024-06-24T12:00:00Z</updated>
  <entry><title>Export ban on machine tools ${marker}</title><id>tag:ministry.example,2024:${marker}-1</id>
    <link href="https://ministry.example/press/${marker}/1"/><updated>2024-06-24T11:00:00Z</updated><summary>Machine tools to Russia.</summary></entry>
  <entry><title>Asset freeze ${marker}</title><id>tag:ministry.example,2024:${marker}-2</id>
    <link href="https://ministry.example/press/${marker}/2"/><updated>2024-06-25T11:00:00Z</updated><summary>Banks in third countries.</summary></entry>
</feed>`;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/press/") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html><head><title>Press</title><link rel="alternate" type="application/atom+xml" href="/press/feed.atom"></head><body><h1>Press</h1></body></html>`);
    else if (req.url === "/press/feed.atom") res.writeHead(200, { "content-type": "application/atom+xml" }).end(atom);
    else res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("adds a feed by a site's address, polls it now and counts its items", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/sources");
  await expect(page.getByRole("heading", { level: 1, name: "Sources" })).toBeVisible();
  const form = page.getByRole("region", { name: "Add a feed" });
  const url = form.getByLabel("Feed or site address");

  await url.fill(`${base}/nothing-here`);
  await form.getByRole("button", { name: "Add feed" }).click();
  await expect(form.getByText("The server answered 404 Not Found")).toBeVisible();
  await expect(url).toHaveAttribute("aria-invalid", "true");

  await url.fill(`${base}/press/`);
  await form.getByLabel("Poll every (minutes)").fill("15");
  await form.getByRole("button", { name: "Add feed" }).click();
  const title = `Ministry press releases ${marker}`;
  await expect(form.getByText(`Added “${title}”`)).toBeVisible();

  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toContainText(`${base}/press/feed.atom`);
  await expect(row).toContainText("every 15 minutes");
  await expect(row).toContainText("Never yet");
  await pollNow(row, title, 2);
  await expect(row).toContainText(/2 items in the feed, [02] new/);

  await row.getByRole("button", { name: `Disable ${title}` }).click();
  await expect(row.getByRole("button", { name: `Enable ${title}` })).toBeVisible();
  await expect(row).toContainText("Disabled");
});

test("exports the feeds as OPML and imports a reader's OPML file", async ({ page }) => {
  await page.goto("/sources");
  const io = page.getByRole("region", { name: "Import and export" });
  const download = await page.request.get((await io.getByRole("link", { name: "Download the team’s feeds as OPML" }).getAttribute("href"))!);
  expect(download.headers()["content-type"]).toBe("text/x-opml; charset=utf-8");
  expect(await download.text()).toContain("<opml");

  const folder = `Wires ${marker}`;
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>Reader</title></head><body><outline text="${folder}"><outline type="rss" text="Wire ${marker}" xmlUrl="${base}/wire-${marker}.xml"/></outline></body></opml>`;
  await io.getByLabel("OPML file").setInputFiles({ name: "subscriptions.opml", mimeType: "text/x-opml", buffer: Buffer.from(opml) });
  await io.getByRole("button", { name: "Import feeds" }).click();
  await expect(io.getByRole("status")).toContainText(`Following 1 new feed; new sources: ${folder}.`);
  await expect(page.getByRole("heading", { level: 2, name: folder })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: `Wire ${marker}` })).toContainText("Never yet");
});
