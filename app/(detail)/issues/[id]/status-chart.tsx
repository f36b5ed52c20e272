"use client";

import { useMemo, useState } from "react";
import { likelihoodLabels, likelihoods } from "@/lib/domain/likelihood";
import { issueStatuses, statusLabels } from "@/lib/domain/status";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "@/lib/ui/format";
import type { HistoryEvent } from "@/lib/validation/issues";
import { JudgmentChart } from "@/app/(app)/dashboard/lazy-charts";

/** One judgment on the issue: its status and likelihood from `at` until the next one. */
export type Judgment = { at: string; status: IssueStatus; likelihood: Likelihood; actor: string; rationale: string | null };

type Values = Record<string, unknown>;
const asValues = (value: unknown): Values => (value && typeof value === "object" && !Array.isArray(value) ? (value as Values) : {});
const isStatus = (value: unknown): value is IssueStatus => issueStatuses.includes(value as IssueStatus);
const isLikelihood = (value: unknown): value is Likelihood => likelihoods.includes(value as Likelihood);

/**
 * The issue's judgments over time, read from its history (oldest first): a point wherever the status
 * or the likelihood changed. Any event may carry either field in `after` (creation carries both, a
 * status move may move the likelihood too); the value before the first known change comes from
 * that change's `before`. Evidence events and other fields are ignored.
 */
export function judgmentTimeline(history: HistoryEvent[]): Judgment[] {
  const judgments: Judgment[] = [];
  let status: IssueStatus | undefined;
  let likelihood: Likelihood | undefined;
  for (const event of history) {
    if (event.entityType !== "issue") continue;
    const before = asValues(event.before);
    const after = asValues(event.after);
    status ??= isStatus(before.status) ? before.status : undefined;
    likelihood ??= isLikelihood(before.likelihood) ? before.likelihood : undefined;
    const nextStatus = isStatus(after.status) ? after.status : status;
    const nextLikelihood = isLikelihood(after.likelihood) ? after.likelihood : likelihood;
    const moved = nextStatus !== status || nextLikelihood !== likelihood || judgments.length === 0;
    status = nextStatus;
    likelihood = nextLikelihood;
    if (!moved || !status || !likelihood) continue;
    const rationale = typeof after.rationale === "string" ? after.rationale : null;
    judgments.push({ at: event.at, status, likelihood, actor: event.actor, rationale });
  }
  return judgments;
}

/**
 * Status and likelihood over time, for the issue page: mount it with the history the page already
 * reads, e.g. `<StatusChart history={history} />`. The chart library loads after the first paint;
 * the same judgments are in a table for anyone who cannot see the chart.
 */
export function StatusChart({ history }: { history: HistoryEvent[] }) {
  const judgments = useMemo(() => judgmentTimeline(history), [history]);
  // The latest judgment still holds: its step runs to the moment the page was opened.
  const [until] = useState(() => new Date().toISOString());
  const moves = judgments.length - 1;
  return (
    <section aria-labelledby="status-chart-title" className="stack dash-status-chart" data-chart="judgments">
      <h2 id="status-chart-title">Status and likelihood over time</h2>
      {judgments.length === 0 ? (
        <p className="muted">No status or likelihood has been recorded for this issue yet.</p>
      ) : (
        <>
          <p className="muted small dash-summary">
            {moves === 0
              ? `Unchanged since ${formatDateTime(judgments[0]!.at)}: ${statusLabels[judgments[0]!.status]}, ${likelihoodLabels[judgments[0]!.likelihood].toLowerCase()}.`
              : `${moves === 1 ? "One change" : `${moves} changes`} since ${formatDateTime(judgments[0]!.at)}.`}
          </p>
          <div role="img" aria-label="Step charts of the issue's status and likelihood over time. The same judgments are in the table below.">
            <JudgmentChart points={judgments} until={until} />
          </div>
          <details className="dash-table">
            <summary>Show the judgments as a table</summary>
            <div className="table-scroll">
              <table className="table">
                <caption className="visually-hidden">Status and likelihood of the issue over time, oldest first</caption>
                <thead>
                  <tr>
                    <th scope="col">From (UTC)</th>
                    <th scope="col">Status</th>
                    <th scope="col">Likelihood</th>
                    <th scope="col">By</th>
                    <th scope="col">Rationale</th>
                  </tr>
                </thead>
                <tbody>
                  {judgments.map((j) => (
                    <tr key={j.at + j.status + j.likelihood}>
                      <th scope="row">
                        <time dateTime={j.at}>{formatDateTime(j.at)}</time>
                      </th>
                      <td>{statusLabels[j.status]}</td>
                      <td>{likelihoodLabels[j.likelihood]}</td>
                      <td>{j.actor}</td>
                      <td>{j.rationale ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
