import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { UNREAD_COUNT_CAP } from "@/lib/services/inbox";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as documents from "../documents/route";
import * as inbox from "./route";
import * as unread from "./unread/route";
import * as bulkDismiss from "./dismiss/route";
import * as accept from "./[id]/accept/route";
import * as dismiss from "./[id]/dismiss/route";
import * as snooze from "./[id]/snooze/route";

// The inbox API (issue 14): listing with filters and cursors, triage (accept through the review form's save,
// dismiss, snooze, bulk dismiss), the unread count, and bad input answered with a 4xx and nothing written.

withTestDatabase();

const MISSING_ID = "01900000-0000-7000-8000-000000000000";
let team: TestTeam;
let other: TestTeam;
let feedId: string;
let sourceId: string;
let chipsIssue: string;
let banksIssue: string;
let theirItem: string;
const ids: Record<string, string> = {};

type Item = { id: string; title: string; state: string; relevance: number | null; related: boolean | null; relevanceReasons: string[]; issues: { id: string; title: string }[]; snoozedUntil: string | null; dismissReason: string | null; documentId: string | null; decidedBy: string | null };
type Page = { items: Item[]; nextCursor: string | null; unread: number };

async function item(teamId: string, title: string, data: { relevance?: number | null; relevanceReasons?: string[]; issueIds?: string[]; publishedAt?: Date; fetchedAt?: Date; feedId?: string } = {}) {
  const text = `${title}. The Treasury designated suppliers of microelectronics to the Russian defense industrial base.`;
  const row = await db.inboxItem.create({
    data: { teamId, title, text, url: `https://example.org/${encodeURIComponent(title)}`, contentHash: randomBytes(16).toString("hex"), relevance: data.relevance ?? null, relevanceReasons: data.relevanceReasons ?? [], issueIds: data.issueIds ?? [], publishedAt: data.publishedAt, fetchedAt: data.fetchedAt, feedId: data.feedId },
  });
  return row.id;
}

beforeAll(async () => {
  team = await createTestTeam("Inbox");
  other = await createTestTeam("Other inbox");
  sourceId = (await db.source.create({ data: { teamId: team.teamId, name: "U.S. Treasury", kind: "ministry", reliability: "A" } })).id;
  feedId = (await db.feed.create({ data: { teamId: team.teamId, sourceId, url: "https://example.org/feed", title: "Press releases", enabled: false } })).id;
  chipsIssue = (await createTestIssue(team.actors.analyst, { title: "Microelectronics supply to Russia", category: "microelectronics-chips" })).id;
  banksIssue = (await createTestIssue(team.actors.analyst, { title: "Chinese banks and secondary sanctions", category: "financial-institutions" })).id;
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 12));
  ids.chips = await item(team.teamId, "Chips designations", { relevance: 0.9, issueIds: [chipsIssue], publishedAt: day(20), fetchedAt: day(20), feedId });
  ids.banks = await item(team.teamId, "Bank warning", { relevance: 0.6, relevanceReasons: ["Place +4.5 — China (2)", "Names and tags +1.0 — Chinese banks"], issueIds: [banksIssue, chipsIssue], publishedAt: day(21), fetchedAt: day(21), feedId });
  ids.weather = await item(team.teamId, "Weather report", { relevance: 0, publishedAt: day(22), fetchedAt: day(22) });
  ids.unanalysed = await item(team.teamId, "Not analysed", { relevance: null, fetchedAt: day(23) });
  ids.old = await item(team.teamId, "Old notice", { relevance: 0.3, issueIds: [chipsIssue], publishedAt: day(1), fetchedAt: day(19), feedId });
  theirItem = await item(other.teamId, "Their item", { relevance: 1 });
});

afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const list = async (query = "", token = team.tokens.viewer) => {
  const response = await call(inbox.GET, "GET", `/api/inbox${query}`, { token });
  expect(response.status, response.text).toBe(200);
  return response.json as unknown as Page;
};
const titles = (page: Page) => page.items.map((i) => i.title);
const post = (handler: typeof dismiss.POST, path: string, id: string, body: unknown = {}, token = team.tokens.analyst) =>
  call(handler, "POST", path.replace("{id}", id), { token, body, params: { id } });

