// GET /api/notifications/feed.atom?token=… – your notifications as an Atom feed; the token is the only credential
import { route } from "@/lib/api/route";
import { notificationFeed } from "@/lib/services/notification-feed";
import { feedQuerySchema } from "@/lib/validation/email";

export const GET = route({ role: "public", query: feedQuerySchema }, async ({ query }) =>
  new Response(await notificationFeed(query.token), {
    headers: { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "private, no-store", "x-robots-tag": "noindex" },
  }),
);
