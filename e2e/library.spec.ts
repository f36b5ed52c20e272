import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import PDFDocument from "pdfkit";
import { expectAccessible, test, expect, WCAG_2_1 } from "./fixtures";

// The evidence library in a real browser: intake of an HTML page and a PDF (analysis, suggestions
// accepted, one save), the new evidence on the issue page and through search, the duplicate notice,
// a rejected file type, and the pages' accessibility. Every upload carries a random word, so runs
// never collide with each other or with earlier runs on a PostgreSQL that keeps its data.

const FINANCIAL_ISSUE = "Chinese financial institutions facing secondary sanctions";
const ENGINES_ISSUE = "Engines for Russian cruise missiles";

/** A made-up word (letters only, so full-text search treats it as one word) unique to this run. */
const randomWord = () => `zq${Array.from({ length: 10 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;

/** Documents this test saved: their evidence links are removed afterwards, so the seeded issues stay as seeded. */
let saved: string[] = [];
test.beforeEach(() => {
  saved = [];
});
test.afterEach(async ({ page }) => {
  for (const id of saved) await unlinkEvidence(page.request, id);
});

async function unlinkEvidence(request: APIRequestContext, documentId: string) {
  const response = await request.get(`/api/documents/${documentId}`);
  if (!response.ok()) return;
  const { evidence } = (await response.json()) as { evidence: { id: string }[] };
  for (const { id } of evidence) await request.delete(`/api/evidence/${id}`);
}

function pdfBytes(lines: string[]): Promise<Buffer> {
  return new Promise((resolve) => {
    const pdf = new PDFDocument();
    const chunks: Buffer[] = [];
    pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    for (const line of lines) pdf.text(line).moveDown();
    pdf.end();
  });
}

/** The saved document's id, from the page the save led to. */
async function savedDocumentId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/\/library\/(?!new)[^/?#]+$/);
  const id = new URL(page.url()).pathname.split("/").pop()!;
  saved.push(id);
  return id;
}

const fileInput = (page: Page) => page.getByLabel("Choose a file");

test("upload an HTML page, link it to a seeded issue with a suggested passage, then find the evidence on the issue page and through search", async ({ page }) => {
  test.setTimeout(90_000);
  const word = randomWord();
  const title = `Treasury weighs penalties on Chinese banks ${word}`;
  const html = `<!doctype html><html><head><title>${title}</title><style>p { color: red }</style><script>document.title = "injected"</script></head>
