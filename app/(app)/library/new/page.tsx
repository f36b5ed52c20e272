import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { analyzeForTeam } from "@/lib/services/documents";
import { prepareAcceptance } from "@/lib/services/inbox";
import { listSources } from "@/lib/services/sources";
import type { Actor } from "@/lib/auth/actor";
import type { DocumentDraft } from "./document-input";
import { Intake } from "./intake";

export const metadata: Metadata = { title: "Add evidence" };

/**
 * An inbox item to accept (`?inboxItem=`): its text analysed, the review prefilled with its address, title, date,
 * feed's source and issue. Null with the reason when it cannot be accepted (gone, or accepted already).
 */
async function fromInbox(actor: Actor, id: string) {
  try {
    const { draft } = await prepareAcceptance(actor, id);
    const analysis = await analyzeForTeam(actor, { text: draft.text, title: draft.title, url: draft.url ?? undefined });
    const documentDraft: DocumentDraft = {
      text: draft.text,
      file: null,
      title: draft.title,
      url: draft.url ?? "",
      capture: null,
      inboxItem: { id: draft.inboxItemId, publishedAt: draft.publishedAt, sourceId: draft.sourceId, issueIds: draft.issueIds },
    };
    return { value: { draft: documentDraft, analysis } };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const documentId = (error.details as { documentId?: string | null } | undefined)?.documentId;
    return { problem: error.code === "conflict" ? "This inbox item was accepted already." : "This inbox item no longer exists.", documentId };
  }
}

export default async function NewDocumentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  if (!hasRole(actor.role, "analyst")) {
    return (
      <>
        <h1>Add evidence</h1>
        <div className="notice stack" role="status">
          <p>
            You need the analyst role to add documents to the library. You are a {actor.role} in {actor.teamName}; ask an admin of your team to
            change your role.
          </p>
          <p>
            <Link href="/library">Back to the evidence library</Link>
          </p>
        </div>
      </>
    );
  }
  const { inboxItem } = await searchParams;
  // Ids are UUIDs: anything else (a NUL would fail in the database) names no item.
  const inbox = typeof inboxItem === "string" && inboxItem ? await fromInbox(actor, /^[\w-]{1,64}$/.test(inboxItem) ? inboxItem : "-") : null;
  return (
    <>
      <div className="page-title">
        <h1>Add evidence</h1>
        <Link href="/library">Back to the evidence library</Link>
      </div>
      <p className="muted">
        Paste an article, statement or report, upload it, or fetch it by its URL. The analysis suggests its details and the issues it
        bears on; you confirm, grade and save.
      </p>
      {inbox?.problem && (
        <div className="notice" role="status">
          <p>
            {inbox.problem} {inbox.documentId && <Link href={`/library/${inbox.documentId}`}>Open its document</Link>}{" "}
            <Link href="/inbox">Back to the inbox</Link>
          </p>
        </div>
      )}
      <Intake initialSources={await listSources(actor)} fromInbox={inbox?.value} />
    </>
  );
}
