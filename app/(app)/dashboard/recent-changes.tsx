import Link from "next/link";
import type { ReactNode } from "react";
import { likelihoodLabels } from "@/lib/domain/likelihood";
import { statusLabels } from "@/lib/domain/status";
import type { IssueStatus, Likelihood } from "@/lib/generated/prisma/enums";
import { formatDateTime } from "@/lib/ui/format";
import type { RecentChange } from "@/lib/validation/stats";

const statusLabel = (value: string | null) => (value ? (statusLabels[value as IssueStatus] ?? value) : "—");
const likelihoodLabel = (value: string | null) => (value ? (likelihoodLabels[value as Likelihood] ?? value).toLowerCase() : "—");

/** What happened, in the team's words: "moved <issue> from Monitoring to Warning issued". */
function describe(change: RecentChange): ReactNode {
  const issue = change.issue ? <Link href={`/issues/${change.issue.id}`}>{change.issue.title}</Link> : null;
  switch (change.action) {
    case "created":
      return issue ? <>added {issue} to the watchlist</> : <>created a {change.entityType}</>;
    case "status_changed":
      return (
        <>
          moved {issue ?? "an issue"} from <strong>{statusLabel(change.from)}</strong> to <strong>{statusLabel(change.to)}</strong>
        </>
      );
    case "likelihood_changed":
      return (
        <>
          judged {issue ?? "an issue"} <strong>{likelihoodLabel(change.to)}</strong> (was {likelihoodLabel(change.from)})
        </>
      );
    case "updated":
      return issue ? <>edited {issue}</> : <>edited a {change.entityType}</>;
    case "restored":
      return <>restored {issue ?? "an issue"}</>;
    case "evidence_added":
      return <>added evidence to {issue ?? "an issue"}</>;
    case "evidence_updated":
      return <>regraded evidence on {issue ?? "an issue"}</>;
    case "evidence_removed":
      return <>removed evidence from {issue ?? "an issue"}</>;
    default: {
      const what = change.action.replaceAll("_", " ");
      return issue ? (
        <>
          {what}: {issue}
        </>
      ) : (
        <>
          {what} ({change.entityType})
        </>
      );
    }
  }
}

export function RecentChanges({ changes }: { changes: RecentChange[] }) {
  return (
    <section className="card dash-card dash-span-all" aria-labelledby="changes-title" data-chart="changes">
      <h2 id="changes-title">Recent changes</h2>
      {changes.length === 0 ? (
        <p className="muted">No changes yet. Every edit, status move and piece of evidence will be listed here, newest first.</p>
      ) : (
        <ol className="dash-feed">
          {changes.map((change) => (
            <li key={change.id}>
              <time dateTime={change.at} className="muted small">
                {formatDateTime(change.at)}
              </time>
              <p>
                <span className="dash-actor">{change.actor}</span> {describe(change)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
