"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { credibilityLabels } from "@/lib/domain/grading";
import { likelihoodLabels } from "@/lib/domain/likelihood";
import { impactLabels } from "@/lib/domain/risk";
import { statusLabels } from "@/lib/domain/status";
import { formatDate, formatDateTime } from "@/lib/ui/format";
import { CommentEvent } from "@/app/components/comments/comment-event";
import { issueFieldLabels } from "@/lib/ui/issue-labels";
import { olderHistoryQueryOptions } from "@/lib/query/issues";
import type { HistoryEvent, IssueHistoryPage } from "@/lib/validation/issues";
import type { Person } from "@/lib/validation/team";

type Category = { slug: string; name: string };
type Entity = { id: string; name: string };
type Values = Record<string, unknown>;

const asValues = (value: unknown): Values => (value && typeof value === "object" && !Array.isArray(value) ? (value as Values) : {});

const fieldNames: Record<string, string> = issueFieldLabels;

// Recorded with the change but not a field of the issue.
const bookkeeping = new Set(["rationale", "version"]);

function show(field: string, value: unknown, categories: Category[], members: Person[]): string {
  if (value === null || value === undefined || value === "") return field === "ownerId" ? "unassigned" : "none";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "none";
  switch (field) {
    case "status":
      return statusLabels[value as keyof typeof statusLabels] ?? String(value);
    case "likelihood":
      return likelihoodLabels[value as keyof typeof likelihoodLabels] ?? String(value);
    case "impact":
      return `${value} · ${impactLabels[Number(value)] ?? ""}`;
    case "category":
      return categories.find((c) => c.slug === value)?.name ?? String(value);
    case "ownerId":
      return members.find((m) => m.id === value)?.name ?? "a former member";
    case "nextReviewAt":
      return formatDate(String(value));
    default:
      return String(value);
  }
}

/**
 * The issue's history, newest first: who changed what, when (UTC), and why; and what the screening found on
 * its actors. The page renders the newest events; "Show older events" loads the rest a page at a time.
 */
export function Timeline({ issueId, newest, categories, members, entities = [] }: { issueId: string; newest: IssueHistoryPage; categories: Category[]; members: Person[]; entities?: Entity[] }) {
  const [showingOlder, setShowingOlder] = useState(false);
  const older = useInfiniteQuery({ ...olderHistoryQueryOptions(issueId, newest.items[0]?.id ?? ""), enabled: showingOlder });
  const events = [newest, ...(older.data?.pages ?? [])].flatMap((page) => [...page.items].reverse());
  const more = older.data ? older.hasNextPage : newest.more;
  const loading = older.isFetching;
  return (
    <section aria-labelledby="timeline-heading" className="stack">
      <h2 id="timeline-heading">Timeline</h2>
      {events.length === 0 ? (
        <p className="muted">No changes recorded yet.</p>
      ) : (
        <ol className="timeline">
          {events.map((event) => (
            <li key={event.id} className="timeline-event">
              <p className="small muted">
                <time dateTime={event.at}>{formatDateTime(event.at)}</time> · <span className="timeline-actor">{event.actor}</span>
              </p>
              {event.entityType === "hit" ? <HitEvent action={event.action} after={asValues(event.after)} entities={entities} /> : <EventDescription event={event} categories={categories} members={members} />}
            </li>
          ))}
        </ol>
      )}
      {older.isError && (
        <p role="alert" className="error">
          Could not load older events: {older.error.message}
        </p>
      )}
      {more && (
        <p>
          <button type="button" className="secondary" disabled={loading} onClick={() => (showingOlder ? void older.fetchNextPage() : setShowingOlder(true))}>
            {loading ? "Loading older events…" : "Show older events"}
          </button>
        </p>
      )}
    </section>
  );
}

