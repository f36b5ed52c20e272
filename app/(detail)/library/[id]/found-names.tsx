"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ApiError } from "@/lib/query/api";
import { entityRequests } from "@/lib/query/entities";
import { formatScore } from "@/lib/ui/entity-labels";
import type { FoundName } from "@/lib/validation/entities";

type Props = { documentId: string; names: FoundName[]; canEdit: boolean };

/**
 * The organisations and people the analysis finds in the document, each with what it is tied to: the team's entity
 * (tracked on this document, or elsewhere and then linked with one click) and the sanctions list entries it matches.
 */
export function FoundNames({ documentId, names, canEdit }: Props) {
  const router = useRouter();
  const track = useMutation({
    mutationFn: (found: FoundName) => entityRequests.trackDocumentNames(documentId, [{ name: found.name, type: found.type }]),
    onSuccess: () => router.refresh(),
  });
  const groups = [
    { type: "organization", title: "Organisations" },
    { type: "person", title: "People" },
  ] as const;
  return (
    <section aria-labelledby="document-names-heading" className="stack">
      <h2 id="document-names-heading">Organisations and people named</h2>
      {names.length === 0 ? (
        <p className="muted">The analysis finds no organisations or people in this document.</p>
      ) : (
        <>
          <p className="muted small">Tracked entities are screened against every sanctions list, now and after each release.</p>
          <dl className="facts findings">
            {groups.map(({ type, title }) => {
              const found = names.filter((n) => n.type === type);
              return (
                <div key={type}>
                  <dt>{title}</dt>
                  <dd>
                    {found.length === 0 ? (
                      <span className="muted">None found</span>
                    ) : (
                      <ul className="inline-list stack tight">
                        {found.map((n) => (
                          <li key={n.name}>
                            <NameFound found={n} canEdit={canEdit} pending={track.isPending} onTrack={() => track.mutate(n)} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
          {track.isError && (
            <p role="alert" className="error-message">
              {track.error instanceof ApiError ? track.error.message : "Something went wrong. Try again."}
            </p>
          )}
        </>
      )}
    </section>
  );
}

function NameFound({ found, canEdit, pending, onTrack }: { found: FoundName; canEdit: boolean; pending: boolean; onTrack: () => void }) {
  const { entity } = found;
  // Tracking a name the team already tracks links that entity to this document: the button says so.
  const action = entity ? (entity.onDocument ? null : "Link") : "Track";
  return (
    <>
      {entity ? <Link href={`/entities/${entity.id}`}>{entity.name}</Link> : found.name}
      {found.aliases.length > 0 && <span className="muted small"> ({found.aliases.join(", ")})</span>}
      {entity && <span className="muted small"> {entity.onDocument ? "tracked" : "tracked, not linked to this document"}</span>}
      {canEdit && action && (
        <>
          {" "}
          <button
            type="button"
            className="button small-button"
            onClick={onTrack}
            disabled={pending}
            aria-label={action === "Link" ? `Link ${entity!.name} to this document` : `Track ${found.name} as an entity`}
          >
            {action}
          </button>
        </>
      )}
      {found.listEntries.length > 0 && (
        <ul className="inline-list small" aria-label={`Sanctions list entries matching ${found.name}`}>
          {found.listEntries.map((entry) => (
            <li key={entry.entryId}>
              <span className="badge hit-match">On {entry.list}</span>{" "}
              <Link href={`/lists/entries/${entry.entryId}`}>{entry.name}</Link> <span className="muted small">{formatScore(entry.score)} match</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
