"use client";

import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { ApiError } from "@/lib/query/api";
import { entityRequests } from "@/lib/query/entities";
import { formatDate } from "@/lib/ui/format";
import { formatScore } from "@/lib/ui/entity-labels";
import type { HitView } from "@/lib/validation/entities";

const decisionLabels = { confirmed: "Confirmed", false_positive: "False positive" } as const;

/** One hit with why it scored what it did, and (for analysts) the decision: confirm or false positive, with a note. */
export function HitCard({ hit, canDecide, onDecided }: { hit: HitView; canDecide: boolean; onDecided: () => void }) {
  const noteId = useId();
  const [note, setNote] = useState(hit.note);
  const decide = useMutation({
    mutationFn: (decision: HitView["decision"]) => entityRequests.decide(hit.id, { decision, note }),
    onSuccess: onDecided,
  });
  const headingId = `hit-${hit.id}`;
  return (
    <li className="card stack" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {hit.name} <span className={`badge hit-${hit.level}`}>{hit.level === "match" ? "match" : "review"}</span>{" "}
        {hit.decision && <span className="badge">{decisionLabels[hit.decision]}</span>}
        {hit.goneAt && <span className="badge">no longer found</span>}
      </h3>
      <p className="small muted">
        {hit.listName} · entry {hit.sourceId} · {hit.programs.join(", ") || "no program"} · first seen in the release of {formatDate(hit.firstSeen.publishedAt)}
      </p>
      <p>
        Score <strong>{formatScore(hit.score)}</strong>: {hit.explanation.summary}
      </p>
      <p className="small">
        Matched the list&apos;s {hit.explanation.nameKind === "name" ? "name" : `alias (${hit.explanation.nameKind})`} <q>{hit.matchedName}</q>
      </p>
      {hit.explanation.words.length > 0 && (
        <ul className="hit-words small" aria-label="Words matched">
          {hit.explanation.words.map((word, at) => (
            <li key={at}>
              {word.query} ↔ {word.entry} ({formatScore(word.similarity)})
            </li>
          ))}
        </ul>
      )}
      {hit.explanation.reasons.length > 0 && (
        <ul className="hit-words small" aria-label="Why this score">
          {hit.explanation.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {hit.decision && (
        <p className="small">
          {decisionLabels[hit.decision]} by {hit.decidedBy ?? "someone"} on {formatDate(hit.decidedAt)}
          {hit.note && <span className="rationale"> {hit.note}</span>}
        </p>
      )}
      {canDecide && (
        <div className="stack">
          {!hit.decision && (
            <label className="field" htmlFor={noteId}>
              Note (why)
              <textarea id={noteId} rows={2} maxLength={5000} value={note} onChange={(event) => setNote(event.target.value)} />
            </label>
          )}
          <div className="form-actions">
            {hit.decision ? (
              <button type="button" className="button" disabled={decide.isPending} onClick={() => decide.mutate(null)}>
                Take the decision back
              </button>
            ) : (
              <>
                <button type="button" className="button primary" disabled={decide.isPending} onClick={() => decide.mutate("confirmed")}>
                  Confirm
                </button>
                <button type="button" className="button" disabled={decide.isPending} onClick={() => decide.mutate("false_positive")}>
                  False positive
                </button>
              </>
            )}
          </div>
          {decide.error && (
            <p role="alert" className="error-message">
              {decide.error instanceof ApiError ? decide.error.message : "The decision was not saved. Try again."}
            </p>
          )}
        </div>
      )}
    </li>
  );
}
