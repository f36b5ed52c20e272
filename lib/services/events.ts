import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export type EventInput = {
  entityType: "issue" | "evidence" | "document" | "source" | "briefing" | "member" | "invitation" | "token" | "category" | "team" | "account" | "request";
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

/**
 * A security event outside any change: a failed sign-in, a denied request. It has no acting member,
 * and may have no team (an unknown account); it is written on its own.
 */
export async function recordSecurityEvent(event: EventInput & { teamId: string | null; actorId?: string | null; actorLabel: string }) {
  await db.event.create({
    data: {
      teamId: event.teamId,
      actorId: event.actorId ?? null,
      actorLabel: event.actorLabel.slice(0, 200),
      entityType: event.entityType,
      entityId: event.entityId.slice(0, 200),
      action: event.action,
      before: asJson(event.before),
      after: asJson(event.after),
    },
  });
}
