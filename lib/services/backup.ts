import "server-only";
import { randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { IssueStatus, Likelihood, Stance } from "@/lib/generated/prisma/enums";
import { BACKUP_FORMAT, DATABASE_BACKUP_FORMAT, teamBackupSchema, type DatabaseBackup, type TeamBackup } from "@/lib/validation/backup";
import { recordEvent } from "./events";

// Backups of one team's data (GET /api/admin/backup, POST /api/admin/restore, and per team in the
// whole-database CLI). Rows are listed in id order (ids are time-ordered UUIDs) so the same data
// always gives the same file.

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const byId = { id: "asc" } as const;
const jsonValue = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue));

export async function exportTeam(client: Tx, teamId: string, exportedAt = new Date()): Promise<TeamBackup> {
  const team = await client.team.findUniqueOrThrow({ where: { id: teamId } });
  const where = { teamId };
  const [categories, sources, documents, issues, evidence, events, briefings] = await Promise.all([
    client.category.findMany({ where, orderBy: byId }),
    client.source.findMany({ where, orderBy: byId }),
    client.document.findMany({ where, orderBy: byId, select: { id: true, sourceId: true, title: true, url: true, publishedAt: true, retrievedAt: true, text: true, contentHash: true, attribution: true, createdById: true, createdAt: true } }),
    client.issue.findMany({ where, orderBy: byId }),
    client.evidence.findMany({ where, orderBy: byId }),
    client.event.findMany({ where, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    client.briefing.findMany({ where, orderBy: byId }),
  ]);
  return {
    format: BACKUP_FORMAT,
    version: 1,
    exportedAt: iso(exportedAt),
    team: { id: team.id, name: team.name, slug: team.slug, createdAt: iso(team.createdAt) },
    categories: categories.map((c) => ({ id: c.id, slug: c.slug, name: c.name, createdAt: iso(c.createdAt) })),
    sources: sources.map((s) => ({ id: s.id, name: s.name, kind: s.kind, url: s.url, reliability: s.reliability, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) })),
    documents: documents.map((d) => ({ ...d, publishedAt: isoOrNull(d.publishedAt), retrievedAt: iso(d.retrievedAt), createdAt: iso(d.createdAt) })),
    issues: issues.map(({ teamId: _team, ...i }) => ({ ...i, nextReviewAt: isoOrNull(i.nextReviewAt), deletedAt: isoOrNull(i.deletedAt), createdAt: iso(i.createdAt), updatedAt: iso(i.updatedAt) })),
    evidence: evidence.map(({ teamId: _team, ...e }) => ({ ...e, createdAt: iso(e.createdAt), updatedAt: iso(e.updatedAt) })),
    events: events.map(({ teamId: _team, ...e }) => ({ ...e, at: iso(e.at) })),
    briefings: briefings.map(({ teamId: _team, ...b }) => ({ ...b, createdAt: iso(b.createdAt) })),
  };
}

/** Writes a backup's rows into a team (which must be empty), keeping every id and timestamp. */
export async function importTeam(tx: Tx, teamId: string, backup: TeamBackup) {
  const team = { teamId };
  await tx.category.createMany({ data: backup.categories.map((c) => ({ ...c, ...team })) });
  await tx.source.createMany({ data: backup.sources.map((s) => ({ ...s, ...team })) });
  // Documents one by one keeps each insert small (texts can be long) and fires the search trigger per row.
  for (const d of backup.documents) await tx.document.create({ data: { ...d, ...team } });
  await tx.issue.createMany({
    data: backup.issues.map((i) => ({ ...i, ...team, status: i.status as IssueStatus, likelihood: i.likelihood as Likelihood })),
  });
  await tx.evidence.createMany({ data: backup.evidence.map((e) => ({ ...e, ...team, stance: e.stance as Stance })) });
  await tx.event.createMany({ data: backup.events.map((e) => ({ ...e, ...team, before: jsonValue(e.before), after: jsonValue(e.after) })) });
  await tx.briefing.createMany({ data: backup.briefings.map((b) => ({ ...b, ...team, filter: jsonValue(b.filter) as Prisma.InputJsonValue, snapshot: jsonValue(b.snapshot) as Prisma.InputJsonValue })) });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The same backup with fresh ids for the team's own records, everywhere they appear (references,
 * event payloads, briefing snapshots), in the same order, so it can be restored beside the original.
 */
export function withFreshIds(backup: TeamBackup): { backup: TeamBackup; idMap: Map<string, string> } {
  const own = [backup.team.id, ...[backup.categories, backup.sources, backup.documents, backup.issues, backup.evidence, backup.events, backup.briefings].flatMap((list) => list.map((row) => row.id))];
  const fresh = own.map(() => randomUUID()).sort();
  const idMap = new Map([...own].sort().map((old, i) => [old, fresh[i]!]));
  const text = JSON.stringify(backup).replace(UUID, (id) => idMap.get(id) ?? id);
  return { backup: teamBackupSchema.parse(JSON.parse(text)), idMap };
}

/** The admin's team, as a backup. */
export async function backupTeam(actor: Actor): Promise<TeamBackup> {
  return exportTeam(db, actor.teamId);
}

/**
 * Restores a backup into a new, empty team, with the restoring admin as its admin. The team's data
 * arrives as it was (history and briefings included); the restore itself is recorded in the team the
 * admin restored from, so the new team's history is exactly the backup's.
 */
export async function restoreTeam(actor: Actor, input: TeamBackup) {
  const { backup } = withFreshIds(input);
  return db.$transaction(async (tx) => {
    const slug = `${backup.team.slug}-restored-${backup.team.id.slice(0, 8)}`;
    await tx.team.create({ data: { id: backup.team.id, name: `${backup.team.name} (restored)`, slug, createdAt: backup.team.createdAt } });
    if (actor.userId) await tx.membership.create({ data: { teamId: backup.team.id, userId: actor.userId, role: "admin" } });
    await importTeam(tx, backup.team.id, backup);
    const counts = { issues: backup.issues.length, documents: backup.documents.length, evidence: backup.evidence.length, events: backup.events.length, briefings: backup.briefings.length };
    await recordEvent(tx, actor, { entityType: "team", entityId: backup.team.id, action: "backup_restored", after: { name: backup.team.name, exportedAt: backup.exportedAt, ...counts } });
    return { teamId: backup.team.id, name: `${backup.team.name} (restored)`, counts };
  }, { timeout: 120_000 });
}

type Dated = { [key: string]: unknown };
/** Date columns to ISO strings, the rest as is. */
const datesToIso = <T extends Dated>(row: T) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** Everything but sessions and rate-limit counters, ids kept: for moving to another database. */
export async function exportDatabase(client: Tx, exportedAt = new Date()): Promise<DatabaseBackup> {
  const [users, accounts, memberships, apiTokens, invitations, teams] = await Promise.all([
    client.user.findMany({ orderBy: byId }),
    client.account.findMany({ orderBy: byId, select: { id: true, accountId: true, providerId: true, userId: true, password: true, scope: true, createdAt: true, updatedAt: true } }),
    client.membership.findMany({ orderBy: byId }),
    client.apiToken.findMany({ orderBy: byId }),
    client.invitation.findMany({ orderBy: byId }),
    client.team.findMany({ orderBy: byId, select: { id: true } }),
  ]);
  return {
    format: DATABASE_BACKUP_FORMAT,
    version: 1,
    exportedAt: iso(exportedAt),
    users: users.map(datesToIso),
    accounts: accounts.map(datesToIso),
    memberships: memberships.map(datesToIso),
    apiTokens: apiTokens.map(datesToIso),
    invitations: invitations.map(datesToIso),
    teams: await Promise.all(teams.map((t) => exportTeam(client, t.id, exportedAt))),
  };
}

/** Loads a whole-database backup into an empty database (after `db:deploy`), ids kept. */
export async function importDatabase(client: typeof db, backup: DatabaseBackup) {
  await client.$transaction(
    async (tx) => {
      if ((await tx.team.count()) + (await tx.user.count()) > 0) {
        throw new Error("The target database is not empty: restore a whole-database backup into a new, migrated database.");
      }
      await tx.user.createMany({ data: backup.users });
      await tx.account.createMany({ data: backup.accounts });
      for (const team of backup.teams) {
        await tx.team.create({ data: { id: team.team.id, name: team.team.name, slug: team.team.slug, createdAt: team.team.createdAt } });
        await importTeam(tx, team.team.id, team);
      }
      await tx.membership.createMany({ data: backup.memberships });
      await tx.apiToken.createMany({ data: backup.apiTokens });
      await tx.invitation.createMany({ data: backup.invitations });
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
