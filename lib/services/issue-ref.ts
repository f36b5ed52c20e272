import "server-only";
import { cache } from "react";
import { db } from "@/lib/db/client";

// The issue page asks several services at once about one issue (its timeline, its designation watch, its
// comments), and each must first know that the issue is the team's. These reads happen once per page render
// (React's request cache); outside a render, as in the API's handlers and the jobs, every call reads.

/** The issue of the team by id, deleted or not (each caller decides), with what its callers need; null if none. */
export const findIssueRef = cache(async (teamId: string, id: string) =>
  db.issue.findFirst({ where: { id, teamId }, select: { id: true, actors: true, createdAt: true, deletedAt: true } }),
);

/** The ids of the team's entities tracked as the issue's actors. */
export const trackedEntityIds = cache(async (teamId: string, issueId: string): Promise<string[]> => {
  const links = await db.entityIssue.findMany({ where: { issueId, entity: { teamId } }, select: { entityId: true } });
  return links.map((link) => link.entityId);
});
