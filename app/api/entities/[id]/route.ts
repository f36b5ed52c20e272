// GET /api/entities/{id} – one entity with its hits, issues and documents (ETag: its version)
// PATCH /api/entities/{id} – change it (If-Match required); new names, type or country are screened at once
// DELETE /api/entities/{id} – stop tracking it (If-Match required); its history stays
import { json, route } from "@/lib/api/route";
import { etag, requireIfMatch } from "@/lib/api/versions";
import { deleteEntity, getEntity, updateEntity } from "@/lib/services/entities/entities";
import { updateEntitySchema } from "@/lib/validation/entities";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => {
  const entity = await getEntity(actor, params.id!);
  return json(entity, { headers: etag(entity.version) });
});

export const PATCH = route({ role: "analyst", body: updateEntitySchema }, async ({ actor, params, body, request }) => {
  const entity = await updateEntity(actor, params.id!, requireIfMatch(request), body);
  return json(entity, { headers: etag(entity.version) });
});

export const DELETE = route({ role: "analyst" }, async ({ actor, params, request }) => {
  await deleteEntity(actor, params.id!, requireIfMatch(request));
  return new Response(null, { status: 204 });
});
