import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import { jsonColumn } from "@/lib/db/json";
import { uuidv7 } from "@/lib/db/uuid";
import type { HistoryEvent } from "@/lib/validation/issues";
import { notifyIn } from "./notifications";
import { knownReads, type OutboxReads, type SubjectNames } from "./outbox-reads";
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
export async function recordEvent(tx: Tx, actor: Actor, event: EventInput, known: { category?: { slug: string; id: string }; names?: SubjectNames } = {}) {
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
  // Both hooks read the subject's names; neither reads what the caller knows (the team's name, a category just used,
  // the names of the record the event is about).
  const reads = knownReads(actor.teamId, {
    teamName: actor.teamName,
    categories: known.category ? [known.category] : [],
    subject: known.names && (event.entityType === "issue" || event.entityType === "entity") ? { of: { type: event.entityType, id: event.entityId }, names: known.names } : undefined,
  });
  await notifyIn(tx, recorded, reads);
  await webhooksIn(tx, recorded, reads);
}

/**
 * Appends events that no member caused (a background re-screening found a hit, a feed brought relevant items), named
 * by `label`, inside the caller's transaction, with the notifications they cause. One statement from JSON rows:
 * Prisma's createManyAndReturn compiled its query anew at every call, half of a feed poll's transaction. `reads` is
 * what the caller knows already (outbox-reads.ts).
 */
export async function recordSystemEvents(tx: Tx, label: string, events: (EventInput & { teamId: string })[], reads: OutboxReads = new Map()) {
  if (events.length === 0) return;
  const recorded = events.map((event) => ({ ...event, id: uuidv7(), actorId: null, actorLabel: label }));
  await tx.$executeRaw`
    INSERT INTO "event" ("id", "teamId", "actorId", "actorLabel", "entityType", "entityId", "action", "before", "after")
    SELECT r."id", r."teamId", NULL, ${label}, r."entityType", r."entityId", r."action", r."before", r."after"
    FROM jsonb_to_recordset(${JSON.stringify(recorded)}::jsonb)
      AS r("id" text, "teamId" text, "entityType" text, "entityId" text, "action" text, "before" jsonb, "after" jsonb)`;
  // The events' outbox reads (a category's followers, the team's webhooks) asked once for all of them.
  for (const event of recorded) {
    await notifyIn(tx, event, reads);
    await webhooksIn(tx, event, reads);
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
