// POST /api/entities/{id}/merge – merge another entity into this one (If-Match: this one's version)
import { json, route } from "@/lib/api/route";
import { etag, requireIfMatch } from "@/lib/api/versions";
import { mergeEntities } from "@/lib/services/entities/entities";
import { mergeEntitySchema } from "@/lib/validation/entities";

export const POST = route({ role: "analyst", body: mergeEntitySchema }, async ({ actor, params, body, request }) => {
  const entity = await mergeEntities(actor, params.id!, requireIfMatch(request), body.from);
  return json(entity, { headers: etag(entity.version) });
});
