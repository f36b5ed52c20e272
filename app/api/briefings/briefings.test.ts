import JSZip from "jszip";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { BriefingFormatName } from "@/lib/briefings/export/formats";
import { createDocument } from "@/lib/services/documents";
import { linkEvidence } from "@/lib/services/evidence";
import { deleteIssue, updateIssue } from "@/lib/services/issues";
import { createSource } from "@/lib/services/sources";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call, TEST_ORIGIN } from "@/lib/testing/http";
import type { BriefingDetail, BriefingPage } from "@/lib/validation/briefings";
import * as collection from "./route";
import * as item from "./[id]/route";
import * as exporter from "./[id]/export/route";

withTestDatabase();

// Briefings over the API, against the real database: the snapshot, the "changes since" read from the
// history, the exports (media type, attachment, same bytes twice), roles and team isolation.
//
// Decided here (and in lib/services/briefings.ts): a team's first briefing is the baseline. It lists no
// changes (not the team's whole history) and marks every issue "new"; later briefings list what happened
// to their issues (and the previous briefing's) since the previous briefing.

const ARTICLE =
  "Washington is weighing sanctions on Chinese banks that clear payments for dual-use goods. " +
  "Officials said two state-owned lenders had already cut ties with Russian clients. " +
  "Treasury named the first regional bank on Friday.";

let team: TestTeam;
let other: TestTeam;
beforeAll(async () => {
  team = await createTestTeam("Briefing team");
  other = await createTestTeam("Other briefing team");
});
afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const create = (body: unknown, token = team.tokens.analyst) => call(collection.POST, "POST", "/api/briefings", { token, body });
const detail = (id: string, token = team.tokens.viewer) => call(item.GET, "GET", `/api/briefings/${id}`, { token, params: { id } });

