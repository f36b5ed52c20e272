// POST /api/documents/{id}/entities – track the people and organisations the document names (those given, or
// every one its analysis finds) as entities linked to it
import { json, route } from "@/lib/api/route";
import { trackDocumentNames } from "@/lib/services/entities/entities";
import { trackDocumentNamesSchema } from "@/lib/validation/entities";

export const POST = route({ role: "analyst", body: trackDocumentNamesSchema }, async ({ actor, params, body }) =>
  json(await trackDocumentNames(actor, params.id!, body), { status: 201 }),
);
