// PATCH /api/sources/{id} – edit a source; reliability changes are kept in the history
import { json, route } from "@/lib/api/route";
import { updateSource } from "@/lib/services/sources";
import { updateSourceSchema } from "@/lib/validation/sources";

export const PATCH = route({ role: "analyst", body: updateSourceSchema }, async ({ actor, params, body }) => json(await updateSource(actor, params.id!, body)));
