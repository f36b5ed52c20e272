// PATCH /api/comments/{id} – edit your own comment (If-Match required)
// DELETE /api/comments/{id} – delete your own comment, or any as an admin (If-Match required)
import { json, route } from "@/lib/api/route";
import { etag, requireIfMatch } from "@/lib/api/versions";
import { deleteComment, editComment } from "@/lib/services/comments";
import { updateCommentSchema } from "@/lib/validation/comments";

export const PATCH = route({ role: "analyst", body: updateCommentSchema }, async ({ actor, params, body, request }) => {
  const comment = await editComment(actor, params.id!, requireIfMatch(request), body);
  return json(comment, { headers: etag(comment.version) });
});

export const DELETE = route({ role: "analyst" }, async ({ actor, params, request }) => {
  await deleteComment(actor, params.id!, requireIfMatch(request));
  return new Response(null, { status: 204 });
});
