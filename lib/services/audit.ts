import "server-only";
import Papa from "papaparse";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { toHistoryEvent } from "./events";
import { neutralizeCell } from "@/lib/briefings/export/csv";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AuditQuery } from "@/lib/validation/team";

function auditWhere(actor: Actor, query: AuditQuery): Prisma.EventWhereInput {
  return {
    teamId: actor.teamId,
    ...(query.actor ? { actorLabel: { contains: query.actor, mode: "insensitive" } } : {}),
    ...(query.entity ? { entityType: query.entity } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.from || query.to ? { at: { ...(query.from ? { gte: query.from } : {}), ...(query.to ? { lte: query.to } : {}) } } : {}),
  };
}

/** Security events that recurred carry their count (lib/auth/security-events.ts). */
const repeats = { repeat: { select: { repeats: true, lastAt: true } } } satisfies Prisma.EventInclude;

function occurrences(e: { at: Date; repeat: { repeats: number; lastAt: Date } | null }) {
  return { count: 1 + (e.repeat?.repeats ?? 0), lastAt: (e.repeat?.lastAt ?? e.at).toISOString() };
}

/** The team's event log, newest first, for admins. */
export async function listAuditEvents(actor: Actor, query: AuditQuery) {
  const where = auditWhere(actor, query);
  const [rows, total] = await Promise.all([
    db.event.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], skip: (query.page - 1) * query.pageSize, take: query.pageSize, include: repeats }),
    db.event.count({ where }),
  ]);
  return {
    items: rows.map((e) => ({ ...toHistoryEvent(e), ...occurrences(e) })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

const AUDIT_EXPORT_LIMIT = 50_000;

/** The filtered log as CSV (formula-safe cells), up to 50,000 rows. */
export async function exportAuditCsv(actor: Actor, query: AuditQuery): Promise<string> {
  const rows = await db.event.findMany({ where: auditWhere(actor, query), orderBy: [{ at: "desc" }, { id: "desc" }], take: AUDIT_EXPORT_LIMIT, include: repeats });
  const cell = (value: unknown) => neutralizeCell(value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value));
  return Papa.unparse({
    fields: ["at", "actor", "action", "entityType", "entityId", "before", "after", "count", "lastAt"],
    data: rows.map((e) => {
      const { count, lastAt } = occurrences(e);
      return [e.at.toISOString(), e.actorLabel, e.action, e.entityType, e.entityId, e.before, e.after, String(count), lastAt].map(cell);
    }),
  });
}
