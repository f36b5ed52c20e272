import type { Metadata } from "next";
import Link from "next/link";
import { hasRole } from "@/lib/auth/roles";
import { listCategories } from "@/lib/services/categories";
import { getIssue, issueHistory } from "@/lib/services/issues";
import { loaderOrNotFound } from "@/lib/ui/load-or-not-found";
import { EvidenceList } from "./evidence-list";
import { IssueEditor } from "./issue-editor";
import { StatusChart } from "./status-chart";
import { Timeline } from "./timeline";

type Props = { params: Promise<{ id: string }> };

const loadIssue = loaderOrNotFound(getIssue);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { record: issue } = await loadIssue((await params).id);
  return { title: issue.title };
}

export default async function IssuePage({ params }: Props) {
  const { id } = await params;
  const { actor, record: issue } = await loadIssue(id);
  const [history, categories] = await Promise.all([issueHistory(actor, id), listCategories(actor)]);
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="small">
        <Link href="/watchlist">← Watchlist</Link>
      </nav>
      <IssueEditor issue={issue} categories={categories} canEdit={hasRole(actor.role, "analyst")} />
      <EvidenceList evidence={issue.evidence} />
      <StatusChart history={history} />
      <Timeline events={history} categories={categories} />
    </div>
  );
}
