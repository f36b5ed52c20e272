"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState, type FormEvent } from "react";
import { errorsFromApi, errorsFromZod, Field, FormError, formMessages, useFormErrors } from "@/app/components/forms";
import { commentKeys, commentRequests, commentsQueryOptions, type CommentTarget } from "@/lib/query/comments";
import { formatDateTime } from "@/lib/ui/format";
import { createCommentSchema, MAX_COMMENT_LENGTH, type CommentView } from "@/lib/validation/comments";
import type { Person } from "@/lib/validation/team";
import { CommentText } from "./comment-text";
import { MentionInput } from "./mention-input";

type Viewer = { userId: string | null; canWrite: boolean; isAdmin: boolean };

const FORBIDDEN = "You need the analyst role to comment.";

/** The conversation on an issue or an entity: its comments, oldest first, and a box to add one. */
export function Comments({ target, initial, members, viewer }: { target: CommentTarget; initial: CommentView[]; members: Person[]; viewer: Viewer }) {
  const headingId = useId();
  const { data: comments } = useQuery({ ...commentsQueryOptions(target), initialData: initial });
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>Comments</h2>
      {comments.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ol className="comment-list">
          {comments.map((comment) => (
            <CommentItem key={comment.id} target={target} comment={comment} members={members} viewer={viewer} />
          ))}
        </ol>
      )}
      {viewer.canWrite && <CommentForm target={target} members={members} />}
    </section>
  );
}

/** The comment's text, checked with the API's schema before it is sent. */
function useCommentSave(target: CommentTarget, send: (body: string) => Promise<CommentView>, onSaved: () => void) {
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const { errors, setErrors, showErrors } = useFormErrors<"body">(form);
  const save = useMutation({
    mutationFn: send,
    onSuccess: async () => {
      setErrors({});
      onSaved();
      await queryClient.invalidateQueries({ queryKey: commentKeys.on(target) });
    },
    onError: (error) => showErrors(errorsFromApi(error, { forbidden: FORBIDDEN })),
  });
  const submit = (event: FormEvent, body: string) => {
    event.preventDefault();
    const parsed = createCommentSchema.safeParse({ body }, { error: formMessages });
    if (!parsed.success) return showErrors(errorsFromZod(parsed.error));
    save.mutate(parsed.data.body);
  };
  return { form, errors, submit, pending: save.isPending };
}

function CommentForm({ target, members }: { target: CommentTarget; members: Person[] }) {
  const [body, setBody] = useState("");
  const { form, errors, submit, pending } = useCommentSave(target, (text) => commentRequests.add(target, { body: text }), () => setBody(""));
  return (
    <form ref={form} onSubmit={(e) => submit(e, body)} noValidate className="card stack tight" aria-label="Add a comment">
      <Field label="Your comment" hint="Plain text; links become clickable. Type @ to mention a member of the team." errors={errors.body}>
        {(control) => <MentionInput control={control} value={body} onChange={setBody} members={members} />}
      </Field>
      <FormError errors={errors.form} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? "Posting…" : "Post comment"}
        </button>
        <span className="muted small">{body.length > MAX_COMMENT_LENGTH * 0.9 ? `${body.length} of ${MAX_COMMENT_LENGTH} characters` : null}</span>
      </div>
    </form>
  );
}

function CommentItem({ target, comment, members, viewer }: { target: CommentTarget; comment: CommentView; members: Person[]; viewer: Viewer }) {
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [problem, setProblem] = useState<string[]>();
  const { form: editForm, errors: editErrors, submit: submitEdit, pending: editPending } = useCommentSave(target, (text) => commentRequests.edit(comment, { body: text }), () => setEditing(false));
  const remove = useMutation({
    mutationFn: () => commentRequests.remove(comment),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: commentKeys.on(target) }),
    onError: (error) => setProblem(errorsFromApi(error, { forbidden: "Only its author or an admin can delete this comment." }).form),
  });
  const own = viewer.userId !== null && comment.author?.id === viewer.userId;
  const author = comment.author?.name ?? "A former member";

  return (
    <li className="card stack tight comment">
      <p className="small muted">
        <span className="timeline-actor">{author}</span> · <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
        {comment.editedAt && " · edited"}
      </p>
      {editing ? (
        <form ref={editForm} onSubmit={(e) => submitEdit(e, draft)} noValidate className="stack tight" aria-label={`Edit your comment of ${formatDateTime(comment.createdAt)}`}>
          <Field label="Your comment" errors={editErrors.body}>
            {(control) => <MentionInput control={control} value={draft} onChange={setDraft} members={members} />}
          </Field>
          <FormError errors={editErrors.form} />
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={editPending}>
              Save
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <CommentText body={comment.body} />
      )}
      {!editing && viewer.canWrite && (own || viewer.isAdmin) && (
        <div className="form-actions">
          {own && (
            <button
              type="button"
              className="button"
              onClick={() => {
                setDraft(comment.body);
                setEditing(true);
              }}
            >
              Edit<span className="visually-hidden"> your comment</span>
            </button>
          )}
          <button
            type="button"
            className="button danger"
            disabled={remove.isPending}
            onClick={() => {
              if (window.confirm("Delete this comment? Its text stays in the history.")) remove.mutate();
            }}
          >
            Delete<span className="visually-hidden"> the comment by {author}</span>
          </button>
        </div>
      )}
      <FormError errors={problem} />
    </li>
  );
}
