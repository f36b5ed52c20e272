// GET /api/feeds/{id} – one feed with its health
// PATCH /api/feeds/{id} – rename, change the interval, enable or disable
// DELETE /api/feeds/{id} – stop following the feed (its items stay in the inbox)
import { json, route } from "@/lib/api/route";
import { deleteFeed, getFeed, updateFeed } from "@/lib/services/feeds/feeds";
import { updateFeedSchema } from "@/lib/validation/feeds";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => json(await getFeed(actor, params.id!)));

export const PATCH = route({ role: "analyst", body: updateFeedSchema }, async ({ actor, params, body }) => json(await updateFeed(actor, params.id!, body)));

export const DELETE = route({ role: "analyst" }, async ({ actor, params }) => {
  await deleteFeed(actor, params.id!);
  return new Response(null, { status: 204 });
});