describe("GET /api/inbox", () => {
  it("lists the team's new items, newest first, with the issues they speak to and the unread count", async () => {
    const page = await list();
    expect(titles(page)).toEqual(["Not analysed", "Weather report", "Bank warning", "Chips designations", "Old notice"]);
    expect(page.unread).toBe(5);
    expect(page.nextCursor).toBeNull();
    expect(page.items[2]).toMatchObject({ state: "new", relevance: 0.6, related: true, relevanceReasons: ["Place +4.5 — China (2)", "Names and tags +1.0 — Chinese banks"], issues: [{ id: banksIssue, title: "Chinese banks and secondary sanctions" }, { id: chipsIssue }] });
    expect(page.items.find((i) => i.title === "Weather report")).toMatchObject({ relevance: 0, related: false, relevanceReasons: [] });
    expect(page.items.find((i) => i.title === "Not analysed")).toMatchObject({ relevance: null, related: null });
    expect(JSON.stringify(page)).not.toContain(theirItem);
  });

  it("ranks by relevance, unanalysed items last", async () => {
    expect(titles(await list("?sort=relevance"))).toEqual(["Chips designations", "Bank warning", "Old notice", "Weather report", "Not analysed"]);
  });

  it("pages with a cursor in either order, each item once", async () => {
    for (const sort of ["newest", "relevance"]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(`?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.items.length).toBeLessThanOrEqual(2);
        seen.push(...titles(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toEqual(titles(await list(`?sort=${sort}`)));
    }
  });

  it("filters by feed, issue, category, relevance and published date", async () => {
    expect(titles(await list(`?feedId=${feedId}`))).toEqual(["Bank warning", "Chips designations", "Old notice"]);
    expect(titles(await list(`?issueId=${banksIssue}`))).toEqual(["Bank warning"]);
    expect(titles(await list("?category=microelectronics-chips"))).toEqual(["Bank warning", "Chips designations", "Old notice"]);
    expect(titles(await list("?category=no-such-category"))).toEqual([]);
    expect(titles(await list("?relevance=0.5"))).toEqual(["Bank warning", "Chips designations"]);
    expect(titles(await list("?from=2026-11-20&to=2026-11-21"))).toEqual(["Bank warning", "Chips designations"]);
    expect(titles(await list(`?issueId=${MISSING_ID}`))).toEqual([]);
  });

  it("refuses bad filters with 422", async () => {
    for (const query of ["?state=read", "?sort=oldest", "?relevance=2", "?relevance=high", "?from=yesterday", "?limit=0", "?limit=101", "?cursor=not-a-cursor"]) {
      const response = await call(inbox.GET, "GET", `/api/inbox${query}`, { token: team.tokens.viewer });
      expect(response.status, query).toBe(422);
    }
    // A cursor of the other order is not one of this listing.
    const newest = await list("?limit=1");
    expect((await call(inbox.GET, "GET", `/api/inbox?sort=relevance&cursor=${newest.nextCursor}`, { token: team.tokens.viewer })).status).toBe(422);
  });
});

describe("triage", () => {
  it("dismisses an item with a reason, in the history; viewers may not", async () => {
    expect((await post(dismiss.POST, "/api/inbox/{id}/dismiss", ids.weather!, {}, team.tokens.viewer)).status).toBe(403);
    const response = await post(dismiss.POST, "/api/inbox/{id}/dismiss", ids.weather!, { reason: "Not about sanctions" });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({ state: "dismissed", dismissReason: "Not about sanctions", decidedBy: "token: analyst token" });
    expect(titles(await list("?state=dismissed"))).toEqual(["Weather report"]);
    const events = await db.event.findMany({ where: { teamId: team.teamId, entityType: "inbox_item", entityId: ids.weather! } });
    expect(events.map((e) => [e.action, e.after])).toEqual([["dismissed", { state: "dismissed", reason: "Not about sanctions" }]]);
  });

  it("snoozes an item until a date; it comes back as new once the date passes", async () => {
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const response = await post(snooze.POST, "/api/inbox/{id}/snooze", ids.old!, { until });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({ state: "snoozed", snoozedUntil: until });
    expect(titles(await list("?state=snoozed"))).toEqual(["Old notice"]);
    expect(titles(await list())).not.toContain("Old notice");
    expect((await call(unread.GET, "GET", "/api/inbox/unread", { token: team.tokens.viewer })).json).toEqual({ unread: 3 });
    // The date passes (set in the past here): no job runs, the query sees it.
    await db.inboxItem.update({ where: { id: ids.old! }, data: { snoozedUntil: new Date(Date.now() - 1000) } });
    expect(titles(await list())).toContain("Old notice");
    expect(titles(await list("?state=snoozed"))).toEqual([]);
    expect((await call(unread.GET, "GET", "/api/inbox/unread", { token: team.tokens.viewer })).json).toEqual({ unread: 4 });
  });

  it("refuses a snooze into the past or without a date", async () => {
    for (const body of [{ until: "2020-01-01" }, {}, { until: "next week" }, { until: 1767225600000 }, { until: "2099-01-01", extra: 1 }]) {
      expect((await post(snooze.POST, "/api/inbox/{id}/snooze", ids.chips!, body)).status, JSON.stringify(body)).toBe(422);
    }
  });

  it("accepting answers the review form's draft; the document's save accepts the item with its evidence", async () => {
    const response = await post(accept.POST, "/api/inbox/{id}/accept", ids.chips!);
    expect(response.status, response.text).toBe(200);
    const draft = (response.json as { draft: Record<string, unknown> }).draft;
    expect(draft).toMatchObject({ inboxItemId: ids.chips, url: "https://example.org/Chips%20designations", title: "Chips designations", publishedAt: "2026-11-20", sourceId, issueIds: [chipsIssue] });
    expect(await db.inboxItem.findUniqueOrThrow({ where: { id: ids.chips! } })).toMatchObject({ state: "new" });

    const save = await call(documents.POST, "POST", "/api/documents", {
      token: team.tokens.analyst,
      body: { text: draft.text, title: draft.title, url: draft.url, publishedAt: draft.publishedAt, sourceId: draft.sourceId, inboxItemId: ids.chips, evidence: [{ issueId: chipsIssue, quote: "suppliers of microelectronics", credibility: 2, stance: "escalating" }] },
    });
    expect(save.status, save.text).toBe(201);
    const documentId = save.json.id as string;
    expect(await db.evidence.count({ where: { documentId, issueId: chipsIssue } })).toBe(1);
    const [accepted] = (await list("?state=accepted")).items;
    expect(accepted).toMatchObject({ id: ids.chips, state: "accepted", documentId, decidedBy: "token: analyst token" });
    const events = await db.event.findMany({ where: { teamId: team.teamId, entityType: "inbox_item", entityId: ids.chips! } });
    expect(events.map((e) => e.action)).toEqual(["accepted"]);
  });

  it("an accepted item cannot be accepted, saved again, dismissed or snoozed (409), and nothing is written", async () => {
    const documentsBefore = await db.document.count({ where: { teamId: team.teamId } });
    expect((await post(accept.POST, "/api/inbox/{id}/accept", ids.chips!)).status).toBe(409);
    expect((await post(dismiss.POST, "/api/inbox/{id}/dismiss", ids.chips!)).status).toBe(409);
    expect((await post(snooze.POST, "/api/inbox/{id}/snooze", ids.chips!, { until: "2099-01-01" })).status).toBe(409);
    const again = await call(documents.POST, "POST", "/api/documents", { token: team.tokens.analyst, body: { text: "Another text about the same chips designations, saved twice.", inboxItemId: ids.chips } });
    expect(again.status, again.text).toBe(409);
    expect(await db.document.count({ where: { teamId: team.teamId } })).toBe(documentsBefore);
    expect(await db.inboxItem.findUniqueOrThrow({ where: { id: ids.chips! } })).toMatchObject({ state: "accepted" });
  });

  it("a save naming another team's item or an unknown one is a 404 and stores no document", async () => {
    const before = await db.document.count({ where: { teamId: team.teamId } });
    for (const inboxItemId of [theirItem, MISSING_ID]) {
      const response = await call(documents.POST, "POST", "/api/documents", { token: team.tokens.analyst, body: { text: `A document for ${inboxItemId}.`, inboxItemId } });
      expect(response.status, response.text).toBe(404);
    }
    expect(await db.document.count({ where: { teamId: team.teamId } })).toBe(before);
    expect(await db.inboxItem.findUniqueOrThrow({ where: { id: theirItem } })).toMatchObject({ state: "new", documentId: null });
  });

  it("hides other teams' items (404) and refuses malformed bodies", async () => {
    for (const [handler, path] of [[accept.POST, "/api/inbox/{id}/accept"], [dismiss.POST, "/api/inbox/{id}/dismiss"], [snooze.POST, "/api/inbox/{id}/snooze"]] as const) {
      const body = path.endsWith("snooze") ? { until: "2099-01-01" } : {};
      expect((await post(handler, path, theirItem, body)).status, path).toBe(404);
      expect((await post(handler, path, MISSING_ID, body)).status, path).toBe(404);
    }
    const malformed = await call(dismiss.POST, "POST", `/api/inbox/${ids.banks}/dismiss`, { token: team.tokens.analyst, rawBody: "{reason:", headers: { "content-type": "application/json" }, params: { id: ids.banks! } });
    expect(malformed.status).toBe(400);
    for (const body of [{ reason: 42 }, { reason: "x".repeat(501) }, { note: "unknown field" }, []]) {
      expect((await post(dismiss.POST, "/api/inbox/{id}/dismiss", ids.banks!, body)).status, JSON.stringify(body)).toBe(422);
    }
    expect(await db.inboxItem.findUniqueOrThrow({ where: { id: theirItem } })).toMatchObject({ state: "new" });
    expect(await db.inboxItem.findUniqueOrThrow({ where: { id: ids.banks! } })).toMatchObject({ state: "new" });
  });
});

describe("POST /api/inbox/dismiss", () => {
  const bulk = (body: unknown, token = team.tokens.analyst) => call(bulkDismiss.POST, "POST", "/api/inbox/dismiss", { token, body });
  const states = async () => Object.fromEntries((await db.inboxItem.findMany({ where: { id: { in: [ids.banks!, ids.unanalysed!, ids.old!] } }, select: { id: true, state: true } })).map((r) => [r.id, r.state]));

  it("writes nothing when one id is another team's, unknown, or an accepted item", async () => {
    const before = await states();
    const refused: [string[], number][] = [
      [[ids.banks!, theirItem], 404],
      [[ids.banks!, MISSING_ID], 404],
      [[ids.banks!, ids.chips!], 409],
    ];
    for (const [list, status] of refused) {
      const response = await bulk({ ids: list });
      expect(response.status, response.text).toBe(status);
    }
    expect(((await bulk({ ids: [ids.banks!, theirItem] })).json.error?.details as { ids: string[] }).ids).toEqual([theirItem]);
    expect(await states()).toEqual(before);
    expect(await db.inboxItem.findUniqueOrThrow({ where: { id: theirItem } })).toMatchObject({ state: "new" });
  });

  it("refuses bad bodies and viewers", async () => {
    for (const body of [{}, { ids: [] }, { ids: "all" }, { ids: [1, 2] }, { ids: Array.from({ length: 501 }, (_, i) => `id-${i}`) }, { ids: [ids.banks], extra: true }]) {
      expect((await bulk(body)).status, JSON.stringify(body).slice(0, 60)).toBe(422);
    }
    expect((await bulk({ ids: [ids.banks] }, team.tokens.viewer)).status).toBe(403);
  });

  it("dismisses them all, repeated ids once, each in the history", async () => {
    const response = await bulk({ ids: [ids.banks, ids.unanalysed, ids.old, ids.banks], reason: "Read elsewhere" });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({ dismissed: 3 });
    expect(Object.values(await states())).toEqual(["dismissed", "dismissed", "dismissed"]);
    expect((await list()).items).toEqual([]);
    expect((await list()).unread).toBe(0);
    expect(await db.event.count({ where: { teamId: team.teamId, entityType: "inbox_item", action: "dismissed" } })).toBe(4);
  });
});

describe("the unread count in the navigation", () => {
  it("counts new items and run-out snoozes together, and stops at the cap", async () => {
    const crowded = await createTestTeam("Crowded inbox");
    try {
      const rows = (n: number, state: "new" | "snoozed" | "dismissed", snoozedUntil?: Date) =>
        Array.from({ length: n }, () => ({ teamId: crowded.teamId, title: state, text: "An item.", url: `https://example.org/${randomBytes(8).toString("hex")}`, contentHash: randomBytes(16).toString("hex"), state, snoozedUntil }));
      const count = async () => ((await call(unread.GET, "GET", "/api/inbox/unread", { token: crowded.tokens.viewer })).json as { unread: number }).unread;
      await db.inboxItem.createMany({ data: [...rows(600, "new"), ...rows(3, "snoozed", new Date(Date.now() - 60_000)), ...rows(2, "snoozed", new Date(Date.now() + 86_400_000)), ...rows(4, "dismissed")] });
      expect(await count()).toBe(603);
      await db.inboxItem.createMany({ data: rows(500, "snoozed", new Date(Date.now() - 1000)) });
      expect(await count()).toBe(UNREAD_COUNT_CAP);
    } finally {
      await purgeTeam(crowded.teamId);
    }
  });
});