/** An export as bytes (the `call` helper reads bodies as text, which would mangle a PDF). */
async function download(id: string, format: string, token = team.tokens.viewer) {
  const request = new Request(new URL(`/api/briefings/${id}/export?format=${format}`, TEST_ORIGIN), { headers: { authorization: `Bearer ${token}` } });
  const response = await exporter.GET(request, { params: Promise.resolve({ id }) });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

const briefingCount = (teamId: string) => db.briefing.count({ where: { teamId } });

describe("POST /api/briefings and the changes since the previous briefing", () => {
  const analyst = () => team.actors.analyst;
  let banks: { id: string; version: number };
  let insurers: { id: string; version: number };
  let chips: { id: string; version: number };
  let first: BriefingDetail;
  let documentId: string;

  beforeAll(async () => {
    banks = await createTestIssue(analyst(), { title: "Chinese banks clearing dual-use payments", category: "financial-institutions", status: "warning_issued", likelihood: "likely", impact: 5 });
    insurers = await createTestIssue(analyst(), { title: "Insurers of shadow-fleet tankers", category: "financial-institutions", status: "monitoring", likelihood: "unlikely", impact: 3 });
    chips = await createTestIssue(analyst(), { title: "Chip re-exports through Central Asia", category: "microelectronics-chips", status: "monitoring", impact: 4 });
    const source = await createSource(analyst(), { name: "Wire service", kind: "outlet", url: null, reliability: "B" });
    const document = await createDocument(analyst(), {
      text: ARTICLE,
      title: "Washington weighs sanctions on Chinese banks",
      url: "https://example.org/banks",
      publishedAt: new Date("2024-04-19"),
      sourceId: source.id,
      evidence: [],
    });
    documentId = document.id;
    await linkEvidence(analyst(), banks.id, { documentId, quote: "Washington is weighing sanctions on Chinese banks", credibility: 2, stance: "escalating", note: "First public signal." });
  });

  it("201: the first briefing snapshots the filtered issues with their evidence, lists no changes, and is recorded", async () => {
    const response = await create({
      title: "Financial institutions – weekly",
      marking: "TLP:AMBER",
      keyJudgments: "Secondary sanctions on Chinese banks are likely within three months.",
      filter: { category: "financial-institutions", sort: "-risk" },
    });
    expect(response.status).toBe(201);
    first = response.json as unknown as BriefingDetail;
    expect(response.headers.get("location")).toBe(`/api/briefings/${first.id}`);
    expect(first).toMatchObject({ title: "Financial institutions – weekly", marking: "TLP:AMBER", issueCount: 2, changeCount: 0, previousBriefingId: null, createdBy: "token: analyst token" });
    const { snapshot } = first;
    expect(snapshot).toMatchObject({ id: first.id, formatVersion: 1, previousBriefing: null, changes: [], filter: { category: ["financial-institutions"], sort: "-risk" } });
    expect(snapshot.issues.map((i) => [i.title, i.trend])).toEqual([
      ["Chinese banks clearing dual-use payments", "new"],
      ["Insurers of shadow-fleet tankers", "new"],
    ]);
    expect(snapshot.issues[0]).toMatchObject({ status: "warning_issued", likelihood: "likely", impact: 5, riskScore: 25, category: "Financial institutions" });
    expect(snapshot.issues[0]!.evidence).toEqual([
      expect.objectContaining({
        documentTitle: "Washington weighs sanctions on Chinese banks",
        url: "https://example.org/banks",
        sourceName: "Wire service",
        sourceReliability: "B",
        credibility: 2,
        stance: "escalating",
        quote: "Washington is weighing sanctions on Chinese banks",
        publishedAt: "2024-04-19T00:00:00.000Z",
      }),
    ]);
    const events = await db.event.findMany({ where: { teamId: team.teamId, entityType: "briefing", entityId: first.id } });
    expect(events.map((e) => e.action)).toEqual(["created"]);
  });

  it("the second briefing lists exactly the changes made since the first, with rationales, and the trend", async () => {
    // Known changes between the two briefings: a status move, a likelihood change, new evidence, a new
    // issue matching the filter, a deletion of an issue the first briefing held…
    const moved = await updateIssue(analyst(), banks.id, banks.version, { status: "measures_threatened", rationale: "Treasury named the first regional bank." });
    await updateIssue(analyst(), banks.id, moved.version, { likelihood: "very_likely", rationale: "Two lenders already cut ties." });
    await linkEvidence(analyst(), banks.id, { documentId, quote: "Treasury named the first regional bank on Friday.", credibility: 1, stance: "escalating", note: "" });
    const reinsurers = await createTestIssue(analyst(), { title: "Reinsurers of Russian cargo", category: "financial-institutions", status: "warning_issued", likelihood: "roughly_even_chance" });
    await deleteIssue(analyst(), insurers.id, insurers.version);
    // …and a change to an issue in neither briefing, which must not be listed.
    await updateIssue(analyst(), chips.id, chips.version, { status: "warning_issued", rationale: "Not part of this briefing." });

    const response = await create({ title: "Financial institutions – week 2", marking: "TLP:GREEN", filter: { category: ["financial-institutions"] } });
    expect(response.status).toBe(201);
    const second = response.json as unknown as BriefingDetail;
    expect(second.previousBriefingId).toBe(first.id);
    expect(second.snapshot.previousBriefing).toEqual({ id: first.id, title: "Financial institutions – weekly", createdAt: first.createdAt });
    expect(second.snapshot.changes.map(({ kind, issueTitle, from, to, summary, actor }) => ({ kind, issueTitle, from, to, summary, actor }))).toEqual([
      { kind: "status", issueTitle: "Chinese banks clearing dual-use payments", from: "warning_issued", to: "measures_threatened", summary: "Treasury named the first regional bank.", actor: "Test analyst" },
      { kind: "likelihood", issueTitle: "Chinese banks clearing dual-use payments", from: "likely", to: "very_likely", summary: "Two lenders already cut ties.", actor: "Test analyst" },
      { kind: "evidence", issueTitle: "Chinese banks clearing dual-use payments", from: null, to: "Washington weighs sanctions on Chinese banks", summary: "Graded B1, escalating.", actor: "Test analyst" },
      { kind: "created", issueTitle: "Reinsurers of Russian cargo", from: null, to: null, summary: "Added to the watchlist: Warning issued, roughly even chance.", actor: "Test analyst" },
      { kind: "deleted", issueTitle: "Insurers of shadow-fleet tankers", from: null, to: null, summary: "Taken off the watchlist.", actor: "Test analyst" },
    ]);
    const times = second.snapshot.changes.map((c) => c.at);
    expect(times.every((at) => at > first.createdAt && at <= second.createdAt)).toBe(true);
    expect([...times].sort()).toEqual(times);
    expect(second.snapshot.issues.map((i) => [i.id, i.trend])).toEqual([
      [banks.id, "escalating"],
      [reinsurers.id, "new"],
    ]);
    // Most credible evidence first.
    expect(second.snapshot.issues[0]!.evidence.map((e) => e.credibility)).toEqual([1, 2]);
    // The Markdown export carries the section.
    const markdown = (await download(second.id, "md")).bytes.toString("utf8");
    expect(markdown).toContain("## Changes since Financial institutions – weekly");
    expect(markdown).toContain("Status: Warning issued → Measures threatened. Treasury named the first regional bank.");
  });

  it("keeps each briefing as it was: later changes alter neither its snapshot nor its files", async () => {
    const before = await detail(first.id);
    const pdf = await download(first.id, "pdf");
    const current = await db.issue.findUniqueOrThrow({ where: { id: banks.id }, select: { version: true } });
    await updateIssue(analyst(), banks.id, current.version, { title: "Renamed after the briefing" });
    expect((await detail(first.id)).json).toEqual(before.json);
    expect((await download(first.id, "pdf")).bytes.equals(pdf.bytes)).toBe(true);
  });

  it("takes hand-picked issues in the given order; an unknown or another team's id is 422 with its position", async () => {
    const picked = await create({ title: "Hand-picked", marking: "TLP:CLEAR", issueIds: [chips.id, banks.id, chips.id] });
    expect(picked.status).toBe(201);
    const briefing = picked.json as unknown as BriefingDetail;
    expect(briefing.snapshot.issues.map((i) => i.id)).toEqual([chips.id, banks.id]);
    expect(briefing.snapshot.filter).toEqual({ issueIds: [chips.id, banks.id] });

    const foreign = await createTestIssue(other.actors.analyst, { title: "Other team's issue" });
    const before = await briefingCount(team.teamId);
    const refused = await create({ title: "Bad pick", marking: "TLP:CLEAR", issueIds: [banks.id, foreign.id, "0190a000-0000-7000-8000-000000000000", insurers.id] });
    expect(refused.status).toBe(422);
    expect((refused.json.error?.details as { fields: Record<string, string[]> }).fields).toEqual({
      "issueIds.1": ["No such issue on your team's watchlist"],
      "issueIds.2": ["No such issue on your team's watchlist"],
      "issueIds.3": ["No such issue on your team's watchlist"], // deleted
    });
    expect(await briefingCount(team.teamId)).toBe(before);
  });

  it("accepts a filter written with JSON numbers and booleans, and a filter that matches nothing", async () => {
    const response = await create({ title: "Nothing due", marking: "TLP:RED", filter: { impact: [1], reviewDue: true, status: "lifted" } });
    expect(response.status).toBe(201);
    const briefing = response.json as unknown as BriefingDetail;
    expect(briefing.snapshot.filter).toEqual({ impact: [1], reviewDue: true, status: ["lifted"], sort: "-risk" });
    expect(briefing.issueCount).toBe(0);
    expect((await download(briefing.id, "md")).bytes.toString("utf8")).toContain("No issues matched this briefing's filter.");
  });
});

describe("validation and access", () => {
  const valid = { title: "Weekly", marking: "TLP:CLEAR", filter: {} };

  it.each([
    ["no title or marking", { filter: {} }, ["marking", "title"]],
    ["an empty title", { ...valid, title: "  " }, ["title"]],
    ["an unknown marking", { ...valid, marking: "SECRET" }, ["marking"]],
    ["neither filter nor issueIds", { title: "Weekly", marking: "TLP:CLEAR" }, ["filter"]],
    ["both filter and issueIds", { ...valid, issueIds: ["x"] }, ["filter"]],
    ["no issues picked", { title: "Weekly", marking: "TLP:CLEAR", issueIds: [] }, ["issueIds"]],
    ["an unknown status in the filter", { ...valid, filter: { status: ["bogus"] } }, ["filter.status.0"]],
    ["an unknown filter", { ...valid, filter: { colour: "red" } }, ["filter"]],
    ["paging in the filter", { ...valid, filter: { page: 2 } }, ["filter"]],
    ["an unknown field", { ...valid, format: "pdf" }, ["(body)"]],
  ])("422 for %s, naming the fields, nothing written", async (_name, body, fields) => {
    const before = await briefingCount(team.teamId);
    const response = await create(body);
    expect(response.status).toBe(422);
    expect(response.json.error?.code).toBe("validation_failed");
    expect(Object.keys((response.json.error?.details as { fields: Record<string, string[]> }).fields).sort()).toEqual(fields);
    expect(await briefingCount(team.teamId)).toBe(before);
  });

  it("a viewer can read and export but not create (403); no credentials is 401", async () => {
    const before = await briefingCount(team.teamId);
    const refused = await create({ title: "By a viewer", marking: "TLP:CLEAR", filter: {} }, team.tokens.viewer);
    expect(refused.status).toBe(403);
    expect(refused.json.error?.code).toBe("forbidden");
    expect(await briefingCount(team.teamId)).toBe(before);
    const made = await create({ title: "For the viewer", marking: "TLP:CLEAR", filter: {} });
    const id = String(made.json.id);
    expect((await detail(id, team.tokens.viewer)).status).toBe(200);
    expect((await download(id, "csv", team.tokens.viewer)).status).toBe(200);
    expect((await call(collection.GET, "GET", "/api/briefings", { token: team.tokens.viewer })).status).toBe(200);
    expect((await call(collection.GET, "GET", "/api/briefings", {})).status).toBe(401);
    expect((await call(item.GET, "GET", `/api/briefings/${id}`, { params: { id } })).status).toBe(401);
  });

  it("another team's briefing is 404 to read and to export, and absent from its list", async () => {
    const made = await create({ title: "Ours only", marking: "TLP:RED", filter: {} });
    const id = String(made.json.id);
    for (const response of [await detail(id, other.tokens.admin), await detail("0190a000-0000-7000-8000-000000000000"), await detail("not-an-id")]) {
      expect(response.status).toBe(404);
      expect(response.json.error?.code).toBe("not_found");
    }
    expect((await download(id, "pdf", other.tokens.admin)).status).toBe(404);
    const list = await call(collection.GET, "GET", "/api/briefings", { token: other.tokens.viewer });
    expect((list.json as unknown as BriefingPage).items.some((b) => b.id === id)).toBe(false);
  });

  it("export needs a known format (422)", async () => {
    const made = await create({ title: "Formats", marking: "TLP:CLEAR", filter: {} });
    const id = String(made.json.id);
    for (const query of ["format=xlsx", "format=", ""]) {
      const response = await call(exporter.GET, "GET", `/api/briefings/${id}/export?${query}`, { token: team.tokens.viewer, params: { id } });
      expect(response.status).toBe(422);
      expect(Object.keys((response.json.error?.details as { fields: Record<string, string[]> }).fields)).toEqual(["format"]);
    }
  });
});

describe("GET /api/briefings", () => {
  it("lists the team's briefings newest first, with counts and a download link per format", async () => {
    const fresh = await createTestTeam("List team");
    try {
      const empty = await call(collection.GET, "GET", "/api/briefings", { token: fresh.tokens.viewer });
      expect(empty.json).toEqual({ items: [], total: 0, page: 1, pageSize: 25 });
      await createTestIssue(fresh.actors.analyst, { title: "Listed issue" });
      const ids: string[] = [];
      for (const title of ["Older", "Newer"]) {
        const made = await create({ title, marking: "TLP:GREEN", filter: {} }, fresh.tokens.analyst);
        ids.push(String(made.json.id));
      }
      const page = (await call(collection.GET, "GET", "/api/briefings?pageSize=1", { token: fresh.tokens.viewer })).json as unknown as BriefingPage;
      expect(page).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(page.items).toHaveLength(1);
      const [newest] = page.items;
      expect(newest).toMatchObject({ id: ids[1], title: "Newer", marking: "TLP:GREEN", issueCount: 1, changeCount: 0, previousBriefingId: ids[0], createdBy: "token: analyst token" });
      expect(newest!.exports.map((e) => [e.format, e.href])).toEqual(
        ["md", "docx", "pdf", "csv", "json"].map((format) => [format, `/api/briefings/${ids[1]}/export?format=${format}`]),
      );
      expect(newest!.exports[2]!.fileName).toBe(`newer-${newest!.createdAt.slice(0, 10)}.pdf`);
      const second = (await call(collection.GET, "GET", "/api/briefings?pageSize=1&page=2", { token: fresh.tokens.viewer })).json as unknown as BriefingPage;
      expect(second.items.map((b) => b.id)).toEqual([ids[0]]);
    } finally {
      await purgeTeam(fresh.teamId);
    }
  });
});

describe("GET /api/briefings/{id}/export", () => {
  let briefing: BriefingDetail;
  beforeAll(async () => {
    await createTestIssue(team.actors.analyst, { title: "=cmd|' /C calc'!A0", category: "other" });
    const made = await create({ title: "Export check: China's banks", marking: "TLP:AMBER+STRICT", keyJudgments: "Likely.", filter: { category: "other" } });
    briefing = made.json as unknown as BriefingDetail;
  });

  const expectations: Record<BriefingFormatName, { type: string; check: (bytes: Buffer) => Promise<void> | void }> = {
    md: { type: "text/markdown; charset=utf-8", check: (b) => expect(b.toString("utf8")).toMatch(/^\*\*TLP:AMBER\+STRICT\*\*\n\n# Export check/) },
    docx: {
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      check: async (b) => {
        expect(b.subarray(0, 2).toString("latin1")).toBe("PK");
        const xml = await (await JSZip.loadAsync(b)).file("word/document.xml")!.async("string");
        expect(xml).toContain("Export check: China");
      },
    },
    pdf: { type: "application/pdf", check: (b) => expect(b.subarray(0, 5).toString("latin1")).toBe("%PDF-") },
    csv: {
      type: "text/csv; charset=utf-8",
      check: (b) => {
        const rows = Papa.parse<string[]>(b.toString("utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
        expect(rows.length).toBeGreaterThan(1);
        expect(rows.flat().some((cell) => /^[=+\-@\t\r]/.test(cell))).toBe(false);
      },
    },
    json: { type: "application/json; charset=utf-8", check: (b) => expect(JSON.parse(b.toString("utf8"))).toMatchObject({ id: briefing.id, marking: "TLP:AMBER+STRICT" }) },
  };

  it.each(Object.keys(expectations) as BriefingFormatName[])("%s: media type, attachment, the same bytes every time", async (format) => {
    const [one, two] = [await download(briefing.id, format), await download(briefing.id, format)];
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toBe(expectations[format].type);
    const fileName = `export-check-chinas-banks-${briefing.createdAt.slice(0, 10)}.${format}`;
    expect(one.headers.get("content-disposition")).toBe(`attachment; filename="${fileName}"`);
    expect(briefing.exports.find((e) => e.format === format)!.fileName).toBe(fileName);
    expect(one.headers.get("content-length")).toBe(String(one.bytes.length));
    expect(one.bytes.length).toBeGreaterThan(0);
    expect(one.bytes.equals(two.bytes)).toBe(true);
    await expectations[format].check(one.bytes);
  });
});
