import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { isClosed, issueStatuses } from "@/lib/domain/status";
import { recordSystemEvents } from "./events";

// Reviews due (issue 15, item 2): when an open issue's review date (`nextReviewAt`) has come, its followers are told
// once for that date, by a `review_due` event on the issue (the outbox: lib/notifications/recipients.ts). A
// review_reminder row per issue and date, written in the event's transaction, is what makes it once: a later sweep,
// another instance or a restart finds it there. Setting a new review date makes a new reminder due in its time.

/** How a reminder names its maker in the issue's history. */
export const REVIEW_REMINDER_LABEL = "Review reminder";

const openStatuses = issueStatuses.filter((s) => !isClosed(s));

/** Tells the followers of every open issue whose review date has come and was not told yet (the job reviews.remind-due). */
export async function remindDueReviews(options: { now?: Date; teamId?: string; limit?: number } = {}): Promise<{ told: number }> {
  const now = options.now ?? new Date();
  // Only the dates not told yet, in SQL: the issues already told stay due until someone reviews them, and must not
  // crowd the new ones out of the batch.
  const untold = await db.$queryRaw<{ id: string; teamId: string; nextReviewAt: Date }[]>`
    SELECT i."id", i."teamId", i."nextReviewAt"
    FROM "issue" i
    WHERE i."deletedAt" IS NULL AND i."status"::text IN (${Prisma.join(openStatuses)})
      AND i."nextReviewAt" <= ${now.toISOString()}::timestamp
      ${options.teamId ? Prisma.sql`AND i."teamId" = ${options.teamId}` : Prisma.empty}
      AND NOT EXISTS (SELECT 1 FROM "review_reminder" r WHERE r."issueId" = i."id" AND r."reviewAt" = i."nextReviewAt")
    ORDER BY i."nextReviewAt", i."id"
    LIMIT ${options.limit ?? 1_000}`;
  const byTeam = new Map<string, typeof untold>();
  for (const issue of untold) byTeam.set(issue.teamId, [...(byTeam.get(issue.teamId) ?? []), issue]);
  let told = 0;
  for (const [teamId, issues] of byTeam) {
    told += await db.$transaction(async (tx) => {
      // Only the rows this transaction inserts are told: a reminder another sweep wrote meanwhile is skipped.
      const inserted = await tx.reviewReminder.createManyAndReturn({
        data: issues.map((issue) => ({ issueId: issue.id, reviewAt: issue.nextReviewAt })),
        skipDuplicates: true,
        select: { issueId: true, reviewAt: true },
      });
      await recordSystemEvents(
        tx,
        REVIEW_REMINDER_LABEL,
        inserted.map((reminder) => ({ teamId, entityType: "issue" as const, entityId: reminder.issueId, action: "review_due", after: { reviewAt: reminder.reviewAt.toISOString() } })),
      );
      return inserted.length;
    });
  }
  return { told };
}
