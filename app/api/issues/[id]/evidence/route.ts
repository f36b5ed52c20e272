// GET /api/issues/{id}/evidence – a page of the issue's evidence, newest first, filtered, with totals
// POST /api/issues/{id}/evidence – link a quoted passage of a stored document to the issue, graded
import { json, route } from "@/lib/api/route";
import { linkEvidence } from "@/lib/services/evidence";
import { listIssueEvidence } from "@/lib/services/issue-evidence";
import { linkEvidenceSchema } from "@/lib/validation/evidence";
import { issueEvidenceQuerySchema } from "@/lib/validation/issues";

export const GET = route({ role: "viewer", query: issueEvidenceQuerySchema }, async ({ actor, params, query }) =>
  json(await listIssueEvidence(actor, params.id!, query)),
);

export const POST = route({ role: "analyst", body: linkEvidenceSchema }, async ({ actor, params, body }) =>
  json(await linkEvidence(actor, params.id!, body), { status: 201 }),
);
