import { createHash, randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiToken } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { sanctionsFixturePath, type SanctionsFixture } from "@/lib/sanctions/fixtures/fixtures";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call, TEST_ORIGIN } from "@/lib/testing/http";
import { MAX_LIST_FILE_BYTES } from "@/lib/validation/sanctions";
import * as screening from "../screening/route";
import * as entry from "./entries/[id]/route";
import * as lists from "./lists/route";
import * as releases from "./releases/route";
import * as changes from "./releases/[id]/changes/route";

// Sanctions lists over the API (issue 13): imports by list admins, reading by any member, screening.
// Lists are the instance's, so on a shared PostgreSQL each run imports into lists of its own (`suffix`).

const suffix = randomUUID().slice(0, 8);
const LIST_ADMIN_EMAIL = `list-admin-${suffix}@example.test`;
process.env.LIST_ADMINS = `someone@example.test, ${LIST_ADMIN_EMAIL.toUpperCase()}`;
const SDN = `test-sdn-${suffix}`;

withTestDatabase();

let team: TestTeam;
let listAdmin: string;
let listAdminUserId: string;

beforeAll(async () => {
  team = await createTestTeam("Sanctions");
  // A viewer in the team: importing depends on LIST_ADMINS, not on the team role.
  const user = await db.user.create({ data: { id: randomUUID(), email: LIST_ADMIN_EMAIL, name: "List admin" } });
  await db.membership.create({ data: { teamId: team.teamId, userId: user.id, role: "viewer" } });
  listAdmin = `sw_test_${randomBytes(16).toString("hex")}`;
  await db.apiToken.create({ data: { teamId: team.teamId, name: "list admin", role: "viewer", tokenHash: hashApiToken(listAdmin), createdById: user.id } });
  listAdminUserId = user.id;
});

afterAll(async () => {
  await db.sanctionsList.deleteMany({ where: { slug: { endsWith: suffix } } });
  await purgeTeam(team.teamId);
  await db.user.deleteMany({ where: { id: listAdminUserId } }); // purgeTeam removed it with its team
});

const fixture = (name: SanctionsFixture) => readFileSync(sanctionsFixturePath(name));

async function upload(token: string, file: Uint8Array | string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new Blob([typeof file === "string" ? file : new Uint8Array(file)]), "list.csv");
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const response = await releases.POST(new Request(`${TEST_ORIGIN}/api/sanctions/releases`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form }), {
    params: Promise.resolve({}),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & { error?: { message: string; details?: Record<string, unknown> } } };
}

const releaseCount = (slug: string) => db.sanctionsRelease.count({ where: { list: { slug } } });
const entryCount = () => db.sanctionsEntry.count();

