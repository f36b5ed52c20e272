import { CommentText } from "./comment-text";

type Values = Record<string, unknown>;

/** A comment as the history keeps it: the text written, and the text an edit or a deletion replaced. */
export function CommentEvent({ action, before, after }: { action: string; before: Values; after: Values }) {
  const text = (values: Values) => (typeof values.body === "string" ? values.body : "");
  if (action === "commented") {
    return (
      <>
        <p>Commented:</p>
        <CommentText body={text(after)} />
      </>
    );
  }
  if (action === "comment_edited") {
    return (
      <>
        <p>Edited a comment. It now reads:</p>
        <CommentText body={text(after)} />
      </>
    );
  }
  return <p>Deleted a comment{before.author ? ` by ${String(before.author)}` : ""}.</p>;
}
