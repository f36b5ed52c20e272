// GET /api/entities – the entities the team tracks, filtered and paged
// POST /api/entities – track an entity (screened at once)
import { json, route } from "@/lib/api/route";
import { createEntity, listEntities } from "@/lib/services/entities/entities";
import { createEntitySchema, listEntitiesQuerySchema } from "@/lib/validation/entities";

export const GET = route({ role: "viewer", query: listEntitiesQuerySchema }, async ({ actor, query }) => json(await listEntities(actor, query)));

export const POST = route({ role: "analyst", body: createEntitySchema }, async ({ actor, body }) => {
  const entity = await createEntity(actor, body);
  return json(entity, { status: 201, headers: { ETag: `"${entity.version}"`, Location: `/api/entities/${entity.id}` } });
});
