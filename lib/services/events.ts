import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { jsonColumn } from "@/lib/db/json";
import type { HistoryEvent } from "@/lib/validation/issues";
import { notifyIn } from "./notifications";
import { knownReads, type OutboxReads } from "./outbox-reads";
import { webhooksIn } from "./webhook-outbox";

export type EventInput = {
  entityType: "issue" | "evidence" | "document" | "source" | "briefing" | "member" | "invitation" | "token" | "category" | "team" | "entity" | "hit" | "comment" | "feed" | "webhook" | "inbox_item" | "briefing_schedule";
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
};

export type EventRow = { id: string; at: Date; actorLabel: string; action: string; entityType: string; entityId: string; before: unknown; after: unknown };

/** An event row as the history shows it (an issue's and an entity's timeline, the audit log). */
export const toHistoryEvent = (e: EventRow): HistoryEvent => ({
  id: e.id,
  at: e.at.toISOString(),
  actor: e.actorLabel,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  before: e.before,
  after: e.after,
});

/**
 * Appends one history event inside the caller's transaction, so the change and its record commit together, and
 * the notifications and webhook deliveries it causes with them (the outbox: lib/services/notifications.ts,
 * lib/services/webhook-outbox.ts). `known` is what the caller has read already, so the hooks do not read it again.
 */
export async function recordEvent(tx: Tx, actor: Actor, event: EventInput, known: { category?: { slug: string; id: string } } = {}) {
  const { id } = await tx.event.create({
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
    select: { id: true },
  });
  const recorded = { ...event, id, teamId: actor.teamId, actorId: actor.userId, actorLabel: actor.label };
  // Both hooks read the subject's names; neither reads what the caller knows (the team's name, a category just used).
  const reads = knownReads(actor.teamId, { teamName: actor.teamName, category: known.category });
  await notifyIn(tx, recorded, reads);
  await webhooksIn(tx, recorded, reads);
}

/**
 * Appends events that no member caused (a background re-screening found a hit), named by `label`, inside the
 * caller's transaction, with the notifications they cause.
 */
export async function recordSystemEvents(tx: Tx, label: string, events: (EventInput & { teamId: string })[]) {
  if (events.length === 0) return;
  const rows = await tx.event.createManyAndReturn({
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
    select: { id: true, entityType: true, entityId: true, action: true },
  });
  // Matched by what each event is about rather than by position: RETURNING promises no order.
  const idOf = new Map(rows.map((row) => [`${row.entityType} ${row.entityId} ${row.action}`, row.id]));
  // The events' outbox reads (a category's followers, the team's webhooks) asked once for all of them.
  const reads: OutboxReads = new Map();
  for (const event of events) {
    const recorded = { ...event, id: idOf.get(`${event.entityType} ${event.entityId} ${event.action}`)!, actorId: null, actorLabel: label };
    await notifyIn(tx, recorded, reads);
    await webhooksIn(tx, recorded, reads);
  }
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
