// POST /api/issues/{id}/entities – track the issue's actors (all, or those named) as entities linked to it
import { json, route } from "@/lib/api/route";
import { trackIssueActors } from "@/lib/services/entities/entities";
import { trackActorsSchema } from "@/lib/validation/entities";

export const POST = route({ role: "analyst", body: trackActorsSchema }, async ({ actor, params, body }) =>
  json(await trackIssueActors(actor, params.id!, body), { status: 201 }),
);
