import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ARTICLE_HTML, ARTICLE_TITLE } from "@/lib/testing/article-page";
import { expect, test, unique } from "./fixtures";

// Capture by URL (issue 14): "Fetch" beside the URL on Add evidence reads a real-looking article served
// from 127.0.0.1 (allowed by FETCH_ALLOW_HOSTS in playwright.config.ts), fills the form, and the saved
// document links to the sandboxed snapshot.

let server: Server;
let base: string;
// A word of this run in the article, so its text is new to the library on every run (PostgreSQL keeps data).
const marker = unique("Run").replace(/\W+/g, "");

test.beforeAll(async () => {
  const page = ARTICLE_HTML.replace("</article>", `<p>Reference ${marker} for this capture.</p></article>`);
  server = createServer((req, res) => {
    if (req.url === "/news/treasury-machine-tools") res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
    else res.writeHead(404, { "content-type": "text/plain" }).end("Not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("Fetch fills Add evidence from a page, and the document links to its snapshot", async ({ page }) => {
  test.setTimeout(90_000); // fetch, analysis, save and the snapshot: several server round trips, some on a worker
  await page.goto("/library/new");
  const url = page.getByLabel("URL (optional)");

  await url.fill(`${base}/missing`);
  await page.getByRole("button", { name: "Fetch" }).click();
  await expect(page.getByText("The server answered 404 Not Found")).toBeVisible();
  await expect(url).toBeFocused();
  await expect(url).toHaveAttribute("aria-invalid", "true");

  await url.fill(`${base}/news/treasury-machine-tools`);
  await page.getByRole("button", { name: "Fetch" }).click();
  await expect(page.getByRole("status").filter({ hasText: "its text and title are filled in" })).toBeVisible();
  await expect(page.getByLabel("Paste the text")).toHaveValue(/computer numerical control machine tools/);
  await expect(page.getByLabel("Paste the text")).not.toHaveValue(/Most read|We use cookies/);
  await expect(page.getByLabel("Title (optional)")).toHaveValue(ARTICLE_TITLE);

  await page.getByRole("button", { name: "Analyze" }).click();
  await expect(page.getByRole("heading", { name: "2. Review and save" })).toBeFocused();
  await expect(page.getByLabel("Published date")).toHaveValue("2024-05-01");
  await expect(page.getByText("From the page’s metadata; correct it if needed.")).toBeVisible();
  await page.getByRole("button", { name: "Save to the library" }).click();

  await expect(page.getByRole("heading", { level: 1, name: ARTICLE_TITLE })).toBeVisible();
  const about = page.getByRole("region", { name: "About this document" });
  const snapshot = about.getByRole("link", { name: "The page as fetched" });
  await expect(snapshot).toBeVisible();
  const response = await page.request.get((await snapshot.getAttribute("href"))!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-security-policy"]).toMatch(/^sandbox; default-src 'none'/);
  expect(await response.text()).toContain(marker);

  // Opened in the browser, the page shows, and its scripts do not run (one would write "injected").
  await snapshot.click();
  await expect(page.getByRole("heading", { level: 1, name: ARTICLE_TITLE })).toBeVisible();
  await expect(page.getByText(marker)).toBeVisible();
  await expect(page.getByText("injected")).toHaveCount(0);
});