<body><nav>Home · World · Markets</nav><article><h1>${title}</h1>
<p>Published May 2, 2024.</p>
<p>The US Treasury is preparing secondary sanctions against Chinese banks that process payments for Russia's defense sector, officials said on condition of anonymity.</p>
<p>Janet Yellen warned that financial institutions in China risk losing access to dollar clearing if they keep handling transactions for sanctioned Russian buyers. Reference ${word}.</p>
</article></body></html>`;

  await page.goto("/library");
  await page.getByRole("link", { name: "Add evidence" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Add evidence" })).toBeVisible();
  await fileInput(page).setInputFiles({ name: `treasury-${word}.html`, mimeType: "text/html", buffer: Buffer.from(html) });
  await expect(page.getByText(`treasury-${word}.html`, { exact: true })).toBeVisible();
  await expect(page.getByLabel("Paste the text")).toBeDisabled();
  await page.getByLabel("URL (optional)").fill(`https://example.org/news/${word}`);
  await page.getByRole("button", { name: "Analyze" }).click();

  // The suggestions: editable details, what was found, the ranked issues with their passages.
  await expect(page.getByRole("heading", { name: "2. Review and save" })).toBeFocused();
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Published date")).toHaveValue("2024-05-02");
  await expect(page.getByLabel("URL", { exact: true })).toHaveValue(`https://example.org/news/${word}`);
  const findings = page.getByRole("region", { name: "What the analysis found" });
  await expect(findings).toContainText("Janet Yellen");
  await expect(findings).toContainText("Financial institutions");
  // The relevance and what moved it (issue 16): the demo team has no learned model, so the taxonomy's parts only.
  const moved = findings.getByRole("list", { name: "What moved the relevance" });
  await expect(moved).toContainText("Place");
  await expect(moved).not.toContainText("Learned from your team's decisions");
  const viewer = page.getByRole("region", { name: "Document text" });
  await expect(viewer).toContainText(`Reference ${word}.`);
  await expect(viewer).not.toContainText("injected");
  await expect(viewer).not.toContainText("Markets");

  await page.getByLabel("Source", { exact: true }).selectOption({ label: "Reuters — B — Usually reliable" });
  const issue = page.getByRole("group", { name: FINANCIAL_ISSUE, exact: true });
  await issue.getByLabel("Link this document as evidence").check();
  const firstPassage = issue.getByRole("radio").first();
  await expect(firstPassage).toBeChecked();
  const quote = (await issue.locator("label.choice q").first().textContent())!;
  expect(quote.length).toBeGreaterThan(20);
  await expect(viewer.locator("mark")).toHaveText(quote);
  await issue.getByLabel("Credibility").selectOption({ label: "2 — Probably true" });
  await issue.getByLabel("Stance").selectOption({ label: "Escalating" });
  await expect(issue.getByText("B2", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Save to the library" }).click();

  // The document page: details, the quote highlighted and described, the issue it evidences.
  const documentId = await savedDocumentId(page);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const about = page.getByRole("region", { name: "About this document" });
  await expect(about).toContainText("Reuters");
  await expect(about).toContainText("Usually reliable");
  await expect(about).toContainText("2 May 2024");
  await expect(about.getByRole("link", { name: `https://example.org/news/${word}` })).toHaveAttribute("rel", "noopener noreferrer");
  const mark = page.locator("mark.quote-mark");
  await expect(mark).toHaveText(quote);
  await expect(mark).toHaveAccessibleDescription(new RegExp(`B2.*${FINANCIAL_ISSUE}`));
  const issues = page.getByRole("region", { name: /Issues it evidences/ });
  await expect(issues).toContainText("Probably true");
  await issues.getByRole("link", { name: FINANCIAL_ISSUE }).click();

  // The issue page lists the new evidence with its quote and grade.
  await expect(page.getByRole("heading", { level: 1, name: FINANCIAL_ISSUE })).toBeVisible();
  const evidence = page.getByRole("region", { name: /Evidence/ }).getByRole("listitem").filter({ hasText: title });
  await expect(evidence.getByText(quote, { exact: true })).toBeVisible();
  await expect(evidence).toContainText("B2");

  // Search finds it, with the matching word marked in the snippet; the issue and source filters keep it.
  await page.getByRole("link", { name: "Evidence library" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Evidence library" })).toBeVisible();
  await page.getByLabel("Search", { exact: true }).fill(word);
  await page.getByLabel("Evidence for issue").selectOption({ label: FINANCIAL_ISSUE });
  await page.getByLabel("Source", { exact: true }).selectOption({ label: "Reuters (B)" });
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  await expect(page.getByText(`1 document matches “${word}” with these filters`)).toBeVisible();
  const result = page.getByRole("list", { name: "Documents" }).getByRole("listitem").filter({ has: page.getByRole("link", { name: title }) });
  await expect(result.locator(".snippet mark").first()).toHaveText(new RegExp(word, "i"));
  await expect(result).toContainText("1 evidence link");
  await result.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/library/${documentId}$`));
});

test("drop a PDF, quote a passage selected in the text, add a source with its grade, and save", async ({ page }) => {
  test.setTimeout(90_000);
  const word = randomWord();
  const pdf = await pdfBytes([
    `Engines for cruise missiles traced ${word}`,
    "Kyiv, 3 May 2024.",
    "Ukrainian investigators found Chinese-made turbojet engines in the wreckage of Russian cruise missiles and drones.",
    `The engines were supplied through trading companies in Hong Kong, according to the report ${word}.`,
  ]);
  const name = `engines-${word}.pdf`;

  await page.goto("/library/new");
  // Drag and drop onto the labelled zone, as a browser does it: a drop event carrying the file.
  const dataTransfer = await page.evaluateHandle(
    ({ base64, fileName }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], fileName, { type: "application/pdf" }));
      return transfer;
    },
    { base64: pdf.toString("base64"), fileName: name },
  );
  await page.getByRole("group", { name: "Or upload a file: drop it here, or choose it" }).dispatchEvent("drop", { dataTransfer });
  await expect(page.getByText(name, { exact: true })).toBeVisible();
  expect(await fileInput(page).evaluate((input: HTMLInputElement) => input.files?.[0]?.name)).toBe(name);

  // Hold the analysis back a moment, so the progress indicator can be seen for certain.
  await page.route("**/api/documents/analyze", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  await page.getByRole("button", { name: "Analyze" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Reading and analyzing “${name}”` })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Analysis in progress" })).toBeVisible();
  await expect(page.getByRole("form", { name: "1. The document" })).toHaveAttribute("aria-busy", "true");
  await expect(page.getByRole("heading", { name: "2. Review and save" })).toBeFocused();
  await expect(page.getByLabel("Published date")).toHaveValue("2024-05-03");

  // A new source, with its reliability grade, becomes the document's source.
  const sourceName = `Kyiv Independent ${word}`;
  await page.getByRole("button", { name: "Add a new source" }).click();
  const newSource = page.getByRole("group", { name: "New source" });
  await expect(newSource.getByLabel("Name")).toBeFocused();
  await newSource.getByLabel("Name").fill(sourceName);
  await newSource.getByRole("button", { name: "Add source" }).click();
  await expect(newSource.getByLabel("Reliability")).toBeFocused();
  await expect(newSource).toContainText("Choose how reliable this source is.");
  await newSource.getByLabel("Reliability").selectOption({ label: "C — Fairly reliable" });
  await newSource.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByText(`Added ${sourceName}`)).toBeVisible();
  await expect(page.getByLabel("Source", { exact: true }).locator("option:checked")).toHaveText(`${sourceName} — C — Fairly reliable`);

  // The quote: a passage selected in the shown text (not one of the suggestions).
  const issue = page.getByRole("group", { name: ENGINES_ISSUE, exact: true });
  await issue.getByLabel("Link this document as evidence").check();
  const selected = await page.getByRole("region", { name: "Document text" }).evaluate((root) => {
    const holder = [...root.querySelectorAll("[data-start]")].find((el) => el.textContent?.includes("turbojet"))!;
    const node = holder.firstChild!;
    const from = node.textContent!.indexOf("turbojet");
    const range = document.createRange();
    range.setStart(node, from);
    range.setEnd(node, from + "turbojet engines".length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
    return range.toString();
  });
  await expect(page.getByRole("status").filter({ hasText: "Selected in the text" })).toContainText(selected);
  await issue.getByRole("button", { name: "Quote the selected text" }).click();
  await expect(issue.getByRole("radio", { name: "Another passage" })).toBeChecked();
  await expect(issue.getByLabel("The passage, exactly as in the text")).toHaveValue(selected);

  // A quote that is not in the text is refused beside it, before anything is sent.
  await issue.getByLabel("The passage, exactly as in the text").fill("turbofan engines");
  await issue.getByLabel("Credibility").selectOption({ label: "3 — Possibly true" });
  await page.getByRole("button", { name: "Save to the library" }).click();
  await expect(issue.getByLabel("The passage, exactly as in the text")).toBeFocused();
  await expect(issue.getByText("This passage is not in the document's text word for word")).toBeVisible();
  await issue.getByLabel("The passage, exactly as in the text").fill(selected);
  await expect(issue.getByText("C3", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Save to the library" }).click();

  await savedDocumentId(page);
  await expect(page.getByRole("heading", { level: 1, name: `Engines for cruise missiles traced ${word}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "About this document" })).toContainText(sourceName);
  const mark = page.locator("mark.quote-mark");
  await expect(mark).toHaveText(selected);
  await expect(mark).toHaveAccessibleDescription(new RegExp(`C3.*${ENGINES_ISSUE}`));
  await page.getByRole("region", { name: /Issues it evidences/ }).getByRole("link", { name: ENGINES_ISSUE }).click();
  await expect(page.getByRole("region", { name: /Evidence/ }).getByText(selected, { exact: true })).toBeVisible();

  await page.goto(`/library?q=${word}`);
  await expect(page.getByRole("link", { name: `Engines for cruise missiles traced ${word}` })).toBeVisible();
});

test("pasting the reference article again says it is already in the library, with a link to it", async ({ page }) => {
  const article = readFileSync(path.join(process.cwd(), "prisma/seed/article-blinken-china-2024-04.txt"), "utf8");
  await page.goto("/library/new");
  await page.getByLabel("Paste the text").fill(article);
  await page.getByRole("button", { name: "Analyze" }).click();
  const notice = page.getByRole("status").filter({ hasText: "This document is already in the library." });
  await expect(notice).toBeFocused();
  await expect(page.getByRole("button", { name: "Save to the library" })).toHaveCount(0);
  await notice.getByRole("link", { name: "Open the document in the library" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Blinken to Warn China of Sanctions Over Support for Russia During April Visit" })).toBeVisible();
  await expect(page.locator("mark.quote-mark").first()).toBeVisible();
});

test("a file of the wrong type, a file too large and an empty form are refused beside the control concerned", async ({ page }) => {
  await page.goto("/library/new");
  await page.getByRole("button", { name: "Analyze" }).click();
  await expect(page.getByLabel("Paste the text")).toBeFocused();
  await expect(page.getByLabel("Paste the text")).toHaveAccessibleDescription(/Paste the text of the document, or choose a file below/);

  await fileInput(page).setInputFiles({ name: "briefing.docx", mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", buffer: Buffer.from("PK\u0003\u0004 not a text") });
  await page.getByRole("button", { name: "Analyze" }).click();
  // The server's 415, next to the file control, which gets focus.
  await expect(fileInput(page)).toBeFocused();
  await expect(fileInput(page)).toHaveAccessibleDescription(/Upload a \.txt, \.md, \.html or \.pdf file\./);
  await expect(page.getByText("Upload a .txt, .md, .html or .pdf file.")).toBeVisible();

  await fileInput(page).setInputFiles({ name: "huge.txt", mimeType: "text/plain", buffer: Buffer.alloc(10 * 1024 * 1024 + 1, "a") });
  await expect(fileInput(page)).toHaveAccessibleDescription(/Files are limited to 10 MB/);
  await expect(page.getByText("Selected:")).toHaveCount(0);
});

test("the library's empty result, and its pages pass an accessibility check", async ({ page }) => {
  test.setTimeout(90_000); // four pages, an analysis and five accessibility scans
  const check = () => expectAccessible(page, WCAG_2_1);
  const word = randomWord();
  await page.goto(`/library?q=${word}`);
  await expect(page.getByRole("heading", { name: "No documents match" })).toBeVisible();
  await expect(page.getByText(`Nothing in the library matches “${word}”`)).toBeVisible();
  await check();

  await page.goto("/library?q=Blinken");
  const result = page.getByRole("list", { name: "Documents" }).getByRole("listitem").first();
  await expect(result.locator(".snippet mark").first()).toHaveText(/Blinken/i);
  await check();
  await result.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Full text" })).toBeVisible();
  await check();

  await page.goto("/library/new");
  await check();
  const article = readFileSync(path.join(process.cwd(), "prisma/seed/article-blinken-china-2024-04.txt"), "utf8");
  // Not a duplicate: one word changed, so the whole review form shows.
  await page.getByLabel("Paste the text").fill(article.replace("Blinken", `Blinken ${word}`));
  await page.getByRole("button", { name: "Analyze" }).click();
  await expect(page.getByRole("heading", { name: "2. Review and save" })).toBeFocused();
  for (const title of [FINANCIAL_ISSUE, ENGINES_ISSUE]) await expect(page.getByRole("group", { name: title, exact: true })).toBeVisible();
  await page.getByRole("group", { name: FINANCIAL_ISSUE, exact: true }).getByLabel("Link this document as evidence").check();
  await page.getByRole("button", { name: "Add a new source" }).click();
  await check();
});
