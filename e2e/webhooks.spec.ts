import { AxeBuilder } from "@axe-core/playwright";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "@/lib/webhooks/signature";
import { expect, signedInApi, test, unique } from "./fixtures";

// Team webhooks (issue 15): an admin adds a webhook pointing at a receiver on 127.0.0.1 (allowed by
// FETCH_ALLOW_HOSTS in playwright.config.ts), copies the secret shown once, an issue is opened, and the receiver
// gets it signed while the delivery log shows it delivered. A test delivery the receiver refuses on purpose is
// redelivered, and the row's attempt log shows both attempts.

type Received = { signature: string; body: string };
let server: Server;
let url: string;
const received: Received[] = [];
/** How many of the next POSTs the receiver refuses (500), to see a failed attempt and its retry. */
let refuseNext = 0;

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ signature: String(req.headers["x-sw-signature"] ?? ""), body: Buffer.concat(chunks).toString("utf8") });
      if (refuseNext > 0) {
        refuseNext--;
        res.writeHead(500, { "content-type": "text/plain" }).end("down on purpose");
      } else res.writeHead(200, { "content-type": "text/plain" }).end("thanks");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${Date.now().toString(36)}`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("an admin adds a webhook, sees its secret once, and sees an event delivered signed", async ({ page, playwright, baseURL }) => {
  test.setTimeout(90_000);
  await page.goto("/team");
  await page.getByRole("link", { name: "manage webhooks and their delivery logs" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();

  const form = page.getByRole("form", { name: "Add a webhook" });
  await form.getByLabel("URL").fill("http://10.0.0.1/hook");
  await form.getByRole("button", { name: "Add webhook" }).click();
  // The guard's refusal stands beside the URL, which gets the focus.
  await expect(form.getByLabel("URL")).toHaveAccessibleDescription(/10\.0\.0\.1.*not fetched/);
  await expect(form.getByLabel("URL")).toBeFocused();

  await form.getByLabel("URL").fill(url);
  await expect(form.getByLabel("A new issue")).toBeChecked();
  await form.getByRole("button", { name: "Add webhook" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);

  // Shown once: after a reload the page has only the webhook, not its secret.
  await page.reload();
  const card = page.getByRole("region", { name: url });
  await expect(card).toBeVisible();
  await expect(page.getByTestId("webhook-secret")).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  const title = unique("Webhook issue");
  const api = await signedInApi(playwright, baseURL!);
  const created = await api.post("/api/issues", { data: { title, summary: "Opened to fire the team's webhook.", category: "other" } });
  expect(created.status()).toBe(201);

  // The receiver gets it, signed with the secret the page showed (the job sends it within seconds of the commit).
  await expect.poll(() => received.find((r) => r.body.includes(title)), { timeout: 30_000 }).toBeTruthy();
  const delivery = received.find((r) => r.body.includes(title))!;
  expect(verifySignature(secret, delivery.body, delivery.signature, Math.floor(Date.now() / 1000))).toBe(true);
  const payload = JSON.parse(delivery.body) as { id: string; type: string; link: string };
  expect(payload.type).toBe("new_issue");
  expect(payload.link).toMatch(new RegExp(`^${baseURL}/issues/`));

  // The log shows it delivered, with the receiver's answer.
  await page.reload();
  const log = page.getByRole("table", { name: `Deliveries to ${url}` });
  const row = log.getByRole("row").filter({ hasText: payload.id });
  await expect(row).toContainText("Delivered");
  await expect(row).toContainText("200");
  await expect(row).toContainText("thanks");
  // The page with a webhook and its log passes axe too (e2e/accessibility.spec.ts checks it empty).
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Send test, refused once on purpose: the delivery waits for its retry; redelivered, it is delivered.
  refuseNext = 1;
  await card.getByRole("button", { name: "Send test" }).click();
  const testRow = log.getByRole("row").filter({ hasText: "test" }).first();
  await expect(testRow).toContainText("Waiting", { timeout: 30_000 });
  await expect(testRow).toContainText("500", { timeout: 30_000 });
  await testRow.getByRole("button", { name: /^Redeliver/ }).click();
  await expect(testRow).toContainText("Delivered (2 attempts)", { timeout: 30_000 });

  // Its attempts, opened from the keyboard: the refusal and the success, newest first.
  const toggle = testRow.getByRole("button", { name: /^Attempts of test/ });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const attempts = page.getByRole("table", { name: /^Attempts of test/ });
  await expect(attempts.getByRole("row")).toHaveCount(3);
  await expect(attempts.getByRole("row").nth(1)).toContainText(/2.*200.*Delivered.*thanks/);
  await expect(attempts.getByRole("row").nth(2)).toContainText(/1.*500.*Failed.*down on purpose/);
  const opened = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(opened.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.keyboard.press("Space");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(attempts).toHaveCount(0);

  page.once("dialog", (dialog) => void dialog.accept());
  await card.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("region", { name: url })).toHaveCount(0);
  await api.dispose();
});
