import "server-only";
import { db } from "@/lib/db/client";
import { jsonColumn } from "@/lib/db/json";
import { windowOf } from "@/lib/auth/rate-limits";

/** A failed or blocked sign-in (on an account), or a denied request (on a method and path). */
export type SecurityEvent = {
  teamId: string | null;
  actorId?: string | null;
  actorLabel: string;
  entityType: "account" | "request";
  entityId: string;
  action: "sign_in_failed" | "sign_in_blocked" | "request_denied";
  after?: unknown;
};

/** Repeats of one security event are counted per window, so its first occurrence says when a run began. */
export const SECURITY_EVENT_WINDOW_MS = 15 * 60_000;

/**
 * A security event outside any change: a failed sign-in, a denied request. It has no acting member,
 * and may have no team (an unknown account). Anyone can cause one without signing in (a wrong bearer
 * token, a blocked sign-in), so within a window only the first occurrence of each kind and key is
 * appended to the history; the repeats are counted beside it (security_event_repeat), shown as "× N".
 */
export async function recordSecurityEvent(event: SecurityEvent) {
  const entityId = event.entityId.slice(0, 200);
  const actorLabel = event.actorLabel.slice(0, 200);
  const window = windowOf(Date.now(), SECURITY_EVENT_WINDOW_MS);
  // Who, what and on what: a member's denials never hide in another's count.
  const key = JSON.stringify([event.teamId, actorLabel, event.action, event.entityType, entityId, window.start.toISOString()]);
  await db.$transaction(async (tx) => {
    // One statement counts the occurrence; concurrent first occurrences wait on the row's lock.
    const [tally] = await tx.$queryRaw<[{ repeats: number }]>`
      INSERT INTO "security_event_repeat" ("key", "repeats", "lastAt") VALUES (${key}, 0, ${new Date()})
      ON CONFLICT ("key") DO UPDATE SET "repeats" = "security_event_repeat"."repeats" + 1, "lastAt" = EXCLUDED."lastAt"
      RETURNING "repeats"`;
    if (tally.repeats > 0) return;
    const { id } = await tx.event.create({
      data: {
        teamId: event.teamId,
        actorId: event.actorId ?? null,
        actorLabel,
        entityType: event.entityType,
        entityId,
        action: event.action,
        after: jsonColumn(event.after),
      },
      select: { id: true },
    });
    await tx.securityEventRepeat.update({ where: { key }, data: { eventId: id } });
  });
}
