import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { ARTICLE_HTML, ARTICLE_TITLE } from "@/lib/testing/article-page";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as documents from "../documents/route";
import * as document from "../documents/[id]/route";
import * as captures from "./route";
import * as snapshot from "./[id]/snapshot/route";

// Capture by URL over the API (issue 14), against pages served on 127.0.0.1. The loopback address is
// allowed here by name, as FETCH_ALLOW_HOSTS would be set for a test server; 127.0.0.2 and every other
// internal address stay refused, which proves the guard still stands behind the route.
process.env.FETCH_ALLOW_HOSTS = "127.0.0.1";

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
let server: Server;
let base: string;

async function pdfBytes(text: string): Promise<Buffer> {
  const pdf = new PDFDocument();
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise((resolve) => pdf.on("end", resolve));
  pdf.text(text);
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}

beforeAll(async () => {
  team = await createTestTeam("Captures");
  other = await createTestTeam("Other captures");
  const pdf = await pdfBytes("Export controls on machine tools: a report on diversion through third countries.");
  const pages: Record<string, (res: ServerResponse) => void> = {
    "/news/treasury-machine-tools": (res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(ARTICLE_HTML),
    "/old-link": (res) => res.writeHead(301, { location: "/news/treasury-machine-tools" }).end(),
    "/report.pdf": (res) => res.writeHead(200, { "content-type": "application/pdf" }).end(pdf),
    "/logo.png": (res) => res.writeHead(200, { "content-type": "image/png" }).end(Buffer.alloc(100)),
    "/to-metadata": (res) => res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end(),
    "/empty": (res) => res.writeHead(200, { "content-type": "text/html" }).end("<html><body><script>1</script></body></html>"),
  };
  server = createServer((req: IncomingMessage, res: ServerResponse) => (pages[req.url ?? ""] ?? ((r: ServerResponse) => r.writeHead(404).end("no")))(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const capture = (url: unknown, token = team.tokens.analyst) => call(captures.POST, "POST", "/api/captures", { token, body: { url } });
const captureCount = () => db.capture.count({ where: { teamId: team.teamId } });

describe("POST /api/captures", () => {
  let captureId: string;

  it("fetches the page after redirects, keeps it, and answers its article", async () => {
    const response = await capture(`${base}/old-link`);
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({
      url: `${base}/old-link`,
      finalUrl: `${base}/news/treasury-machine-tools`,
      httpStatus: 200,
      contentType: "text/html; charset=utf-8",
      sha256: createHash("sha256").update(ARTICLE_HTML).digest("hex"),
      title: ARTICLE_TITLE,
      byline: "Jane Doe",
      publisher: "Example Wire",
      publishedAt: "2024-05-01",
    });
    expect(response.json.text).toContain("computer numerical control machine tools");
    expect(response.json.text).not.toContain("Most read");
    captureId = response.json.id as string;
    expect(response.json.snapshotUrl).toBe(`/api/captures/${captureId}/snapshot`);
    const stored = await db.capture.findUniqueOrThrow({ where: { id: captureId } });
    expect(stored).toMatchObject({ teamId: team.teamId, createdById: team.actors.analyst.userId, finalUrl: `${base}/news/treasury-machine-tools` });
    expect(Buffer.from(stored.body).toString()).toBe(ARTICLE_HTML);
  });

  it("reads a PDF through the uploads' PDF path", async () => {
    const response = await capture(`${base}/report.pdf`);
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({ contentType: "application/pdf", title: null });
    expect(response.json.text).toContain("Export controls on machine tools");
  });

  it("serves the snapshot as sandboxed HTML, or as text, never as a live page", async () => {
    const html = await call(snapshot.GET, "GET", `/api/captures/${captureId}/snapshot`, { token: team.tokens.viewer, params: { id: captureId } });
    expect(html.status).toBe(200);
    expect(html.text).toBe(ARTICLE_HTML);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-security-policy")).toMatch(/^sandbox; default-src 'none'/);
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
    const text = await call(snapshot.GET, "GET", `/api/captures/${captureId}/snapshot?as=text`, { token: team.tokens.viewer, params: { id: captureId } });
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(text.text).toBe(ARTICLE_HTML);
  });

  it("hides another team's capture (404)", async () => {
    const response = await call(snapshot.GET, "GET", `/api/captures/${captureId}/snapshot`, { token: other.tokens.admin, params: { id: captureId } });
    expect(response.status).toBe(404);
  });

  it("links the document saved from the capture to it, and refuses another team's capture", async () => {
    const saved = await call(documents.POST, "POST", "/api/documents", { token: team.tokens.analyst, body: { text: "Captured: machine tools to Russia.", title: ARTICLE_TITLE, captureId } });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.json.captureId).toBe(captureId);
    const read = await call(document.GET, "GET", `/api/documents/${saved.json.id}`, { token: team.tokens.viewer, params: { id: saved.json.id as string } });
    expect(read.json.captureId).toBe(captureId);
    const theirs = await call(documents.POST, "POST", "/api/documents", { token: other.tokens.analyst, body: { text: "Someone else's capture.", captureId } });
    expect(theirs.status).toBe(404);
    expect(await db.document.count({ where: { teamId: other.teamId } })).toBe(0);
  });
});

describe("POST /api/captures with bad input: a clear 4xx or 502 with the reason, nothing stored", () => {
  it.each([
    ["not a URL", "yesterday's article", 422, undefined],
    ["not http(s)", "ftp://127.0.0.1/file", 422, undefined],
    ["an address that is not the allowed host", "http://127.0.0.2/", 422, "blocked_address"],
    ["the cloud metadata service", "http://169.254.169.254/latest/meta-data/", 422, "blocked_address"],
    ["a private address in IPv6 form", "http://[::ffff:10.0.0.1]/", 422, "blocked_address"],
  ])("%s", async (_what, url, status, reason) => {
    const before = await captureCount();
    const response = await capture(url);
    expect(response.status, response.text).toBe(status);
    expect(response.json.error!.code).toBe("validation_failed");
    expect(response.json.error!.details).toMatchObject({ ...(reason ? { reason } : {}), fields: { url: [expect.any(String)] } });
    expect(await captureCount()).toBe(before);
  });

  it("refuses a redirect to the metadata service, an image, a page without text, and answers a 404 as 502", async () => {
    const before = await captureCount();
    const redirected = await capture(`${base}/to-metadata`);
    expect(redirected.status).toBe(422);
    expect(redirected.json.error!.details).toMatchObject({ reason: "blocked_address" });
    const image = await capture(`${base}/logo.png`);
    expect(image.status).toBe(422);
    expect(image.json.error!.details).toMatchObject({ reason: "bad_content_type", fields: { url: [expect.stringMatching(/image\/png/)] } });
    const empty = await capture(`${base}/empty`);
    expect(empty.status).toBe(422);
    expect(empty.json.error!.details).toMatchObject({ fields: { url: ["The page has no text to keep"] } });
    const missing = await capture(`${base}/gone`);
    expect(missing.status).toBe(502);
    expect(missing.json.error).toMatchObject({ code: "bad_gateway", details: { reason: "bad_status", status: 404 } });
    expect(await captureCount()).toBe(before);
  });

  it("is for analysts: a viewer gets 403", async () => {
    expect((await capture(`${base}/news/treasury-machine-tools`, team.tokens.viewer)).status).toBe(403);
  });
});
