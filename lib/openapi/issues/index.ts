import "server-only";
import type { issueHistory } from "@/lib/services/issue-history";
import { EVIDENCE_PAGE_SIZE, issueDetailSchema, issueHistoryPageSchema, issuePageSchema, issueSorts, likelihoodSchema, statusSchema, type IssueHistoryPage } from "@/lib/validation/issues";
import { component, listDescription, type Fits, type OpenApiKit, type Result } from "../kit";
import * as issuesByIdHistoryRoute from "@/app/api/issues/[id]/history/route";
import * as issuesByIdRestoreRoute from "@/app/api/issues/[id]/restore/route";
import * as issuesByIdRoute from "@/app/api/issues/[id]/route";
import * as issuesRoute from "@/app/api/issues/route";

// The watchlist: issues, their history, deletion and restore.

void (true satisfies Fits<Result<typeof issueHistory>, IssueHistoryPage>);

export function registerIssues(kit: OpenApiKit) {
  const { operation, ok, created, noContent, etagHeader, locationHeader } = kit;
  const IssueDetail = component("IssueDetail", issueDetailSchema);
  const IssueHistory = component("IssueHistory", issueHistoryPageSchema);
  const IssuePage = component("IssuePage", issuePageSchema);
  operation({
    method: "get",
    path: "/api/issues",
    operationId: "listIssues",
    tag: "Issues",
    summary: "The watchlist, filtered, sorted and paged",
    description: "Deleted issues are left out.",
    route: issuesRoute.GET,
    queryDescriptions: {
      status: listDescription(statusSchema.options),
      category: "Category slugs, e.g. `dual-use-technology`: comma-separated or repeated.",
      jurisdiction: "ISO 3166 two-letter codes or `EU`: comma-separated or repeated; matches issues naming any of them.",
      q: "Case-insensitive text in the title or summary, or an exact actor or tag.",
      reviewDue: "`true`: only open issues whose review date has passed or is unset; `false`: the others.",
      likelihood: listDescription(likelihoodSchema.options),
      impact: "Impacts 1–5: comma-separated or repeated (a risk matrix cell with `likelihood`).",
      sort: `${issueSorts.map((s) => `\`${s}\``).join(", ")}; a leading \`-\` sorts descending.`,
    },
    responses: { 200: ok("A page of issues with the total count", IssuePage) },
  });
  operation({
    method: "post",
    path: "/api/issues",
    operationId: "createIssue",
    tag: "Issues",
    summary: "Add an issue to the watchlist",
    description: "Records a `created` event in the issue's history.",
    route: issuesRoute.POST,
    body: { id: "CreateIssue", description: "The new issue; fields left out take their defaults" },
    responses: { 201: created("The issue as stored", IssueDetail, { ETag: etagHeader.ref, Location: locationHeader }) },
  });
  operation({
    method: "get",
    path: "/api/issues/{id}",
    operationId: "getIssue",
    tag: "Issues",
    summary: "One issue with its newest evidence and the totals of all of it",
    description:
      `\`evidence\` holds the newest ${EVIDENCE_PAGE_SIZE} items and \`evidenceTotals\` counts all of them by stance and grade; ` +
      "GET /api/issues/{id}/evidence pages through the rest. The ETag is the version to send as If-Match when changing it.",
    route: issuesByIdRoute.GET,
    id: "issue",
    responses: { 200: ok("The issue", IssueDetail, { ETag: etagHeader.ref }) },
  });
  operation({
    method: "patch",
    path: "/api/issues/{id}",
    operationId: "updateIssue",
    tag: "Issues",
    summary: "Change an issue",
    description:
      "Send only the fields that change; a status or likelihood move needs a `rationale`. " +
      "A change records one event and increments the version; a body that changes nothing returns the issue as it is.",
    route: issuesByIdRoute.PATCH,
    id: "issue",
    ifMatch: true,
    body: { id: "UpdateIssue", description: "The fields to change, and why", about: "The fields to change (at least one besides `rationale`); unknown fields are refused." },
    responses: { 200: ok("The issue as stored", IssueDetail, { ETag: etagHeader.ref }) },
  });
  operation({
    method: "delete",
    path: "/api/issues/{id}",
    operationId: "deleteIssue",
    tag: "Issues",
    summary: "Soft-delete an issue",
    description: "The issue leaves the watchlist and keeps its history; an admin can restore it.",
    route: issuesByIdRoute.DELETE,
    id: "issue",
    ifMatch: true,
    responses: { 204: noContent },
  });
  operation({
    method: "get",
    path: "/api/issues/{id}/history",
    operationId: "issueHistory",
    tag: "Issues",
    summary: "The issue's timeline, oldest first",
    description: "Without `limit`, all of it; with `limit`, the newest `limit` events older than the event `before` (an event id from an earlier page; 404 when unknown), and `more` when older ones remain. Every event about the issue, its evidence and its comments (`entityType` `comment`: commented, comment_edited, comment_deleted), deleted issues included, and the screening's hit events (`entityType` `hit`: hit_found, hit_decided, hit_reopened, hit_gone; `after.entityId` names the entity) on the entities tracked as its actors.",
    route: issuesByIdHistoryRoute.GET,
    id: "issue",
    responses: { 200: ok("The events", IssueHistory) },
  });
  operation({
    method: "post",
    path: "/api/issues/{id}/restore",
    operationId: "restoreIssue",
    tag: "Issues",
    summary: "Bring a deleted issue back",
    description: "No body. 404 when the issue is not deleted.",
    route: issuesByIdRestoreRoute.POST,
    id: "issue",
    responses: { 200: ok("The restored issue", IssueDetail, { ETag: etagHeader.ref }) },
  });
}
