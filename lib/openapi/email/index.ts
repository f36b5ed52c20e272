import "server-only";
import { z } from "zod";
import { emailPreferencesSchema, feedTokenSchema, teamSettingsSchema } from "@/lib/validation/email";
import { component, type OpenApiKit } from "../kit";
import * as preferencesRoute from "@/app/api/notifications/preferences/route";
import * as feedTokenRoute from "@/app/api/notifications/feed-token/route";
import * as feedRoute from "@/app/api/notifications/feed.atom/route";
import * as unsubscribeRoute from "@/app/api/notifications/unsubscribe/route";
import * as teamRoute from "@/app/api/team/route";

// Email of notifications, the personal Atom feed and the team's time zone (issue 15).

const html = { "text/html": { schema: z.string() } };

export function registerEmail(kit: OpenApiKit) {
  const { operation, ok, created, noContent } = kit;
  const EmailPreferences = component("EmailPreferences", emailPreferencesSchema);
  const FeedToken = component("FeedToken", feedTokenSchema);
  const TeamSettings = component("TeamSettings", teamSettingsSchema);
  operation({
    method: "get",
    path: "/api/notifications/preferences",
    operationId: "getEmailPreferences",
    tag: "Notifications",
    summary: "How each kind of notification reaches you by email",
    description:
      "Per kind: `immediate`, `daily` or `weekly` (a digest of the day or the Monday-to-Sunday week in the team's time zone), or `off`. " +
      "Without a choice, mentions come at once and the rest in the daily digest. `emailEnabled` is false when the server has no SMTP_URL. " +
      "Each email carries `Message-ID: <notification.{id}@host>` (a digest: `<digest.{userId}.{teamId}.{cadence}.{first day}.{hash}@host>`) and " +
      "`X-SW-Notification-Id` (`X-SW-Notification-Ids`): delivery is at least once, so deduplicate on them.",
    route: preferencesRoute.GET,
    responses: { 200: ok("Your email settings and your feed's state", EmailPreferences) },
  });
  operation({
    method: "put",
    path: "/api/notifications/preferences",
    operationId: "setEmailPreferences",
    tag: "Notifications",
    summary: "Set how some kinds of notification reach you by email",
    description: "`{ \"email\": { \"mention\": \"immediate\", \"evidence\": \"weekly\" } }`: the kinds named change, the others keep theirs.",
    route: preferencesRoute.PUT,
    body: { id: "SetEmailPreferences", description: "Kinds and how each is emailed" },
    responses: { 200: ok("Your email settings", EmailPreferences) },
  });
  operation({
    method: "post",
    path: "/api/notifications/feed-token",
    operationId: "createNotificationFeed",
    tag: "Notifications",
    summary: "Make the URL of your personal Atom feed",
    description: "The URL carries a secret token and is shown this once (only its hash is kept). Making a new one stops the old one.",
    route: feedTokenRoute.POST,
    body: { id: "CreateNotificationFeed", description: "An empty object: `{}`" },
    responses: { 201: created("The feed's URL", FeedToken) },
  });
  operation({
    method: "delete",
    path: "/api/notifications/feed-token",
    operationId: "revokeNotificationFeed",
    tag: "Notifications",
    summary: "Revoke your personal Atom feed",
    route: feedTokenRoute.DELETE,
    responses: { 204: noContent },
    errors: { not_found: "You have no feed in this team" },
  });
  operation({
    method: "get",
    path: "/api/notifications/feed.atom",
    operationId: "getNotificationFeed",
    tag: "Notifications",
    summary: "Your notifications as an Atom 1.0 feed (newest 50)",
    description: "For feed readers: the `token` of the URL from POST /api/notifications/feed-token is the only credential.",
    route: feedRoute.GET,
    queryDescriptions: { token: "The feed's secret token" },
    responses: { 200: { description: "The Atom feed", content: { "application/atom+xml": { schema: z.string() } } } },
    errors: { not_found: "No feed has this token (wrong, or revoked)" },
  });
  operation({
    method: "get",
    path: "/api/notifications/unsubscribe",
    operationId: "confirmUnsubscribe",
    tag: "Notifications",
    summary: "The page an email's unsubscribe link opens: asks to confirm",
    description: "No session needed: the signed `token` names the person and the kinds of notification. Changes nothing (link scanners GET links). A token that is not genuine gets a 404 page.",
    route: unsubscribeRoute.GET,
    queryDescriptions: { token: "The signed token of the email's link" },
    responses: { 200: { description: "A page with a confirm button", content: html } },
  });
  operation({
    method: "post",
    path: "/api/notifications/unsubscribe",
    operationId: "unsubscribe",
    tag: "Notifications",
    summary: "One-click unsubscribe (RFC 8058): stop the email of the token's kinds",
    description: "What a mail client does with `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, or the confirm page's button. Sets those kinds to `off`; nothing else changes. A token that is not genuine gets a 404 page.",
    route: unsubscribeRoute.POST,
    queryDescriptions: { token: "The signed token of the email's link" },
    responses: { 200: { description: "A page saying what stopped", content: html } },
  });
  operation({
    method: "get",
    path: "/api/team",
    operationId: "getTeamSettings",
    tag: "Team",
    summary: "Your team's settings",
    route: teamRoute.GET,
    responses: { 200: ok("The team", TeamSettings) },
  });
  operation({
    method: "patch",
    path: "/api/team",
    operationId: "updateTeamSettings",
    tag: "Team",
    summary: "Change the team's time zone (admins)",
    description: "An IANA name, e.g. `Europe/Berlin`: email digests cover its days and Monday-to-Sunday weeks.",
    route: teamRoute.PATCH,
    body: { id: "UpdateTeamSettings", description: "The team's time zone" },
    responses: { 200: ok("The team", TeamSettings) },
  });
}
