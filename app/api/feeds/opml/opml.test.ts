import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { feedsInOpml } from "@/lib/feeds/opml";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";
import { call } from "@/lib/testing/http";
import * as opml from "./route";

// OPML export and import of a team's feeds over the API, on the test database.
withTestDatabase();

let team: TestTeam;
let other: TestTeam;

beforeAll(async () => {
  team = await createTestTeam("OPML");
  other = await createTestTeam("OPML import");
  const treasury = await db.source.create({ data: { teamId: team.teamId, name: "U.S. Treasury", reliability: "A" } });
  await db.source.create({ data: { teamId: team.teamId, name: "No feeds here" } });
  await db.feed.createMany({
    data: [
      { teamId: team.teamId, sourceId: treasury.id, url: "https://home.treasury.gov/news/press-releases/feed", title: "Press releases" },
      { teamId: team.teamId, sourceId: treasury.id, url: "https://ofac.treasury.gov/recent-actions/feed?type=rss&lang=en", title: "OFAC recent actions" },
    ],
  });
  // The importing team has a source named like one of the file's folders: its feeds go there.
  await db.source.create({ data: { teamId: other.teamId, name: "U.S. Treasury", reliability: "A" } });
});

afterAll(async () => {
  await purgeTeam(team.teamId);
  await purgeTeam(other.teamId);
});

const exportOf = (token: string) => call(opml.GET, "GET", "/api/feeds/opml", { token });
const importInto = (body: unknown, token = other.tokens.analyst) => call(opml.POST, "POST", "/api/feeds/opml", { token, body });

describe("GET /api/feeds/opml", () => {
  it("exports the team's feeds as an OPML download, one outline per source with feeds", async () => {
    const response = await exportOf(team.tokens.viewer);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-opml; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="feeds.opml"');
    expect(feedsInOpml(response.text)).toEqual({
      ok: true,
      feeds: [
        { url: "https://ofac.treasury.gov/recent-actions/feed?type=rss&lang=en", title: "OFAC recent actions", folder: "U.S. Treasury" },
        { url: "https://home.treasury.gov/news/press-releases/feed", title: "Press releases", folder: "U.S. Treasury" },
      ],
    });
    expect(response.text).not.toContain("No feeds here");
  });

  it("exports an empty file for a team without feeds", async () => {
    const response = await exportOf(other.tokens.viewer);
    expect(response.status).toBe(200);
    expect(feedsInOpml(response.text)).toEqual({ ok: true, feeds: [] });
  });
});

describe("POST /api/feeds/opml", () => {
  it("follows the file's feeds under their folders' sources, making the missing ones, and skips what it cannot add", async () => {
    const exported = (await exportOf(team.tokens.viewer)).text;
    const file = exported.replace(
      "</body>",
      `<outline text="Think tanks"><outline type="rss" text="Sanctions analysis" xmlUrl="https://thinktank.example.org/feed.json"/><outline type="rss" text="Again" xmlUrl="https://thinktank.example.org/feed.json#x"/></outline>` +
        `<outline type="rss" text="A wire" xmlUrl="https://wire.example/rss?utm_source=reader"/><outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/></body>`,
    );
    const response = await importInto({ opml: file });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({
      added: 4,
      sourcesCreated: ["Think tanks", "Imported feeds"],
      skipped: [
        { url: "https://thinktank.example.org/feed.json", reason: "Listed twice in the file" },
        { url: "file:///etc/passwd", reason: "Not an http(s) address" },
      ],
    });
    const feeds = await db.feed.findMany({ where: { teamId: other.teamId }, select: { url: true, title: true, enabled: true, source: { select: { name: true, reliability: true } } }, orderBy: { url: "asc" } });
    expect(feeds).toEqual([
      { url: "https://home.treasury.gov/news/press-releases/feed", title: "Press releases", enabled: true, source: { name: "U.S. Treasury", reliability: "A" } },
      { url: "https://ofac.treasury.gov/recent-actions/feed?type=rss&lang=en", title: "OFAC recent actions", enabled: true, source: { name: "U.S. Treasury", reliability: "A" } },
      { url: "https://thinktank.example.org/feed.json", title: "Sanctions analysis", enabled: true, source: { name: "Think tanks", reliability: "F" } },
      { url: "https://wire.example/rss", title: "A wire", enabled: true, source: { name: "Imported feeds", reliability: "F" } },
    ]);
  });

  it("skips the feeds the team follows already when the file comes again", async () => {
    const response = await importInto({ opml: (await exportOf(team.tokens.viewer)).text });
    expect(response.json).toMatchObject({ added: 0, sourcesCreated: [], skipped: [{ reason: "The team already follows this feed" }, { reason: "The team already follows this feed" }] });
  });

  it("refuses a malformed file, a file without feeds, or no file, and writes nothing", async () => {
    const before = await db.feed.count({ where: { teamId: other.teamId } });
    for (const body of [{ opml: "<opml><body><outline xmlUrl='https://x.example/'></body>" }, { opml: "<opml version='2.0'><body><outline text='empty'/></body></opml>" }, { opml: "" }, {}]) {
      const response = await importInto(body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.json.error?.details).toMatchObject({ fields: { opml: [expect.any(String)] } });
    }
    expect(await db.feed.count({ where: { teamId: other.teamId } })).toBe(before);
  });

  it("needs the analyst role to import", async () => {
    expect((await importInto({ opml: "<opml/>" }, other.tokens.viewer)).status).toBe(403);
  });
});
