// POST /api/notifications/feed-token – a new URL of your personal Atom feed (shown once; replaces the old one)
// DELETE /api/notifications/feed-token – revoke it
import { json, route } from "@/lib/api/route";
import { createFeedToken, revokeFeedToken } from "@/lib/services/notification-feed";
import { createFeedTokenSchema } from "@/lib/validation/email";

export const POST = route({ role: "viewer", body: createFeedTokenSchema }, async ({ actor }) => json(await createFeedToken(actor), { status: 201 }));

export const DELETE = route({ role: "viewer" }, async ({ actor }) => {
  await revokeFeedToken(actor);
  return new Response(null, { status: 204 });
});
