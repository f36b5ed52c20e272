import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { canonicalUrl } from "@/lib/feeds/canonical-url";
import { feedsInOpml, opmlOf } from "@/lib/feeds/opml";
import type { ImportOpmlInput, OpmlImport } from "@/lib/validation/feeds";
import { recordEvent } from "../events";

// OPML export and import of the team's feeds: what moves a team's subscriptions between feed readers and here.

/** Feeds one import may add: a reader's whole export, not a crawl. */
export const MAX_OPML_FEEDS = 500;
/** The source of feeds an OPML file lists outside any folder. */
export const UNFILED_SOURCE = "Imported feeds";

/** The team's feeds as OPML 2.0, one outline per source. */
export async function exportOpml(actor: Actor): Promise<string> {
  const sources = await db.source.findMany({
    where: { teamId: actor.teamId, feeds: { some: {} } },
    orderBy: { name: "asc" },
    select: { name: true, feeds: { orderBy: { title: "asc" }, select: { title: true, url: true } } },
  });
  return opmlOf(`${actor.teamName}: feeds`, sources);
}

/**
 * Follows the feeds an OPML file lists, each under the source its folder names (made when the team has none of
 * that name; "Imported feeds" outside any folder). Nothing is fetched: the feeds are due at once and their
 * health shows what their first poll finds. Feeds the team follows already, and addresses that are not
 * http(s), are skipped with the reason.
 */
export async function importOpml(actor: Actor, input: ImportOpmlInput): Promise<OpmlImport> {
  const reading = feedsInOpml(input.opml);
  if (!reading.ok) throw invalid(reading.message);
  if (reading.feeds.length === 0) throw invalid("The file lists no feeds (outlines with an xmlUrl)");
  if (reading.feeds.length > MAX_OPML_FEEDS) throw invalid(`The file lists ${reading.feeds.length} feeds; import at most ${MAX_OPML_FEEDS} at a time`);

  const skipped: OpmlImport["skipped"] = [];
  const wanted = new Map<string, { title: string; source: string }>();
  for (const listed of reading.feeds) {
    const url = canonicalUrl(listed.url);
    if (!url || url.length > 2000) skipped.push({ url: listed.url, reason: "Not an http(s) address" });
    else if (wanted.has(url)) skipped.push({ url, reason: "Listed twice in the file" });
    else wanted.set(url, { title: (listed.title ?? new URL(url).hostname).slice(0, 200), source: (listed.folder ?? UNFILED_SOURCE).slice(0, 200) });
  }
  const followed = await db.feed.findMany({ where: { teamId: actor.teamId, url: { in: [...wanted.keys()] } }, select: { url: true } });
  for (const { url } of followed) {
    wanted.delete(url);
    skipped.push({ url, reason: "The team already follows this feed" });
  }

  return db.$transaction(async (tx) => {
    const names = [...new Set([...wanted.values()].map((feed) => feed.source))];
    const existing = await tx.source.findMany({ where: { teamId: actor.teamId, name: { in: names } }, select: { id: true, name: true } });
    const sourceIds = new Map(existing.map((source) => [source.name, source.id]));
    const sourcesCreated: string[] = [];
    for (const name of names.filter((name) => !sourceIds.has(name))) {
      const source = await tx.source.create({ data: { teamId: actor.teamId, name }, select: { id: true } });
      await recordEvent(tx, actor, { entityType: "source", entityId: source.id, action: "created", after: { name, via: "opml" } });
      sourceIds.set(name, source.id);
      sourcesCreated.push(name);
    }
    for (const [url, feed] of wanted) {
      const created = await tx.feed.create({ data: { teamId: actor.teamId, sourceId: sourceIds.get(feed.source)!, url, title: feed.title }, select: { id: true, sourceId: true } });
      await recordEvent(tx, actor, { entityType: "feed", entityId: created.id, action: "created", after: { sourceId: created.sourceId, url, title: feed.title, via: "opml" } });
    }
    return { added: wanted.size, sourcesCreated, skipped };
  });
}

function invalid(message: string): AppError {
  return new AppError("validation_failed", "The OPML file could not be imported", { fields: { opml: [message] } });
}
