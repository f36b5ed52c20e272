import { z } from "zod";
import { withoutBidiControls } from "./common";
import { personSchema } from "./team";

// The comment shapes: one module shared by the routes, the comment form, the tests and the OpenAPI document.

export const MAX_COMMENT_LENGTH = 10_000;

/** Plain text (links become clickable when shown, nothing else is markup); no bidi controls, as in titles. */
const commentBody = withoutBidiControls(z.string().trim().min(1, "Write something first").max(MAX_COMMENT_LENGTH));

export const createCommentSchema = z.strictObject({ body: commentBody });
export const updateCommentSchema = z.strictObject({ body: commentBody });
export type CommentInput = z.infer<typeof createCommentSchema>;

export const commentSchema = z.object({
  id: z.string(),
  /** What the comment is on: an issue or a tracked entity (one of the two). */
  issueId: z.string().nullable(),
  entityId: z.string().nullable(),
  body: z.string(),
  /** The members the body @mentions, by user id. */
  mentions: z.array(personSchema),
  /** Null once the author's account is gone. */
  author: personSchema.nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  /** Null until the comment is edited. */
  editedAt: z.string().nullable(),
});
export type CommentView = z.infer<typeof commentSchema>;

export const commentListSchema = z.object({ items: z.array(commentSchema) });
