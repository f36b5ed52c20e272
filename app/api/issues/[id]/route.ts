// GET /api/issues/{id} – one issue with its evidence (ETag: its version)
// PATCH /api/issues/{id} – change it (If-Match required; a status or likelihood move needs a rationale)
// DELETE /api/issues/{id} – soft delete (If-Match required; restorable by an admin)
import { json, route } from "@/lib/api/route";
import { etag, requireIfMatch } from "@/lib/api/versions";
import { deleteIssue, getIssue, updateIssue } from "@/lib/services/issues";
import { updateIssueSchema } from "@/lib/validation/issues";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => {
  const issue = await getIssue(actor, params.id!);
  return json(issue, { headers: etag(issue.version) });
});

export const PATCH = route({ role: "analyst", body: updateIssueSchema }, async ({ actor, params, body, request }) => {
  const issue = await updateIssue(actor, params.id!, requireIfMatch(request), body);
  return json(issue, { headers: etag(issue.version) });
});

export const DELETE = route({ role: "analyst" }, async ({ actor, params, request }) => {
  await deleteIssue(actor, params.id!, requireIfMatch(request));
  return new Response(null, { status: 204 });
});
