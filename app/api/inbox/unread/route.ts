// GET /api/inbox/unread – how many items are new (the navigation's count)
import { json, route } from "@/lib/api/route";
import { unreadInboxCount } from "@/lib/services/inbox";

export const GET = route({ role: "viewer" }, async ({ actor }) => json({ unread: await unreadInboxCount(actor) }));
