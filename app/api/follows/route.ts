// GET /api/follows – the issues, entities and categories you follow
// PUT /api/follows – follow or unfollow one of them (idempotent)
import { json, route } from "@/lib/api/route";
import { listFollows, setFollow } from "@/lib/services/follows";
import { setFollowSchema } from "@/lib/validation/notifications";

export const GET = route({ role: "viewer" }, async ({ actor }) => json({ items: await listFollows(actor) }));

export const PUT = route({ role: "viewer", body: setFollowSchema }, async ({ actor, body }) => json(await setFollow(actor, body)));
