// PATCH /api/evidence/{id} – change a link's quote, grade, stance or note
// DELETE /api/evidence/{id} – remove the link (the history keeps it)
import { json, route } from "@/lib/api/route";
import { deleteEvidence, updateEvidence } from "@/lib/services/evidence";
import { updateEvidenceSchema } from "@/lib/validation/evidence";

export const PATCH = route({ role: "analyst", body: updateEvidenceSchema }, async ({ actor, params, body }) => json(await updateEvidence(actor, params.id!, body)));

export const DELETE = route({ role: "analyst" }, async ({ actor, params }) => {
  await deleteEvidence(actor, params.id!);
  return new Response(null, { status: 204 });
});
