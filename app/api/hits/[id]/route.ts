// PATCH /api/hits/{id} – confirm a hit or mark it a false positive, with a note (null takes the decision back)
import { json, route } from "@/lib/api/route";
import { decideHit } from "@/lib/services/entities/hits";
import { decideHitSchema } from "@/lib/validation/entities";

export const PATCH = route({ role: "analyst", body: decideHitSchema }, async ({ actor, params, body }) => json(await decideHit(actor, params.id!, body)));
