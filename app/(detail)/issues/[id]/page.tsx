import type { Metadata } from "next";
import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import { listCategories } from "@/lib/services/categories";
import { listPeople } from "@/lib/services/members";
import { issueWatch } from "@/lib/services/entities/issue-watch";
import { getIssue, issueHistory } from "@/lib/services/issues";
import { formatDateTime } from "@/lib/ui/format";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import { EvidenceList } from "./evidence-list";
import { IssueEditor } from "./issue-editor";
import { StatusChart } from "./status-chart";
import { Timeline } from "./timeline";
import { TrackedEntities } from "./tracked-entities";

type Props = { params: Promise<{ id: string }> };

const loadIssue = loaderOrNotFound(getIssue);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { record: issue } = await loadIssue((await params).id);
  return { title: issue.title };
}

export default async function IssuePage({ params }: Props) {
  const { id } = await params;
  const { actor, record: issue } = await loadIssue(id);
  const [history, categories, watch, members] = await Promise.all([issueHistory(actor, id), listCategories(actor), issueWatch(actor, id), listPeople(actor)]);
  const canEdit = hasRole(actor.role, "analyst");
  const designatedCount = watch.designatedSinceReview;
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/watchlist">← Watchlist</Link>
      </nav>
      {designatedCount > 0 && (
        <div className="notice" role="status">
          <p>
            <strong>
              {designatedCount === 1 ? "1 actor" : `${designatedCount} actors`} designated since your last review
            </strong>{" "}
            (the last change to this issue, {formatDateTime(watch.lastReviewAt)}): <a href="#tracked-entities">see the tracked entities</a>.
          </p>
        </div>
      )}
      <IssueEditor issue={issue} categories={categories} members={members} canEdit={canEdit} actorDesignated={watch.designated} />
      <EvidenceList evidence={issue.evidence} />
      <TrackedEntities issueId={issue.id} entities={watch.entities} untrackedActors={watch.untrackedActors} canEdit={canEdit} />
      <StatusChart history={history} />
      <Timeline events={history} categories={categories} members={members} entities={watch.entities} />
    </div>
  );
}
