// POST /api/issues/{id}/restore – bring a deleted issue back (admins)
import { json, route } from "@/lib/api/route";
import { etag } from "@/lib/api/versions";
import { restoreIssue } from "@/lib/services/issues";

export const POST = route({ role: "admin" }, async ({ actor, params }) => {
  const issue = await restoreIssue(actor, params.id!);
  return json(issue, { headers: etag(issue.version) });
});
