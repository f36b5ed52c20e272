// GET /api/issues – the watchlist, filtered, sorted and paged
// POST /api/issues – add an issue to the watchlist
import { json, route } from "@/lib/api/route";
import { createIssue } from "@/lib/services/issues";
import { listIssues } from "@/lib/services/watchlist";
import { createIssueSchema, listIssuesQuerySchema } from "@/lib/validation/issues";

export const GET = route({ role: "viewer", query: listIssuesQuerySchema }, async ({ actor, query }) =>
  json(await listIssues(actor, query)),
);

export const POST = route({ role: "analyst", body: createIssueSchema }, async ({ actor, body }) => {
  const issue = await createIssue(actor, body);
  return json(issue, { status: 201, headers: { ETag: `"${issue.version}"`, Location: `/api/issues/${issue.id}` } });
});
