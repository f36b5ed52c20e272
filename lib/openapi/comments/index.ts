import "server-only";
import { commentListSchema, commentSchema } from "@/lib/validation/comments";
import { component, type OpenApiKit } from "../kit";
import * as commentsByIdRoute from "@/app/api/comments/[id]/route";
import * as entitiesByIdCommentsRoute from "@/app/api/entities/[id]/comments/route";
import * as issuesByIdCommentsRoute from "@/app/api/issues/[id]/comments/route";

// Comments on issues and tracked entities (issue 17).

const NOTES = "`@Name` mentions a member of the team (stored as `mentions`). At most 10,000 characters, no bidirectional control characters.";

export function registerComments(kit: OpenApiKit) {
  const { operation, ok, created, noContent, etagHeader, locationHeader } = kit;
  const Comment = component("Comment", commentSchema, "A plain-text comment; links in it are shown as links, nothing else is markup.");
  const CommentList = component("CommentList", commentListSchema);
  const targets = [
    { resource: "issues", what: "issue", name: "Issue", routes: issuesByIdCommentsRoute },
    { resource: "entities", what: "entity", name: "Entity", routes: entitiesByIdCommentsRoute },
  ] as const;
  for (const { resource, what, name, routes } of targets) {
    operation({
      method: "get",
      path: `/api/${resource}/{id}/comments`,
      operationId: `list${name}Comments`,
      tag: "Comments",
      summary: `The ${what}'s comments, oldest first`,
      route: routes.GET,
      id: what,
      responses: { 200: ok("The comments", CommentList) },
    });
    operation({
      method: "post",
      path: `/api/${resource}/{id}/comments`,
      operationId: `comment${name}`,
      tag: "Comments",
      summary: `Comment on the ${what}`,
      description: NOTES,
      route: routes.POST,
      id: what,
      body: { id: `Create${name}Comment`, description: "The comment's text" },
      responses: { 201: created("The comment as stored", Comment, { ETag: etagHeader.ref, Location: locationHeader }) },
    });
  }
  operation({
    method: "patch",
    path: "/api/comments/{id}",
    operationId: "editComment",
    tag: "Comments",
    summary: "Edit your own comment",
    description: `Only its author can; the text it replaces stays in the history. ${NOTES}`,
    route: commentsByIdRoute.PATCH,
    id: "comment",
    ifMatch: true,
    body: { id: "UpdateComment", description: "The new text" },
    responses: { 200: ok("The comment as stored", Comment, { ETag: etagHeader.ref }) },
    errors: { forbidden: "Not your comment" },
  });
  operation({
    method: "delete",
    path: "/api/comments/{id}",
    operationId: "deleteComment",
    tag: "Comments",
    summary: "Delete your own comment, or any as an admin",
    description: "Its text stays in the history.",
    route: commentsByIdRoute.DELETE,
    id: "comment",
    ifMatch: true,
    responses: { 204: noContent },
    errors: { forbidden: "Not your comment, and you are not an admin" },
  });
}
