// GET  /api/documents/{id}/entities – the people and organisations the document names, each with the team's entity
//      of that name (if any) and the sanctions list entries it matches
// POST /api/documents/{id}/entities – track the people and organisations the document names (those given, or
//      every one its analysis finds) as entities linked to it
import { json, route } from "@/lib/api/route";
import { documentNames } from "@/lib/services/entities/document-names";
import { trackDocumentNames } from "@/lib/services/entities/entities";
import { trackDocumentNamesSchema } from "@/lib/validation/entities";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => json(await documentNames(actor, params.id!)));

export const POST = route({ role: "analyst", body: trackDocumentNamesSchema }, async ({ actor, params, body }) =>
  json(await trackDocumentNames(actor, params.id!, body), { status: 201 }),
);