describe("importing releases", () => {
  let may1: string;

  it("imports 26 April then 1 May 2024: 298 added, none removed", async () => {
    const april = await upload(listAdmin, fixture("ofacSdn2024Apr26"), { list: SDN, publishedAt: "2024-04-26" });
    expect(april.status, JSON.stringify(april.json)).toBe(201);
    expect(april.json).toMatchObject({ list: SDN, publishedAt: "2024-04-26T00:00:00.000Z", added: 0, removed: 0, changed: 0 });
    const may = await upload(listAdmin, fixture("ofacSdn2024May01"), { list: SDN, publishedAt: "2024-05-01" });
    expect(may.status, JSON.stringify(may.json)).toBe(201);
    expect(may.json).toMatchObject({ list: SDN, entries: 14966, added: 298, removed: 0 });
    expect(april.json.entries).toBe(14966 - 298);
    may1 = may.json.id as string;
    const stored = await db.sanctionsRelease.findUniqueOrThrow({ where: { id: may1 } });
    expect(stored).toMatchObject({ importedBy: listAdminUserId, format: "ofac-sdn-csv", entries: 14966, added: 298 });
    expect(stored.sha256).toBe(createHash("sha256").update(gunzipSync(fixture("ofacSdn2024May01"))).digest("hex"));
  }, 180_000);

  it("refuses the same file again with 409, gzipped or not", async () => {
    const entries = await entryCount();
    expect((await upload(listAdmin, fixture("ofacSdn2024May01"), { list: SDN, publishedAt: "2024-05-02" })).status).toBe(409);
    expect((await upload(listAdmin, gunzipSync(fixture("ofacSdn2024May01")), { list: SDN, publishedAt: "2024-05-02" })).status).toBe(409);
    expect(await releaseCount(SDN)).toBe(2);
    expect(await entryCount()).toBe(entries);
  });

  it("refuses the empty file a scraper saved with 422, writing nothing", async () => {
    const entries = await entryCount();
    const { status, json } = await upload(listAdmin, fixture("ofacSdn2024May04Empty"), { list: SDN, force: "true" });
    expect(status).toBe(422);
    expect(json.error?.details).toMatchObject({ reason: "empty" });
    expect(await releaseCount(SDN)).toBe(2);
    expect(await entryCount()).toBe(entries);
  });

  it("refuses a malformed file with 422 naming the line, writing nothing", async () => {
    const [first, second] = gunzipSync(fixture("ofacSdn2024May01")).toString("utf8").split("\n");
    const entries = await entryCount();
    const { status, json } = await upload(listAdmin, `${first}\n${second}\n99999,"BROKEN ROW"\n`, { list: SDN, publishedAt: "2024-05-03" });
    expect(status).toBe(422);
    expect(json.error?.message).toMatch(/line 3/);
    expect(json.error?.details).toMatchObject({ reason: "malformed", line: 3 });
    expect(await releaseCount(SDN)).toBe(2);
    expect(await entryCount()).toBe(entries);
  });

  it("refuses a file broken after thousands of rows, writing none of the batches before", async () => {
    // Batches are written while the next one is parsed: a failure with one in flight still leaves nothing.
    const lines = gunzipSync(fixture("ofacSdn2024May01")).toString("utf8").split("\n");
    const entries = await entryCount();
    const { status, json } = await upload(listAdmin, [...lines.slice(0, 2500), lines[0], ...lines.slice(2500)].join("\n"), { list: SDN, publishedAt: "2024-05-03" });
    expect(status).toBe(422);
    expect(json.error?.details).toMatchObject({ reason: "malformed" });
    expect(await releaseCount(SDN)).toBe(2);
    expect(await entryCount()).toBe(entries);
  });

  it("refuses an unknown format and an older release with 422", async () => {
    expect((await upload(listAdmin, "hello, world\n", { list: SDN })).json.error?.details).toMatchObject({ reason: "unknown_format" });
    const older = await upload(listAdmin, "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n", { list: SDN, publishedAt: "2024-01-01", force: "1" });
    expect(older.status).toBe(422);
    expect(older.json.error?.message).toMatch(/in order/);
  });

  it("refuses a file that shrinks the list by more than 20 % unless forced", async () => {
    const list = `test-shrink-${suffix}`;
    const lines = gunzipSync(fixture("ofacSdn2024May01")).toString("utf8").split("\n").slice(0, 10);
    expect((await upload(listAdmin, `${lines.join("\n")}\n`, { list, publishedAt: "2024-05-01" })).status).toBe(201);
    const shrunk = `${lines.slice(0, 7).join("\n")}\n`;
    const refused = await upload(listAdmin, shrunk, { list, publishedAt: "2024-05-02" });
    expect(refused.status).toBe(422);
    expect(refused.json.error?.details).toMatchObject({ entries: 7, previousEntries: 10 });
    expect(await releaseCount(list)).toBe(1);
    const forced = await upload(listAdmin, shrunk, { list, publishedAt: "2024-05-02", force: "true" });
    expect(forced.status).toBe(201);
    expect(forced.json).toMatchObject({ entries: 7, added: 0, removed: 3, changed: 0 });

    // A renamed entry is changed, with the field that changed.
    const renamed = `${[lines[0]!.replace("AEROCARIBBEAN AIRLINES", "AEROCARIBBEAN AIRWAYS"), ...lines.slice(1, 7)].join("\n")}\n`;
    const third = await upload(listAdmin, renamed, { list, publishedAt: "2024-05-03" });
    expect(third.json).toMatchObject({ entries: 7, added: 0, removed: 0, changed: 1 });
    const change = await db.sanctionsChange.findFirstOrThrow({ where: { releaseId: third.json.id as string } });
    expect(change).toMatchObject({ kind: "changed", sourceId: "36", fields: ["name"] });
  });

  it("compares two imports of one list at once in turn, each with the release before it", async () => {
    const list = `test-race-${suffix}`;
    const lines = gunzipSync(fixture("ofacSdn2024May01")).toString("utf8").split("\n").slice(0, 10);
    const base = await upload(listAdmin, `${lines.slice(0, 9).join("\n")}\n`, { list, publishedAt: "2024-05-01" });
    const renamed = [lines[0]!.replace("AEROCARIBBEAN AIRLINES", "AEROCARIBBEAN AIRWAYS"), ...lines.slice(1)];
    const both = await Promise.all([lines, renamed].map((file) => upload(listAdmin, `${file.join("\n")}\n`, { list, publishedAt: "2024-05-02" })));
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    const releases = await db.sanctionsRelease.findMany({ where: { list: { slug: list } }, orderBy: [{ publishedAt: "desc" }, { importedAt: "desc" }], select: { id: true, previousId: true } });
    // A chain, newest first: the latest (what screening uses) was compared with the other, that one with the base.
    expect(releases.map((r) => r.previousId)).toEqual([releases[1]!.id, base.json.id, null]);
  });

  it("refuses a file over 100 MB once decompressed with 413", async () => {
    const bomb = gzipSync(Buffer.alloc(MAX_LIST_FILE_BYTES + 1, "a"));
    const { status } = await upload(listAdmin, bomb, { list: SDN, publishedAt: "2024-05-03" });
    expect(status).toBe(413);
    expect(await releaseCount(SDN)).toBe(2);
  });

  it("lets only list admins import (403 for a team admin), and refuses bodies that are no upload", async () => {
    const { status, json } = await upload(team.tokens.admin, fixture("ofacSdn2024May01"), { list: SDN });
    expect(status).toBe(403);
    expect(json.error?.message).toMatch(/LIST_ADMINS/);
    const asJson = await call(releases.POST, "POST", "/api/sanctions/releases", { token: listAdmin, body: { list: SDN } });
    expect(asJson.status).toBe(415);
    expect((await upload(listAdmin, "x", { list: SDN, format: "pdf" })).status).toBe(422);
  });

  describe("reading", () => {
    it("shows every member the lists and their releases, with who imported them", async () => {
      const { status, json } = await call(lists.GET, "GET", "/api/sanctions/lists", { token: team.tokens.viewer });
      expect(status).toBe(200);
      const list = (json.items as { slug: string; releases: { id: string; added: number; importedByName: string }[] }[]).find((l) => l.slug === SDN)!;
      expect(list.releases.map((r) => r.added)).toEqual([298, 0]);
      expect(list.releases[0]!.id).toBe(may1);
      expect(list.releases[0]!.importedByName).toBe("List admin");
    });

    it("tells the caller whether they may import: list admins yes, a team admin no", async () => {
      const asListAdmin = await call(lists.GET, "GET", "/api/sanctions/lists", { token: listAdmin });
      expect(asListAdmin.json.canImport).toBe(true);
      const asTeamAdmin = await call(lists.GET, "GET", "/api/sanctions/lists", { token: team.tokens.admin });
      expect(asTeamAdmin.json.canImport).toBe(false);
    });

    describe("filtering a release's changes", () => {
      type Change = { sourceId: string; entryId: string; name: string; type: string; programs: string[]; countries: string[] };
      type Facet = { value: string; count: number };
      type Page = { total: number; items: Change[]; facets: { programs: Facet[]; countries: Facet[]; types: Facet[] } };
      const changesOf = async (search: string) => {
        const { status, json } = await call(changes.GET, "GET", `/api/sanctions/releases/${may1}/changes?${search}`, { token: team.tokens.viewer, params: { id: may1 } });
        expect(status, JSON.stringify(json)).toBe(200);
        return json as unknown as Page;
      };

      /** The value most changes have. */
      const commonest = (facet: Facet[]) => facet.reduce((best, f) => (f.count > best.count ? f : best));

      it("offers each filter's values among the changes of the kind, with their counts", async () => {
        const { facets, total } = await changesOf("kind=added");
        expect(total).toBe(298);
        expect(facets.types.reduce((sum, t) => sum + t.count, 0)).toBe(298);
        expect(commonest(facets.programs)).toEqual({ value: "RUSSIA-EO14024", count: expect.any(Number) });
        expect(commonest(facets.programs).count).toBeGreaterThan(200);
        expect(facets.countries.length).toBeGreaterThan(1);
      });

      it("filters by program, country and type, each alone and together", async () => {
        const { facets } = await changesOf("kind=added");
        const country = commonest(facets.countries);
        const byCountry = await changesOf(`kind=added&country=${encodeURIComponent(country.value)}&pageSize=100`);
        expect(byCountry.total).toBe(country.count);
        expect(byCountry.items.every((c) => c.countries.includes(country.value))).toBe(true);
        const people = await changesOf("kind=added&type=person&pageSize=100");
        expect(people.total).toBe(facets.types.find((t) => t.value === "person")!.count);
        expect(people.items.every((c) => c.type === "person")).toBe(true);
        const program = await changesOf("kind=added&program=RUSSIA-EO14024");
        expect(program.total).toBe(commonest(facets.programs).count);
        const one = byCountry.items[0]!;
        const all = await changesOf(`kind=added&country=${encodeURIComponent(country.value)}&type=${one.type}&program=${encodeURIComponent(one.programs[0]!)}&pageSize=100`);
        expect(all.items.map((c) => c.entryId)).toContain(one.entryId);
        expect(all.total).toBeLessThanOrEqual(byCountry.total);
        expect(all.items.every((c) => c.type === one.type && c.countries.includes(country.value) && c.programs.includes(one.programs[0]!))).toBe(true);
        // The facets stay those of the kind, whatever the other filters.
        expect(all.facets).toEqual(facets);
      });

      it("searches names case-insensitively, aliases and the list's own id", async () => {
        const byName = await changesOf("q=global%20sensor");
        expect(byName.items.map((c) => c.name)).toContain("WUHAN GLOBAL SENSOR TECHNOLOGY CO., LTD.");
        const wuhan = byName.items.find((c) => c.name.startsWith("WUHAN GLOBAL"))!;
        expect((await changesOf(`q=${wuhan.sourceId}`)).items.map((c) => c.entryId)).toEqual([wuhan.entryId]);
        // An entry found by an alias that its name does not contain.
        const withAlias = await db.sanctionsChange.findMany({ where: { releaseId: may1, kind: "added" }, select: { entry: { select: { id: true, name: true, data: true } } } });
        const aliased = withAlias.map((c) => c.entry).find((e) => (e.data as { aliases: { name: string }[] }).aliases.some((a) => !e.name.toLowerCase().includes(a.name.toLowerCase())))!;
        const alias = (aliased.data as { aliases: { name: string }[] }).aliases.find((a) => !aliased.name.toLowerCase().includes(a.name.toLowerCase()))!.name;
        expect((await changesOf(`q=${encodeURIComponent(alias.toLowerCase())}`)).items.map((c) => c.entryId)).toContain(aliased.id);
        // LIKE's wildcards are searched for as they are.
        expect((await changesOf("q=%25")).total).toBe(0);
        expect((await changesOf("q=Ministry%20of%20Silly%20Walks")).total).toBe(0);
      });

      it("refuses an unknown type and an empty or overlong search with 422", async () => {
        for (const search of ["type=ship", "q=", `q=${"x".repeat(201)}`, "country="]) {
          const { status } = await call(changes.GET, "GET", `/api/sanctions/releases/${may1}/changes?${search}`, { token: team.tokens.viewer, params: { id: may1 } });
          expect(status, search).toBe(422);
        }
      });
    });

    it("pages a release's changes by kind, and opens each entry", async () => {
      const added = await call(changes.GET, "GET", `/api/sanctions/releases/${may1}/changes?kind=added&pageSize=100`, { token: team.tokens.viewer, params: { id: may1 } });
      expect(added.status).toBe(200);
      expect(added.json).toMatchObject({ total: 298, page: 1, pageSize: 100, release: { id: may1, added: 298 } });
      const items = added.json.items as { kind: string; entryId: string; name: string; fields: string[] }[];
      expect(items).toHaveLength(100);
      expect(items.every((c) => c.kind === "added" && c.fields.length === 0)).toBe(true);
      const removed = await call(changes.GET, "GET", `/api/sanctions/releases/${may1}/changes?kind=removed`, { token: team.tokens.viewer, params: { id: may1 } });
      expect(removed.json.total).toBe(0);
      const changed = await call(changes.GET, "GET", `/api/sanctions/releases/${may1}/changes?kind=changed&pageSize=100`, { token: team.tokens.viewer, params: { id: may1 } });
      for (const change of changed.json.items as { fields: string[] }[]) expect(change.fields.length).toBeGreaterThan(0);

      const one = await call(entry.GET, "GET", `/api/sanctions/entries/${items[0]!.entryId}`, { token: team.tokens.viewer, params: { id: items[0]!.entryId } });
      expect(one.status).toBe(200);
      expect(one.json).toMatchObject({ id: items[0]!.entryId, list: SDN, name: items[0]!.name, release: { id: may1 } });
      expect(one.json.aliases).toBeInstanceOf(Array);
    });

    it("answers 404 for an unknown release or entry, 422 for an unknown kind", async () => {
      const missing = "01900000-0000-7000-8000-000000000000";
      expect((await call(changes.GET, "GET", `/api/sanctions/releases/${missing}/changes`, { token: team.tokens.viewer, params: { id: missing } })).status).toBe(404);
      expect((await call(entry.GET, "GET", "/api/sanctions/entries/nope", { token: team.tokens.viewer, params: { id: "nope" } })).status).toBe(404);
      expect((await call(changes.GET, "GET", `/api/sanctions/releases/${may1}/changes?kind=moved`, { token: team.tokens.viewer, params: { id: may1 } })).status).toBe(422);
    });
  });

  describe("screening", () => {
    const screen = (names: unknown) => call(screening.POST, "POST", "/api/screening", { token: team.tokens.viewer, body: { names } });

    it("finds a company designated on 1 May 2024 as a match, and nothing for the Ministry of Silly Walks", async () => {
      const added = await db.sanctionsChange.findMany({ where: { releaseId: may1, kind: "added" }, select: { entry: { select: { id: true, name: true, type: true, countries: true } } } });
      const chinese = added.map((c) => c.entry).find((e) => e.name === "WUHAN GLOBAL SENSOR TECHNOLOGY CO., LTD.")!;
      expect(chinese).toBeDefined();
      // As an article would write it: another legal form, mixed case.
      const { status, json } = await screen([{ name: "Wuhan Global Sensor Technology Company Limited", type: "organization", country: "China" }, { name: "Ministry of Silly Walks" }]);
      expect(status).toBe(200);
      const body = json as unknown as { thresholds: { match: number; review: number }; results: { name: string; matches: { entryId: string; list: string; level: string; score: number; explanation: { summary: string } }[] }[] };
      expect(body.thresholds.match).toBeGreaterThan(body.thresholds.review);
      const [designee, walks] = body.results;
      const hit = designee!.matches.find((m) => m.list === SDN)!;
      expect(hit).toMatchObject({ entryId: chinese.id, level: "match" });
      expect(hit.explanation.summary).not.toBe("");
      expect(walks).toEqual({ name: "Ministry of Silly Walks", matches: [] });
    });

    it("refuses more than 1,000 names, none, and empty ones with 422", async () => {
      expect((await screen(Array.from({ length: 1001 }, (_, i) => ({ name: `Name ${i}` })))).status).toBe(422);
      expect((await screen([])).status).toBe(422);
      expect((await screen([{ name: "  " }])).status).toBe(422);
    });
  });
});
