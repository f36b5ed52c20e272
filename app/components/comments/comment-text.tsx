import { commentParts } from "@/lib/comments/text";

/** A comment as plain text with its web addresses as links: React escapes every part, nothing is parsed as HTML. */
export function CommentText({ body }: { body: string }) {
  return (
    <p className="comment-body">
      {commentParts(body).map((part, i) =>
        part.kind === "link" ? (
          <a key={i} href={part.href} rel="nofollow noopener noreferrer" target="_blank">
            {part.text}
          </a>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}
