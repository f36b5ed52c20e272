import "server-only";
import { followListSchema, followStateSchema, markReadResultSchema, notificationPageSchema } from "@/lib/validation/notifications";
import { component, type OpenApiKit } from "../kit";
import * as followsRoute from "@/app/api/follows/route";
import * as notificationsRoute from "@/app/api/notifications/route";
import * as notificationsReadRoute from "@/app/api/notifications/read/route";

// Follows and the in-app notification center (issue 15).

export function registerNotifications(kit: OpenApiKit) {
  const { operation, ok } = kit;
  const FollowList = component("FollowList", followListSchema);
  const FollowState = component("FollowState", followStateSchema);
  const NotificationPage = component("NotificationPage", notificationPageSchema);
  const MarkReadResult = component("MarkReadResult", markReadResultSchema);
  operation({
    method: "get",
    path: "/api/follows",
    operationId: "listFollows",
    tag: "Notifications",
    summary: "What you follow, newest first",
    description: "An issue's creator and its owner follow it from the start.",
    route: followsRoute.GET,
    responses: { 200: ok("Your follows, each named and linked", FollowList) },
  });
  operation({
    method: "put",
    path: "/api/follows",
    operationId: "setFollow",
    tag: "Notifications",
    summary: "Follow or unfollow an issue, an entity or a category",
    description: "Idempotent. After unfollowing you hear nothing more of it, unless you are mentioned.",
    route: followsRoute.PUT,
    body: { id: "SetFollow", description: "What to follow, and whether to", about: "`kind` and the id of the issue, entity or category" },
    responses: { 200: ok("Whether you now follow it", FollowState) },
    errors: { not_found: "No such issue, entity or category in your team" },
  });
  operation({
    method: "get",
    path: "/api/notifications",
    operationId: "listNotifications",
    tag: "Notifications",
    summary: "Your notifications, newest first, with your unread count",
    description:
      "You are notified of new evidence on issues you follow, their status or likelihood moves (with the rationale), designation hits on entities you follow " +
      "or that are actors of issues you follow, new issues in categories you follow, and mentions of you in comments; never of your own actions. " +
      "Each is written with the event that caused it; `eventId` identifies it for deduplication.",
    route: notificationsRoute.GET,
    queryDescriptions: { unread: "Only unread ones", kind: "Only one kind", cursor: "The previous page's `nextCursor`", pageSize: "At most 100" },
    responses: { 200: ok("A page of your notifications", NotificationPage) },
  });
  operation({
    method: "post",
    path: "/api/notifications/read",
    operationId: "markNotificationsRead",
    tag: "Notifications",
    summary: "Mark some or all of your notifications read",
    description: "`{ \"ids\": [...] }` (up to 500) or `{ \"all\": true }`. Ids that are not yours are ignored.",
    route: notificationsReadRoute.POST,
    body: { id: "MarkNotificationsRead", description: "Which notifications" },
    responses: { 200: ok("How many were marked, and how many are still unread", MarkReadResult) },
  });
}
