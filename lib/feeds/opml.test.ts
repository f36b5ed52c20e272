import { describe, expect, it } from "vitest";
import { feedsInOpml, opmlOf } from "./opml";

// A feed reader's export (folders of outlines), and ours read back.
const READER_EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="Governments" title="Governments">
      <outline type="rss" text="Treasury press releases" title="Treasury press releases" xmlUrl="https://home.treasury.gov/news/press-releases/feed" htmlUrl="https://home.treasury.gov/news/press-releases"/>
      <outline text="Nested">
        <outline type="rss" text="EU Council" xmlUrl="https://www.consilium.europa.eu/en/press/press-releases/sanctions.atom"/>
      </outline>
    </outline>
    <outline type="rss" text="A wire" xmlUrl="https://wire.example/rss"/>
    <outline text="Empty folder"/>
  </body>
</opml>`;

describe("OPML", () => {
  it("lists the feeds of a reader's export with the folder each sits in", () => {
    expect(feedsInOpml(READER_EXPORT)).toEqual({
      ok: true,
      feeds: [
        { url: "https://home.treasury.gov/news/press-releases/feed", title: "Treasury press releases", folder: "Governments" },
        { url: "https://www.consilium.europa.eu/en/press/press-releases/sanctions.atom", title: "EU Council", folder: "Nested" },
        { url: "https://wire.example/rss", title: "A wire", folder: null },
      ],
    });
  });

  it("writes the sources' feeds as OPML that reads back the same", () => {
    const xml = opmlOf("Demo team: feeds", [
      { name: "U.S. Treasury", feeds: [{ title: "Press releases & readouts", url: "https://home.treasury.gov/news/press-releases/feed?format=rss&lang=en" }] },
      { name: "Council of the EU", feeds: [{ title: "Sanctions", url: "https://www.consilium.europa.eu/sanctions.atom" }] },
    ]);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<opml version="2.0">/i);
    expect(xml).toContain("<title>Demo team: feeds</title>");
    expect(feedsInOpml(xml)).toEqual({
      ok: true,
      feeds: [
        { url: "https://home.treasury.gov/news/press-releases/feed?format=rss&lang=en", title: "Press releases & readouts", folder: "U.S. Treasury" },
        { url: "https://www.consilium.europa.eu/sanctions.atom", title: "Sanctions", folder: "Council of the EU" },
      ],
    });
  });

  it("writes an empty file for a team without feeds, which reads back as no feeds", () => {
    const xml = opmlOf("R&D <team>: feeds", []);
    expect(xml).toContain("<title>R&amp;D &lt;team&gt;: feeds</title>");
    expect(feedsInOpml(xml)).toEqual({ ok: true, feeds: [] });
  });

  it("refuses a file that is malformed or no OPML", () => {
    expect(feedsInOpml("<opml><body><outline xmlUrl='x'></body></opml>")).toMatchObject({ ok: false, message: expect.stringMatching(/^The OPML is malformed: /) });
    expect(feedsInOpml("<rss><channel/></rss>")).toMatchObject({ ok: false, message: expect.stringMatching(/^This is not an OPML file/) });
  });
});