function EventDescription({ event, categories, members }: { event: HistoryEvent; categories: Category[]; members: Person[] }) {
  const before = asValues(event.before);
  const after = asValues(event.after);
  const rationale = typeof after.rationale === "string" ? after.rationale : null;
  const value = (field: string, from: Values) => show(field, from[field], categories, members);

  if (event.entityType === "evidence") return <EvidenceEvent action={event.action} after={after} />;
  if (event.entityType === "comment") return <CommentEvent action={event.action} before={before} after={after} />;

  let headline: ReactNode;
  let shownInHeadline: string | null = null;
  switch (event.action) {
    case "created":
      return (
        <p>
          Added the issue to the watchlist: {value("status", after)}, {value("likelihood", after).toLowerCase()}, impact {value("impact", after)}.
        </p>
      );
    case "deleted":
      return <p>Deleted the issue (it can be restored by an admin).</p>;
    case "restored":
      return <p>Restored the issue to the watchlist.</p>;
    case "status_changed":
      shownInHeadline = "status";
      headline = (
        <>
          Moved the status from <strong>{value("status", before)}</strong> to <strong>{value("status", after)}</strong>
        </>
      );
      break;
    case "likelihood_changed":
      shownInHeadline = "likelihood";
      headline = (
        <>
          Changed the likelihood from <strong>{value("likelihood", before)}</strong> to <strong>{value("likelihood", after)}</strong>
        </>
      );
      break;
    default:
      headline = event.action === "updated" ? "Edited the issue" : event.action.replaceAll("_", " ");
  }

  const fields = Object.keys(after).filter((field) => !bookkeeping.has(field) && field !== shownInHeadline);
  return (
    <>
      <p>{headline}</p>
      {fields.length > 0 && (
        <ul className="timeline-changes">
          {fields.map((field) => (
            <li key={field}>
              {fieldNames[field] ?? field}:{" "}
              {field === "summary" ? (
                "rewritten"
              ) : (
                <>
                  <del>{value(field, before)}</del> → <ins>{value(field, after)}</ins>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {rationale && (
        <p className="rationale">
          <strong>Rationale:</strong> {rationale}
        </p>
      )}
    </>
  );
}

function EvidenceEvent({ action, after }: { action: string; after: Values }) {
  if (action !== "evidence_added") return <p>Evidence: {action.replaceAll("_", " ")}</p>;
  const credibility = Number(after.credibility);
  return (
    <>
      <p>
        Added evidence{credibilityLabels[credibility] ? ` (${credibilityLabels[credibility].toLowerCase()})` : ""}:
      </p>
      {typeof after.quote === "string" && <blockquote className="quote">{after.quote}</blockquote>}
    </>
  );
}

const hitHeadlines: Record<string, string> = {
  hit_found: "Screening found a possible designation of",
  hit_reopened: "A listed entry changed: the hit waits for review again for",
  hit_gone: "A decided hit is no longer found for",
};
const decisionLabels: Record<string, string> = { confirmed: "Confirmed the designation of", false_positive: "Marked as a false positive the hit on" };

/** A screening event on an entity tracked as one of the issue's actors (found, decided, reopened, gone). */
function HitEvent({ action, after, entities }: { action: string; after: Values; entities: Entity[] }) {
  const entityId = String(after.entityId ?? "");
  const entity = entities.find((e) => e.id === entityId);
  const headline = action === "hit_decided" ? (decisionLabels[String(after.decision)] ?? "Took back the decision on the hit on") : (hitHeadlines[action] ?? action.replaceAll("_", " "));
  const listed = typeof after.name === "string" ? after.name : null;
  const note = typeof after.note === "string" && after.note ? after.note : null;
  return (
    <>
      <p>
        {headline} {entity ? <Link href={`/entities/${entity.id}`}>{entity.name}</Link> : "an entity no longer tracked on this issue"}
        {listed && (
          <>
            {" "}
            as <strong>{listed}</strong>
          </>
        )}
        {typeof after.list === "string" && <> on {after.list}</>}
        {Array.isArray(after.programs) && after.programs.length > 0 && <> ({after.programs.join(", ")})</>}.
      </p>
      {note && (
        <p className="rationale">
          <strong>Note:</strong> {note}
        </p>
      )}
    </>
  );
}
