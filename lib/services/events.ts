import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { windowOf } from "@/lib/services/rate-limits";

export type EventInput = {
  entityType: "issue" | "evidence" | "document" | "source" | "briefing" | "member" | "invitation" | "token" | "category" | "team" | "account" | "request" | "entity" | "hit";
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
};

const asJson = (value: unknown) =>
  value === undefined || value === null ? Prisma.DbNull : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/** Appends one history event inside the caller's transaction, so the change and its record commit together. */
export async function recordEvent(tx: Tx, actor: Actor, event: EventInput) {
  await tx.event.create({
    data: {
      teamId: actor.teamId,
      actorId: actor.userId,
      actorLabel: actor.label,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      before: asJson(event.before),
      after: asJson(event.after),
    },
  });
}

/**
 * Appends events that no member caused (a background re-screening found a hit), named by `label`, inside the
 * caller's transaction.
 */
export async function recordSystemEvents(tx: Tx, label: string, events: (EventInput & { teamId: string })[]) {
  if (events.length === 0) return;
  await tx.event.createMany({
    data: events.map((event) => ({
      teamId: event.teamId,
      actorId: null,
      actorLabel: label,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      before: asJson(event.before),
      after: asJson(event.after),
    })),
  });
}

/** Only the fields that differ between two versions of a record, as `{ before, after }`. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const a = JSON.stringify(before[key]);
    const b = JSON.stringify(after[key]);
    if (a !== b) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was, after: now, changed: Object.keys(now) };
}

/** Repeats of one security event are counted per window, so its first occurrence says when a run began. */
export const SECURITY_EVENT_WINDOW_MS = 15 * 60_000;

/**
 * A security event outside any change: a failed sign-in, a denied request. It has no acting member,
 * and may have no team (an unknown account). Anyone can cause one without signing in (a wrong bearer
 * token, a blocked sign-in), so within a window only the first occurrence of each kind and key is
 * appended to the history; the repeats are counted beside it (security_event_repeat), shown as "× N".
 */
export async function recordSecurityEvent(event: EventInput & { teamId: string | null; actorId?: string | null; actorLabel: string }) {
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
        before: asJson(event.before),
        after: asJson(event.after),
      },
      select: { id: true },
    });
    await tx.securityEventRepeat.update({ where: { key }, data: { eventId: id } });
  });
}
