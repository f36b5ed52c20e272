import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pdfBomb } from "@/lib/testing/hostile-documents";
import { db } from "@/lib/db/client";
import { demoIssues } from "@/lib/seed/demo-data";
import { readReferenceArticle } from "@/lib/seed/seed";
import { withTestDatabase } from "@/lib/testing/db";
import { RANKED_MATCHES } from "@/lib/validation/documents";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as documents from "./route";
import * as analyze from "./analyze/route";
import * as documentItem from "./[id]/route";
import * as issueEvidence from "../issues/[id]/evidence/route";
import * as evidenceItem from "../evidence/[id]/route";
import * as sources from "../sources/route";
import * as sourceItem from "../sources/[id]/route";

withTestDatabase();

let team: TestTeam;
let other: TestTeam;
let issueIds: string[];
const article = readReferenceArticle();

beforeAll(async () => {
  team = await createTestTeam();
  other = await createTestTeam("Other team");
  issueIds = [];
  for (const issue of demoIssues) {
    const { title, summary, category, status, likelihood, impact, jurisdictions, actors, hsCodes, tags } = issue;
    issueIds.push((await createTestIssue(team.actors.analyst, { title, summary, category, status, likelihood, impact, jurisdictions, actors, hsCodes, tags })).id);
  }
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const counts = async (teamId: string) => [await db.document.count({ where: { teamId } }), await db.evidence.count({ where: { teamId } }), await db.event.count({ where: { teamId } })];

function upload(name: string, content: string | Uint8Array, fields: Record<string, string> = {}, path = "/api/documents") {
  const form = new FormData();
  form.set("file", new File([content as BlobPart], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new Request(`http://localhost:3000${path}`, { method: "POST", body: form, headers: { authorization: `Bearer ${team.tokens.analyst}` } });
}

async function send(handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, request: Request) {
  const response = await handler(request, { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: { code: string; details?: unknown } } };
}

function pdfBytes(text: string): Promise<Uint8Array> {
  return new Promise((resolve) => {
    const pdf = new PDFDocument({ info: { CreationDate: new Date("2024-04-20") } });
    const chunks: Buffer[] = [];
    pdf.on("data", (c: Buffer) => chunks.push(c));
    pdf.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.text(text);
    pdf.end();
  });
}

describe("POST /api/documents/analyze", () => {
  it("suggests the four seeded issues, the categories and the people on the reference article, and writes nothing", async () => {
    const before = await counts(team.teamId);
    const response = await call(analyze.POST, "POST", "/api/documents/analyze", { token: team.tokens.analyst, body: { text: article } });
    expect(response.status).toBe(200);
    const result = response.json as unknown as {
      issues: Array<{ issueId: string; passages: Array<{ start: number; end: number; text: string }> }>;
      categories: Array<{ slug: string }>;
      people: Array<{ name: string }>;
      places: Array<{ name: string }>;
      text: string;
      duplicateOf: string | null;
      relevance: number;
      related: boolean;
      relevanceExplained: { issueId: string | null; reasons: Array<{ part: string; weight: number; found: string[] }> };
    };
    expect(result.issues.map((i) => i.issueId).sort()).toEqual([...issueIds].sort());
    // The reference article is the watchlist's story: related, with the issue it speaks to most and why.
    expect(result).toMatchObject({ related: true });
    expect(result.relevance).toBeGreaterThanOrEqual(0.5);
    expect(result.relevance).toBeLessThanOrEqual(1);
    expect(issueIds).toContain(result.relevanceExplained.issueId);
    expect(result.relevanceExplained.reasons.map((r) => r.part)).toEqual(expect.arrayContaining(["topic", "place"]));
    for (const issue of result.issues) for (const p of issue.passages) expect(result.text.slice(p.start, p.end)).toBe(p.text);
    expect(result.categories.map((c) => c.slug)).toEqual(expect.arrayContaining(["dual-use-technology", "financial-institutions", "microelectronics-chips", "engines-propulsion"]));
    expect(result.people.map((p) => p.name)).toEqual(expect.arrayContaining(["Antony Blinken", "Wang Yi", "Kurt Campbell"]));
    expect(result.places.map((p) => p.name)).toEqual(expect.arrayContaining(["China", "Russia"]));
    expect(result.duplicateOf).toBeNull();
    expect(await counts(team.teamId)).toEqual(before);
  });

  it("analyzes an upload and returns its extracted text", async () => {
    const html = "<html><head><style>p{}</style><script>alert(1)</script></head><body><p>EU banks face secondary sanctions over payments.</p></body></html>";
    const response = await send(analyze.POST, upload("note.html", html, {}, "/api/documents/analyze"));
    expect(response.status).toBe(200);
    expect(response.json.text).toContain("EU banks face secondary sanctions");
    expect(response.json.text).not.toContain("alert");
  });
});

describe("hostile documents (issue 18)", () => {
  const fileErrors = (json: { error?: { details?: unknown } }) => (json.error?.details as { fields?: { file?: string[] } } | undefined)?.fields?.file ?? [];

  it.each([
    ["a PDF whose stream inflates to 100 MB", () => pdfBomb(100), /expands to more than 64 MB/],
    ["HTML nested 20,000 elements deep", () => "<div>".repeat(20_000) + "Sanctions on chips." + "</div>".repeat(20_000), /more than 256 levels deep/],
  ] as const)("refuses %s with a 422 saying why, and writes nothing", async (_name, make, reason) => {
    const content = make();
    const name = typeof content === "string" ? "page.html" : "bomb.pdf";
    const before = await counts(team.teamId);
    for (const [handler, path] of [[analyze.POST, "/api/documents/analyze"], [documents.POST, "/api/documents"]] as const) {
      const response = await send(handler, upload(name, content, {}, path));
      expect(response.status).toBe(422);
      expect(response.json.error?.code).toBe("validation_failed");
      expect(fileErrors(response.json)).toEqual([expect.stringMatching(reason)]);
    }
    expect(await counts(team.teamId)).toEqual(before);
  });

  it("analyses the report's adversarial text (titles over and over) promptly, and writes nothing", async () => {
    const before = await counts(team.teamId);
    const text = "Mr. Smith met Dr. Jones in Paris. ".repeat(3500);
    const response = await call(analyze.POST, "POST", "/api/documents/analyze", { token: team.tokens.analyst, body: { text } });
    expect(response.status).toBe(200);
    expect((response.json as { places: Array<{ name: string; mentions: number }> }).places).toEqual([expect.objectContaining({ name: "Paris", mentions: 3500 })]);
    expect(await counts(team.teamId)).toEqual(before);
  });
});

describe("POST /api/documents", () => {
  it("stores JSON text with evidence links in one step, and the same content again is a 409 pointing at it", async () => {
    const quote = "sanctions against Chinese financial institutions";
    const response = await call(documents.POST, "POST", "/api/documents", {
      token: team.tokens.analyst,
      body: { text: article, url: "https://example.org/blinken", publishedAt: "2024-04-20", evidence: [{ issueId: issueIds[1], quote, credibility: 2, stance: "escalating" }] },
    });
    expect(response.status).toBe(201);
    expect(response.json).toMatchObject({ title: "Blinken to Warn China of Sanctions Over Support for Russia During April Visit", evidenceCount: 1, publishedAt: "2024-04-20T00:00:00.000Z" });
    const id = String(response.json.id);

    const before = await counts(team.teamId);
    const again = await call(documents.POST, "POST", "/api/documents", { token: team.tokens.analyst, body: { text: `  ${article.toUpperCase().replace(/\n/g, "\n\n")}  ` } });
    expect(again.status).toBe(409);
    expect(again.json.error).toMatchObject({ code: "conflict", details: { documentId: id } });
    expect(await counts(team.teamId)).toEqual(before);

    const analysis = await call(analyze.POST, "POST", "/api/documents/analyze", { token: team.tokens.analyst, body: { text: article } });
    expect(analysis.json.duplicateOf).toBe(id);
  });

  it("a bad evidence quote fails the whole save: nothing is written", async () => {
    const before = await counts(team.teamId);
    const response = await call(documents.POST, "POST", "/api/documents", {
      token: team.tokens.analyst,
      body: { text: "A statement about engines.", evidence: [{ issueId: issueIds[3], quote: "not in the text", credibility: 3, stance: "context" }] },
    });
    expect(response.status).toBe(422);
    expect(await counts(team.teamId)).toEqual(before);
  });

  it.each([
    ["statement.txt", "Treasury designates three banks for payments to Russia's defense sector.", "Treasury designates three banks"],
    ["brief.md", "# Brief\n\nChips and **semiconductors** reach Russia via third countries.", "semiconductors"],
    ["page.html", "<html><body><script>steal()</script><style>.x{}</style><h1>Drone engines</h1><p>Engines for UAVs &amp; cruise missiles.</p></body></html>", "Engines for UAVs & cruise missiles."],
  ])("stores an uploaded %s as text", async (name, content, expected) => {
    const response = await send(documents.POST, upload(name, content));
    expect(response.status).toBe(201);
    const stored = await call(documentItem.GET, "GET", `/api/documents/${response.json.id}`, { token: team.tokens.viewer, params: { id: String(response.json.id) } });
    expect(stored.json.text).toContain(expected);
    expect(stored.json.text).not.toMatch(/steal|\.x\{/);
  });

  it("stores an uploaded PDF's text", async () => {
    const response = await send(documents.POST, upload("notice.pdf", await pdfBytes("Council adopts the 14th package of sanctions against Russia.")));
    expect(response.status).toBe(201);
    const stored = await call(documentItem.GET, "GET", `/api/documents/${response.json.id}`, { token: team.tokens.viewer, params: { id: String(response.json.id) } });
    expect(stored.json.text).toContain("Council adopts the 14th package of sanctions against Russia.");
  });

  it.each([
    ["a file over 10 MB", () => upload("big.txt", "x".repeat(10 * 1024 * 1024 + 1)), 413, "payload_too_large"],
    ["a .docx", () => upload("memo.docx", "PK..."), 415, "unsupported_media_type"],
    ["a .pdf that is not a PDF", () => upload("fake.pdf", "hello"), 415, "unsupported_media_type"],
    ["a text file that is not UTF-8", () => upload("latin1.txt", new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff])), 422, "validation_failed"],
    ["an empty file", () => upload("empty.txt", "   \n"), 422, "validation_failed"],
  ] as const)("refuses %s and writes nothing", async (_name, make, status, code) => {
    const before = await counts(team.teamId);
    const response = await send(documents.POST, make());
    expect(response.status).toBe(status);
    expect(response.json.error?.code).toBe(code);
    expect(await counts(team.teamId)).toEqual(before);
  });

  it("a viewer cannot store documents; another team's source is 404", async () => {
    expect((await call(documents.POST, "POST", "/api/documents", { token: team.tokens.viewer, body: { text: "x" } })).status).toBe(403);
    const foreign = await call(sources.POST, "POST", "/api/sources", { token: other.tokens.analyst, body: { name: "Foreign desk" } });
    const response = await call(documents.POST, "POST", "/api/documents", { token: team.tokens.analyst, body: { text: "Some other text.", sourceId: foreign.json.id } });
    expect(response.status).toBe(404);
  });
});

describe("evidence links", () => {
  let documentId: string;
  beforeAll(async () => {
    const created = await call(documents.POST, "POST", "/api/documents", { token: team.tokens.analyst, body: { text: `${article}\n\nAppendix for linking tests.` } });
    documentId = String(created.json.id);
  });

  it("links an exact quote (offsets kept, grade shown), refuses inexact quotes (422), duplicates (409) and foreign ids (404)", async () => {
    const quote = "supplying everything from chips to engines for cruise missiles";
    const link = (issueId: string, body: Record<string, unknown>, token = team.tokens.analyst) =>
      call(issueEvidence.POST, "POST", `/api/issues/${issueId}/evidence`, { token, params: { id: issueId }, body: { documentId, credibility: 2, stance: "escalating", ...body } });

    const created = await link(issueIds[2]!, { quote });
    expect(created.status).toBe(201);
    const start = Number(created.json.quoteStart);
    expect(`${article}\n\nAppendix for linking tests.`.slice(start, Number(created.json.quoteEnd))).toBe(quote);
    expect(created.json.grade).toBe("F2"); // no source yet: reliability cannot be judged

    expect((await link(issueIds[2]!, { quote })).status).toBe(409);
    expect((await link(issueIds[3]!, { quote: quote.toUpperCase() })).status).toBe(422);
    expect((await link(issueIds[3]!, { quote, quoteStart: start + 1 })).status).toBe(422);
    expect((await link(issueIds[3]!, { quote, quoteStart: start })).status).toBe(201);
    expect((await link(issueIds[3]!, { quote: "Blinken" }, team.tokens.viewer)).status).toBe(403);

    const foreignIssue = await createTestIssue(other.actors.analyst);
    expect((await link(foreignIssue.id, { quote: "Blinken" })).status).toBe(404);
    expect((await call(issueEvidence.POST, "POST", `/api/issues/${foreignIssue.id}/evidence`, { token: other.tokens.analyst, params: { id: foreignIssue.id }, body: { documentId, quote: "Blinken", credibility: 1, stance: "context" } })).status).toBe(404);
  });

  it("an evidence row that names another team's document (written before restores were checked) cannot be edited: 404, its text not probed", async () => {
    const secret = await call(documents.POST, "POST", "/api/documents", { token: other.tokens.analyst, body: { text: "The other team's secret: falcon." } });
    const planted = await db.evidence.create({
      data: { teamId: team.teamId, issueId: issueIds[0]!, documentId: String(secret.json.id), quote: "The", quoteStart: 0, quoteEnd: 3, credibility: 3, stance: "context" },
    });
    const probe = (quote: string) => call(evidenceItem.PATCH, "PATCH", `/api/evidence/${planted.id}`, { token: team.tokens.analyst, params: { id: planted.id }, body: { quote, quoteStart: 0 } });
    expect((await probe("The other")).status).toBe(404);
    expect((await probe("Not there")).status).toBe(404);
    await db.evidence.delete({ where: { id: planted.id } });
  });

  it("refuses bidirectional controls in a document's title and a source's name (422)", async () => {
    const before = await counts(team.teamId);
    const document = await call(documents.POST, "POST", "/api/documents", { token: team.tokens.analyst, body: { text: "Plain text.", title: "Report \u202Efdp.exe" } });
    expect(document.status).toBe(422);
    expect(document.json.error).toMatchObject({ details: { fields: { title: [expect.stringContaining("bidirectional")] } } });
    const source = await call(sources.POST, "POST", "/api/sources", { token: team.tokens.analyst, body: { name: "\u2067Ministry\u2069" } });
    expect(source.status).toBe(422);
    expect(await counts(team.teamId)).toEqual(before);
  });

  it("edits and removes a link, each with an event on the issue's history", async () => {
    const created = await call(issueEvidence.POST, "POST", `/api/issues/${issueIds[0]}/evidence`, {
      token: team.tokens.analyst,
      params: { id: issueIds[0]! },
      body: { documentId, quote: "primary contributor to Russia's defense industrial base", credibility: 3, stance: "escalating" },
    });
    const id = String(created.json.id);
    const edited = await call(evidenceItem.PATCH, "PATCH", `/api/evidence/${id}`, { token: team.tokens.analyst, params: { id }, body: { credibility: 1, note: "Confirmed by Treasury" } });
    expect(edited.json).toMatchObject({ credibility: 1, note: "Confirmed by Treasury", grade: "F1" });
    expect((await call(evidenceItem.PATCH, "PATCH", `/api/evidence/${id}`, { token: team.tokens.analyst, params: { id }, body: { quote: "not there" } })).status).toBe(422);
    expect((await call(evidenceItem.PATCH, "PATCH", `/api/evidence/${id}`, { token: other.tokens.admin, params: { id }, body: { credibility: 6 } })).status).toBe(404);
    expect((await call(evidenceItem.DELETE, "DELETE", `/api/evidence/${id}`, { token: team.tokens.analyst, params: { id } })).status).toBe(204);
    expect((await call(evidenceItem.DELETE, "DELETE", `/api/evidence/${id}`, { token: team.tokens.analyst, params: { id } })).status).toBe(404);
    const events = await db.event.findMany({ where: { entityId: id }, orderBy: { at: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["evidence_added", "evidence_updated", "evidence_removed"]);
  });
});

describe("GET /api/documents (search)", () => {
  let sourceId: string;
  beforeAll(async () => {
    const source = await call(sources.POST, "POST", "/api/sources", { token: team.tokens.analyst, body: { name: "Official Journal", kind: "agency", reliability: "A" } });
    sourceId = String(source.json.id);
    for (const [title, text, publishedAt] of [
      ["Turbojet exports", "Export licences for turbojets and turbine engines were revoked.", "2024-05-01"],
      ["Bank designations", "Three banks were designated for processing payments; the banks lost access to dollar clearing.", "2024-06-01"],
    ] as const) {
      await call(documents.POST, "POST", "/api/documents", { token: team.tokens.analyst, body: { title, text, publishedAt, sourceId } });
    }
    await call(documents.POST, "POST", "/api/documents", { token: other.tokens.analyst, body: { title: "Other team's banks", text: "Banks banks banks." } });
  });

  const search = async (query: string) => {
    const response = await call(documents.GET, "GET", `/api/documents?${query}`, { token: team.tokens.viewer });
    expect(response.status).toBe(200);
    return response.json as unknown as { items: Array<{ title: string; snippet: string | null; rank: number | null; source: { name: string } | null }>; total: number };
  };

  it("ranks by relevance with stemming, highlights the matches, and never shows another team's documents", async () => {
    const result = await search("q=bank");
    expect(result.items[0]!.title).toBe("Bank designations");
    expect(result.items[0]!.snippet).toContain("\u0002banks\u0003");
    expect(result.items.some((d) => d.title.startsWith("Other team"))).toBe(false);
    expect((await search('q="turbine engines"')).items.map((d) => d.title)).toEqual(["Turbojet exports"]);
    expect((await search("q=banks -dollar")).items.map((d) => d.title)).not.toContain("Bank designations");
  });

  it("filters by source, reliability, date and issue", async () => {
    expect((await search(`source=${sourceId}`)).total).toBe(2);
    expect((await search("reliability=A&q=engines")).items.map((d) => d.title)).toEqual(["Turbojet exports"]);
    expect((await search("from=2024-05-15&reliability=A")).items.map((d) => d.title)).toEqual(["Bank designations"]);
    expect((await search(`issue=${issueIds[1]}`)).items.map((d) => d.title)).toEqual(["Blinken to Warn China of Sanctions Over Support for Russia During April Visit"]);
    expect((await search("q=")).total).toBeGreaterThanOrEqual(3);
  });

  it(`ranks and counts the ${RANKED_MATCHES} newest matches of a broad search, says so, and reaches older ones by date`, async () => {
    const library = await createTestTeam("Large library");
    try {
      const day = (n: number) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000);
      // The oldest document is the most relevant (the word three times), so only the cap keeps it off the first page.
      const rows = Array.from({ length: RANKED_MATCHES + 5 }, (_, n) => ({
        teamId: library.teamId,
        title: `Bulletin ${n}`,
        text: n === 0 ? "Centrifuge centrifuge centrifuge parts were seized." : `Bulletin ${n}: a centrifuge shipment was inspected.`,
        contentHash: `bulk-${n}`,
        publishedAt: day(n),
      }));
      await db.document.createMany({ data: rows });
      // An undated document comes after every dated one: with this many newer matches, it is not ranked.
      await db.document.create({ data: { teamId: library.teamId, title: "Undated", text: "Centrifuge centrifuge centrifuge rotors.", contentHash: "undated" } });
      const get = async (query: string) => (await call(documents.GET, "GET", `/api/documents?${query}`, { token: library.tokens.viewer })).json as { items: Array<{ title: string }>; total: number; capped: boolean };

      const broad = await get("q=centrifuge&pageSize=100");
      expect(broad).toMatchObject({ total: RANKED_MATCHES, capped: true });
      expect(broad.items.map((d) => d.title)).not.toContain("Bulletin 0");
      expect(broad.items.map((d) => d.title)).not.toContain("Undated");
      const older = await get(`q=centrifuge&to=${day(10).toISOString().slice(0, 10)}`);
      expect(older).toMatchObject({ total: 11, capped: false });
      expect(older.items[0]!.title).toBe("Bulletin 0");
      // Without a search the library is listed in full, newest first.
      expect(await get("pageSize=1")).toMatchObject({ total: RANKED_MATCHES + 6, capped: false, items: [{ title: `Bulletin ${RANKED_MATCHES + 4}` }] });
      // With few matches, the undated one is ranked with the others: here, first.
      expect((await get("q=centrifuge%20rotors")).items.map((d) => d.title)).toEqual(["Undated"]);
    } finally {
      await purgeTeam(library.teamId);
    }
  });

  it("changing a source's reliability changes the grade and is recorded", async () => {
    const changed = await call(sourceItem.PATCH, "PATCH", `/api/sources/${sourceId}`, { token: team.tokens.analyst, params: { id: sourceId }, body: { reliability: "B" } });
    expect(changed.json).toMatchObject({ reliability: "B", documentCount: 2 });
    const event = await db.event.findFirstOrThrow({ where: { entityId: sourceId, action: "reliability_changed" } });
    expect(event).toMatchObject({ before: { reliability: "A" }, after: { reliability: "B" } });
    expect((await call(sources.POST, "POST", "/api/sources", { token: team.tokens.analyst, body: { name: "Official Journal" } })).status).toBe(409);
    expect((await call(sourceItem.PATCH, "PATCH", `/api/sources/${sourceId}`, { token: other.tokens.admin, params: { id: sourceId }, body: { reliability: "E" } })).status).toBe(404);
  });
});
