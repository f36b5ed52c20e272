// GET /api/feeds – the team's feeds with their health (optionally one source's)
// POST /api/feeds – add a feed to a source, by the feed's address or a site's page that advertises it
import { json, route } from "@/lib/api/route";
import { createFeed, listFeeds } from "@/lib/services/feeds/feeds";
import { createFeedSchema, feedQuerySchema } from "@/lib/validation/feeds";

export const GET = route({ role: "viewer", query: feedQuerySchema }, async ({ actor, query }) => json({ items: await listFeeds(actor, query) }));

export const POST = route({ role: "analyst", body: createFeedSchema }, async ({ actor, body }) => {
  const feed = await createFeed(actor, body);
  return json(feed, { status: 201, headers: { Location: `/api/feeds/${feed.id}` } });
});
