import "server-only";
import { z } from "zod";
import { feedPollSchema, feedSchema, opmlImportSchema } from "@/lib/validation/feeds";
import { component, itemsOf, type OpenApiKit } from "../kit";
import * as feedsByIdPollRoute from "@/app/api/feeds/[id]/poll/route";
import * as feedsByIdRoute from "@/app/api/feeds/[id]/route";
import * as feedsOpmlRoute from "@/app/api/feeds/opml/route";
import * as feedsRoute from "@/app/api/feeds/route";

// Watching the world: the sources' feeds and their health.

const FEED_FAILURES =
  "The address gives no feed: `details.reason` is lib/fetch's `bad_url`, `blocked_address`, `bad_content_type`, `too_large`, `too_many_redirects`, " +
  "or `malformed_feed`, `not_a_feed`, `no_feed_advertised`, `too_complex`, and `details.fields.url` says why";

export function registerMonitoring(kit: OpenApiKit) {
  const { operation, ok, created, noContent, locationHeader } = kit;
  const Feed = component("Feed", feedSchema);
  const FeedList = component("FeedList", itemsOf(feedSchema));
  const FeedPoll = component("FeedPoll", feedPollSchema);
  const OpmlImport = component("OpmlImport", opmlImportSchema);
  operation({
    method: "get",
    path: "/api/feeds",
    operationId: "listFeeds",
    tag: "Monitoring",
    summary: "The team's feeds with their health, by source",
    route: feedsRoute.GET,
    responses: { 200: ok("The feeds", FeedList) },
  });
  operation({
    method: "post",
    path: "/api/feeds",
    operationId: "createFeed",
    tag: "Monitoring",
    summary: "Add a feed to a source, by its address or a site's page that advertises it",
    description:
      "The address is fetched through the same guard as captures (public addresses only, 5 redirects, 10 MB, 20 s). An RSS 2.0, Atom 1.0, RDF or JSON Feed is read " +
      'to check it; a page gives the first feed its `<link rel="alternate">` advertises. Nothing is stored when that fails. The feed is then polled on its interval ' +
      "(conditional GET, backing off after failures), its new items going to the team's inbox.",
    route: feedsRoute.POST,
    body: { id: "CreateFeed", description: "The source, the address and the polling interval" },
    responses: { 201: created("The feed", Feed, { Location: locationHeader }) },
    errors: {
      not_found: "No such source in your team",
      conflict: "The team already follows this feed (`details.feedId`)",
      validation_failed: FEED_FAILURES,
      bad_gateway: "The site did not answer in time, could not be reached, or answered an error status (`details.reason`, `details.status`)",
    },
  });
  operation({
    method: "get",
    path: "/api/feeds/{id}",
    operationId: "getFeed",
    tag: "Monitoring",
    summary: "One feed with its health",
    route: feedsByIdRoute.GET,
    id: "feed",
    responses: { 200: ok("The feed", Feed) },
  });
  operation({
    method: "patch",
    path: "/api/feeds/{id}",
    operationId: "updateFeed",
    tag: "Monitoring",
    summary: "Rename a feed, change its interval, enable or disable it",
    description: "Enabling a feed makes it due at once.",
    route: feedsByIdRoute.PATCH,
    id: "feed",
    body: { id: "UpdateFeed", description: "The fields to change", about: "The fields to change (at least one)." },
    responses: { 200: ok("The feed", Feed) },
  });
  operation({
    method: "delete",
    path: "/api/feeds/{id}",
    operationId: "deleteFeed",
    tag: "Monitoring",
    summary: "Stop following a feed; the items it brought stay in the inbox",
    route: feedsByIdRoute.DELETE,
    id: "feed",
    responses: { 204: noContent },
  });
  operation({
    method: "post",
    path: "/api/feeds/{id}/poll",
    operationId: "pollFeed",
    tag: "Monitoring",
    summary: "Poll a feed now, whatever its schedule",
    description: "Answers the feed's health after the poll. A feed that fails is a 200 with `status: failed` and the reason in the feed's `lastErrorReason`.",
    route: feedsByIdPollRoute.POST,
    id: "feed",
    responses: { 200: ok("What the poll did, and the feed after it", FeedPoll) },
  });
  operation({
    method: "get",
    path: "/api/feeds/opml",
    operationId: "exportFeedsOpml",
    tag: "Monitoring",
    summary: "The team's feeds as an OPML 2.0 file, one outline per source",
    route: feedsOpmlRoute.GET,
    responses: { 200: { description: "The OPML file (a download, `feeds.opml`)", content: { "text/x-opml": { schema: z.string() } } } },
  });
  operation({
    method: "post",
    path: "/api/feeds/opml",
    operationId: "importFeedsOpml",
    tag: "Monitoring",
    summary: "Follow the feeds an OPML file lists, each under the source its folder names",
    description:
      "Outlines with an `xmlUrl` at any depth; the folder (parent outline) names the source, made when the team has none of that name, " +
      "and feeds outside any folder go to the source \"Imported feeds\". Nothing is fetched: the feeds are due at once and their health shows what their first poll finds. " +
      "At most 500 feeds a file; feeds the team follows already, repeats and addresses that are not http(s) are skipped with the reason.",
    route: feedsOpmlRoute.POST,
    body: { id: "ImportOpml", description: "The OPML file's text" },
    responses: { 200: ok("What was added and what was skipped", OpmlImport) },
    errors: { validation_failed: "Not a well-formed OPML file, no feeds in it, or more than 500 (`details.fields.opml` says which)" },
  });
}
