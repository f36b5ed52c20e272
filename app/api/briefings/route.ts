// GET /api/briefings – the team's briefings, newest first, each with its download links
// POST /api/briefings – snapshot the watchlist (a filter or chosen issues) as a briefing
import { json, route } from "@/lib/api/route";
import { createBriefing, listBriefings } from "@/lib/services/briefings";
import { createBriefingSchema, listBriefingsQuerySchema } from "@/lib/validation/briefings";

export const GET = route({ role: "viewer", query: listBriefingsQuerySchema }, async ({ actor, query }) =>
  json(await listBriefings(actor, query)),
);

export const POST = route({ role: "analyst", body: createBriefingSchema }, async ({ actor, body }) => {
  const briefing = await createBriefing(actor, body);
  return json(briefing, { status: 201, headers: { Location: `/api/briefings/${briefing.id}` } });
});
