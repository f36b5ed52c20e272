import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { jsonColumn } from "@/lib/db/json";

export type EventInput = {
  entityType: "issue" | "evidence" | "document" | "source" | "briefing" | "member" | "invitation" | "token" | "category" | "team" | "entity" | "hit" | "comment" | "feed";
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
};

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
      before: jsonColumn(event.before),
      after: jsonColumn(event.after),
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
      before: jsonColumn(event.before),
      after: jsonColumn(event.after),
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
