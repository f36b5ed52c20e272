// GET /api/issues/{id}/comments – the issue's comments, oldest first
// POST /api/issues/{id}/comments – comment on it (plain text; @Name mentions a member)
import { json, route } from "@/lib/api/route";
import { etag } from "@/lib/api/versions";
import { addComment, listComments } from "@/lib/services/comments";
import { createCommentSchema } from "@/lib/validation/comments";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => json({ items: await listComments(actor, { issueId: params.id! }) }));

export const POST = route({ role: "analyst", body: createCommentSchema }, async ({ actor, params, body }) => {
  const comment = await addComment(actor, { issueId: params.id! }, body);
  return json(comment, { status: 201, headers: { ...etag(comment.version), Location: `/api/comments/${comment.id}` } });
});
