import type { IssueStatus } from "@/lib/generated/prisma/enums";

/** The status lifecycle in its usual order; moves may skip steps or go back (each with a rationale). */
export const issueStatuses = [
  "monitoring",
  "warning_issued",
  "measures_threatened",
  "measures_announced",
  "designations_in_force",
  "resolved",
  "lifted",
] as const satisfies readonly IssueStatus[];

export const statusLabels: Record<IssueStatus, string> = {
  monitoring: "Monitoring",
  warning_issued: "Warning issued",
  measures_threatened: "Measures threatened",
  measures_announced: "Measures announced",
  designations_in_force: "Designations in force",
  resolved: "Resolved",
  lifted: "Lifted",
};

/** Closed issues are off the active watchlist and are not due for review. */
export function isClosed(status: IssueStatus): boolean {
  return status === "resolved" || status === "lifted";
}

/**
 * Whether moving from one status to another is an escalation (towards designations), a
 * de-escalation, or no move. Resolved and lifted count as de-escalations from any open status.
 */
export function statusDirection(from: IssueStatus, to: IssueStatus): "escalating" | "de-escalating" | "none" {
  if (from === to) return "none";
  if (isClosed(to)) return "de-escalating";
  if (isClosed(from)) return "escalating";
  return issueStatuses.indexOf(to) > issueStatuses.indexOf(from) ? "escalating" : "de-escalating";
}

/**
 * An issue whose actor has a confirmed designation suggests the status "designations_in_force" (issue 13), unless
 * it is already there or closed. Only a suggestion: the analyst moves the status, with a rationale.
 */
export function suggestsDesignationsInForce(status: IssueStatus, actorDesignated: boolean): boolean {
  return actorDesignated && status !== "designations_in_force" && !isClosed(status);
}
