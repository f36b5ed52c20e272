import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/api/errors";
import { requireActor } from "@/lib/auth/current";
import { hasRole } from "@/lib/auth/roles";
import { listCategories } from "@/lib/services/categories";
import { getIssue, issueHistory } from "@/lib/services/issues";
import { EvidenceList } from "./evidence-list";
import { IssueEditor } from "./issue-editor";
import { StatusChart } from "./status-chart";
import { Timeline } from "./timeline";

type Props = { params: Promise<{ id: string }> };

// Metadata and the page both need the issue: one read per request.
const loadIssue = cache(async (id: string) => {
  const actor = await requireActor();
  try {
    return { actor, issue: await getIssue(actor, id) };
  } catch (error) {
    // Absent, deleted and another team's issues all look the same: not found.
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { issue } = await loadIssue((await params).id);
  return { title: issue.title };
}

export default async function IssuePage({ params }: Props) {
  const { id } = await params;
  const { actor, issue } = await loadIssue(id);
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
