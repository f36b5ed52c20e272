"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ApiError } from "@/lib/query/api";
import { entityRequests } from "@/lib/query/entities";
import type { FoundName } from "@/lib/services/entities/document-names";

type Props = { documentId: string; names: FoundName[]; canEdit: boolean };

/** The organisations and people the analysis finds in the document: tracked ones link to their entity, the others can be tracked with one click. */
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
                          {n.entity ? (
                            <>
                              <Link href={`/entities/${n.entity.id}`}>{n.entity.name}</Link> <span className="muted small">tracked</span>
                            </>
                          ) : (
                            <>
                              {n.name}{" "}
                              {canEdit && (
                                <button
                                  type="button"
                                  className="button small-button"
                                  onClick={() => track.mutate(n)}
                                  disabled={track.isPending}
                                  aria-label={`Track ${n.name} as an entity`}
                                >
                                  Track
                                </button>
                              )}
                            </>
                          )}
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
