// GET /api/notifications – your notifications, newest first, with your unread count
import { json, route } from "@/lib/api/route";
import { listNotifications } from "@/lib/services/notifications";
import { notificationQuerySchema } from "@/lib/validation/notifications";

export const GET = route({ role: "viewer", query: notificationQuerySchema }, async ({ actor, query }) => json(await listNotifications(actor, query)));
