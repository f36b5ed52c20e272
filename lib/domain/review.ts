import type { IssueStatus } from "@/lib/generated/prisma/enums";
import { isClosed } from "./status";

/** Days until an issue is next reviewed, by status: the hotter the issue, the sooner. */
export const reviewIntervalDays: Record<IssueStatus, number | null> = {
  monitoring: 30,
  warning_issued: 14,
  measures_threatened: 7,
  measures_announced: 7,
  designations_in_force: 30,
  resolved: null,
  lifted: null,
};

/** An open issue is due for review when its review date has come (or it never had one). */
export function isReviewDue(issue: { status: IssueStatus; nextReviewAt: Date | null }, now: Date): boolean {
  if (isClosed(issue.status)) return false;
  return issue.nextReviewAt === null || issue.nextReviewAt.getTime() <= now.getTime();
}

/** The default next review date after a change: now + the status's interval (null when closed). */
export function nextReviewDate(status: IssueStatus, from: Date): Date | null {
  const days = reviewIntervalDays[status];
  if (days === null) return null;
  return new Date(from.getTime() + days * 24 * 60 * 60 * 1000);
}
