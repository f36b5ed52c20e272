"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ApiError } from "@/lib/query/api";
import { entityRequests } from "@/lib/query/entities";
import { DesignationList } from "@/app/(app)/entities/designation-list";
import { entityTypeLabels } from "@/lib/ui/entity-labels";
import type { EntitySummary } from "@/lib/validation/entities";

type Props = { issueId: string; entities: EntitySummary[]; untrackedActors: string[]; canEdit: boolean };

const errorText = (error: unknown) => (error instanceof ApiError ? [error.message, ...Object.values(error.fieldErrors).flat()].join(" ") : "Something went wrong. Try again.");

/** The issue's actors tracked as entities (screened against the sanctions lists), and one click to track the rest. */
export function TrackedEntities({ issueId, entities, untrackedActors, canEdit }: Props) {
  const router = useRouter();
  const track = useMutation({ mutationFn: () => entityRequests.trackIssueActors(issueId, untrackedActors), onSuccess: () => router.refresh() });

  return (
    <section aria-labelledby="tracked-entities-heading" className="stack" id="tracked-entities">
      <h2 id="tracked-entities-heading">Tracked entities ({entities.length})</h2>
      {entities.length === 0 ? (
        <p className="muted">None of this issue&apos;s actors is tracked yet: tracked entities are screened against every sanctions list, now and after each release.</p>
      ) : (
        <ul className="evidence-list">
          {entities.map((entity) => (
            <li key={entity.id} className="card stack tight">
              <p>
                <Link href={`/entities/${entity.id}`} className="issue-link">
                  {entity.name}
                </Link>{" "}
                <span className="muted small">{entityTypeLabels[entity.type]}</span>{" "}
                {entity.designations.length > 0 && <span className="badge designated">Designated</span>}{" "}
                {entity.reviewCount > 0 && <span className="badge hit-review">{entity.reviewCount} to review</span>}
              </p>
              {entity.designations.length > 0 && <DesignationList designations={entity.designations} className="inline-list small" />}
            </li>
          ))}
        </ul>
      )}
      {untrackedActors.length > 0 && (
        <div className="stack tight">
          <p className="small muted">Not tracked yet: {untrackedActors.join(", ")}.</p>
          {canEdit && (
            <p>
              <button type="button" className="button" onClick={() => track.mutate()} disabled={track.isPending}>
                {track.isPending ? "Tracking…" : "Track actors as entities"}
              </button>
            </p>
          )}
          {track.isError && (
            <p role="alert" className="error-message">
              {errorText(track.error)}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
