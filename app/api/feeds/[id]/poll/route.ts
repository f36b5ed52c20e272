// POST /api/feeds/{id}/poll – "Poll now": poll the feed at once and answer its health after
import { json, route } from "@/lib/api/route";
import { pollFeedNow } from "@/lib/services/feeds/poll";

export const POST = route({ role: "analyst" }, async ({ actor, params }) => json(await pollFeedNow(actor, params.id!)));
