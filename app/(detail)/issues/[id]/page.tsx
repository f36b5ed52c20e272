import type { Metadata } from "next";
import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import { listCategories } from "@/lib/services/categories";
import { listComments } from "@/lib/services/comments";
import { isFollowing } from "@/lib/services/follows";
import { listPeople } from "@/lib/services/members";
import { issueWatch } from "@/lib/services/entities/issue-watch";
import { listIssueEvidence } from "@/lib/services/issue-evidence";
import { issueHistory, issueJudgments } from "@/lib/services/issue-history";
import { getIssue } from "@/lib/services/issues";
import { formatDateTime } from "@/lib/ui/format";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import { presentParams } from "@/lib/ui/url";
import { EVIDENCE_PAGE_SIZE, TIMELINE_PAGE_SIZE, issueEvidenceQuerySchema, summaryOf, type IssueDetail, type IssueEvidenceQuery } from "@/lib/validation/issues";
import type { Actor } from "@/lib/auth/actor";
import { Comments } from "@/app/components/comments/comments";
import { FollowButton } from "@/app/components/follow-button";
import { EvidenceList } from "./evidence-list";
import { IssueEditor } from "./issue-editor";
import { StatusChart } from "./status-chart";
import { Timeline } from "./timeline";
import { TrackedEntities } from "./tracked-entities";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const loadIssue = loaderOrNotFound(getIssue);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { record: issue } = await loadIssue((await params).id);
  return { title: issue.title };
}

/** The evidence view in the URL; the issue already carries the newest page, so only another view costs a query. */
async function evidenceView(actor: Actor, issue: IssueDetail, searchParams: Props["searchParams"]) {
  const raw = presentParams(await searchParams);
  const parsed = issueEvidenceQuerySchema.safeParse(raw);
  const query: IssueEvidenceQuery = parsed.success ? parsed.data : issueEvidenceQuerySchema.parse({});
  const newest = query.page === 1 && !query.q && !query.stance?.length && !query.grade?.length && query.pageSize === EVIDENCE_PAGE_SIZE;
  const evidence = newest || issue.evidenceTotals.total === 0
    ? { items: issue.evidence, total: issue.evidenceTotals.total, page: 1, pageSize: query.pageSize, totals: issue.evidenceTotals }
    : await listIssueEvidence(actor, issue.id, query);
  return { raw, valid: parsed.success, evidence };
}

export default async function IssuePage({ params, searchParams }: Props) {
  const { id } = await params;
  const { actor, record: issue } = await loadIssue(id);
  const [timeline, judgments, categories, watch, members, view, comments, following] = await Promise.all([
    issueHistory(actor, id, { limit: TIMELINE_PAGE_SIZE }),
    issueJudgments(actor, id),
    listCategories(actor),
    issueWatch(actor, id),
    listPeople(actor),
    evidenceView(actor, issue, searchParams),
    listComments(actor, { issueId: id }),
    isFollowing(actor, "issue", id),
  ]);
  const canEdit = hasRole(actor.role, "analyst");
  const designatedCount = watch.designatedSinceReview;
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/watchlist">← Watchlist</Link>
      </nav>
      <FollowButton kind="issue" targetId={issue.id} what="issue" initial={following} />
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
      <IssueEditor issue={summaryOf(issue)} categories={categories} members={members} canEdit={canEdit} actorDesignated={watch.designated} />
      <EvidenceList issueId={issue.id} {...view} />
      <TrackedEntities issueId={issue.id} entities={watch.entities} untrackedActors={watch.untrackedActors} canEdit={canEdit} />
      <Comments target={{ kind: "issues", id }} initial={comments} members={members} viewer={{ userId: actor.userId, canWrite: canEdit, isAdmin: actor.role === "admin" }} />
      <StatusChart history={judgments} />
      <Timeline issueId={issue.id} newest={timeline} categories={categories} members={members} entities={watch.entities} />
    </div>
  );
}
