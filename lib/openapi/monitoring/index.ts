import "server-only";
import { z } from "zod";
import { feedPollSchema, feedSchema, opmlImportSchema } from "@/lib/validation/feeds";
import { component, itemsOf, type OpenApiKit } from "../kit";
import * as feedsByIdPollRoute from "@/app/api/feeds/[id]/poll/route";
import * as feedsByIdRoute from "@/app/api/feeds/[id]/route";
import * as feedsOpmlRoute from "@/app/api/feeds/opml/route";
import * as feedsRoute from "@/app/api/feeds/route";
import * as inboxAcceptRoute from "@/app/api/inbox/[id]/accept/route";
import * as inboxDismissRoute from "@/app/api/inbox/[id]/dismiss/route";
import * as inboxSnoozeRoute from "@/app/api/inbox/[id]/snooze/route";
import * as inboxBulkDismissRoute from "@/app/api/inbox/dismiss/route";
import * as inboxRoute from "@/app/api/inbox/route";
import * as inboxUnreadRoute from "@/app/api/inbox/unread/route";
import { bulkDismissResultSchema, inboxAcceptanceSchema, inboxItemSchema, inboxPageSchema, inboxUnreadSchema } from "@/lib/validation/inbox";

// Watching the world: the sources' feeds and their health, and the inbox they fill.

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
  registerInbox(kit);
}

const ACCEPTED = "The item was accepted into the library already (`details.documentId`)";

function registerInbox(kit: OpenApiKit) {
  const { operation, ok } = kit;
  const InboxItem = component("InboxItem", inboxItemSchema);
  operation({
    method: "get",
    path: "/api/inbox",
    operationId: "listInbox",
    tag: "Monitoring",
    summary: "The team's inbox: what its feeds brought, newest or most relevant first",
    description:
      "Cursor-paged: send `nextCursor` back as `cursor` with the same `sort` for the next page. By default the new items (snoozed ones whose date has passed included). " +
      "Each item names the issues it speaks to, best first, as analysed on arrival; `relevance` (0 to 1) is the analysis's relevance to the watchlist, as POST /api/documents/analyze gives it; 0.5 and more is related. `unread` counts the new items.",
    route: inboxRoute.GET,
    responses: { 200: ok("A page of the inbox", component("InboxPage", inboxPageSchema)) },
    errors: { validation_failed: "An unknown state or sort, a relevance outside 0–1, a date that is not one, or a cursor of another listing (`details.fields.cursor`)" },
  });
  operation({
    method: "get",
    path: "/api/inbox/unread",
    operationId: "countUnreadInbox",
    tag: "Monitoring",
    summary: "How many items of the inbox are new",
    route: inboxUnreadRoute.GET,
    responses: { 200: ok("The count", component("InboxUnread", inboxUnreadSchema)) },
  });
  operation({
    method: "post",
    path: "/api/inbox/{id}/accept",
    operationId: "acceptInboxItem",
    tag: "Monitoring",
    summary: "Start accepting an item: what the review form needs to save it as evidence",
    description:
      "Writes nothing. Answers the item's address, title, text, published date, its feed's source and the issues it speaks to. " +
      "Save the document with `POST /api/documents` and `inboxItemId`: the document, its evidence links and the item's acceptance commit together.",
    route: inboxAcceptRoute.POST,
    id: "inbox item",
    responses: { 200: ok("The item and the review form's draft", component("InboxAcceptance", inboxAcceptanceSchema)) },
    errors: { conflict: ACCEPTED },
  });
  operation({
    method: "post",
    path: "/api/inbox/{id}/dismiss",
    operationId: "dismissInboxItem",
    tag: "Monitoring",
    summary: "Dismiss an item, with an optional reason",
    route: inboxDismissRoute.POST,
    id: "inbox item",
    body: { id: "DismissInboxItem", description: "The reason, if any (`{}` for none)" },
    responses: { 200: ok("The item", InboxItem) },
    errors: { conflict: ACCEPTED },
  });
  operation({
    method: "post",
    path: "/api/inbox/{id}/snooze",
    operationId: "snoozeInboxItem",
    tag: "Monitoring",
    summary: "Put an item aside until a date, when it comes back as new",
    route: inboxSnoozeRoute.POST,
    id: "inbox item",
    body: { id: "SnoozeInboxItem", description: "When it comes back" },
    responses: { 200: ok("The item", InboxItem) },
    errors: { conflict: ACCEPTED },
  });
  operation({
    method: "post",
    path: "/api/inbox/dismiss",
    operationId: "dismissInboxItems",
    tag: "Monitoring",
    summary: "Dismiss several items at once, all or none",
    route: inboxBulkDismissRoute.POST,
    body: { id: "DismissInboxItems", description: "The items (at most 500) and an optional reason" },
    responses: { 200: ok("How many were dismissed", component("InboxBulkDismissal", bulkDismissResultSchema)) },
    errors: {
      not_found: "One of the ids names no item of your team (`details.ids`); nothing is dismissed",
      conflict: "One of the items was accepted already; nothing is dismissed",
    },
  });
}
