// POST /api/notifications/read – mark some ({ ids }) or all ({ all: true }) of your notifications read
import { json, route } from "@/lib/api/route";
import { markRead } from "@/lib/services/notifications";
import { markReadSchema } from "@/lib/validation/notifications";

export const POST = route({ role: "viewer", body: markReadSchema }, async ({ actor, body }) => json(await markRead(actor, body)));
