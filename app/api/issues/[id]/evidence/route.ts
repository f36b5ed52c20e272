// POST /api/issues/{id}/evidence – link a quoted passage of a stored document to the issue, graded
import { json, route } from "@/lib/api/route";
import { linkEvidence } from "@/lib/services/evidence";
import { linkEvidenceSchema } from "@/lib/validation/evidence";

export const POST = route({ role: "analyst", body: linkEvidenceSchema }, async ({ actor, params, body }) =>
  json(await linkEvidence(actor, params.id!, body), { status: 201 }),
);
