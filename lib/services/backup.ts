import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { readBackupOffThread } from "@/lib/backup/read-off-thread";
import { BATCH_ROWS, backupBatches, restorePlan, type RestoredTeam, type RowBatch } from "@/lib/backup/restore-plan";
import { databaseKind, db, type Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { BACKUP_FORMAT, BACKUP_VERSION, DATABASE_BACKUP_FORMAT, DATABASE_BACKUP_VERSION, databaseBackupSchema, firstOutsideReference, type DatabaseBackup, type TeamBackup } from "@/lib/validation/backup";
import type { ScheduleCadence } from "@/lib/briefings/schedule";
import { recordEvent } from "./events";

// Backups of one team's data (GET /api/admin/backup, POST /api/admin/restore, and per team in the
// whole-database CLI). Rows are listed in id order (ids are time-ordered UUIDs) so the same data
// always gives the same file.

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
const byId = { id: "asc" } as const;
const jsonValue = (value: unknown) => (value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue));

type Dated = { [key: string]: unknown };
/** Date columns to ISO strings, the rest as is. */
const datesToIso = <T extends Dated>(row: T) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export async function exportTeam(client: Tx, teamId: string, exportedAt = new Date()): Promise<TeamBackup> {
  const team = await client.team.findUniqueOrThrow({ where: { id: teamId } });
  const where = { teamId };
  const ofTeamEntities = { entity: { teamId } };
  const byLink = [{ entityId: "asc" }, { createdAt: "asc" }] as const;
  const [categories, sources, captures, documents, issues, evidence, events, eventRepeats, briefings, entities, entityIssues, entityDocuments, hits, comments, feeds, inboxItems, briefingSchedules] = await Promise.all([
    client.category.findMany({ where, orderBy: byId }),
    client.source.findMany({ where, orderBy: byId }),
    client.capture.findMany({ where, orderBy: byId, omit: { teamId: true } }),
    client.document.findMany({ where, orderBy: byId, omit: { teamId: true } }),
    client.issue.findMany({ where, orderBy: byId }),
    client.evidence.findMany({ where, orderBy: byId }),
    client.event.findMany({ where, orderBy: [{ at: "asc" }, { id: "asc" }] }),
    client.securityEventRepeat.findMany({ where: { event: { teamId } }, orderBy: { key: "asc" } }),
    client.briefing.findMany({ where, orderBy: byId }),
    client.entity.findMany({ where, orderBy: byId, omit: { teamId: true } }),
    client.entityIssue.findMany({ where: ofTeamEntities, orderBy: [...byLink, { issueId: "asc" }] }),
    client.entityDocument.findMany({ where: ofTeamEntities, orderBy: [...byLink, { documentId: "asc" }] }),
    client.hit.findMany({ where, orderBy: byId, omit: { teamId: true } }),
    client.comment.findMany({ where, orderBy: byId, omit: { teamId: true } }),
    client.feed.findMany({ where, orderBy: byId, omit: { teamId: true } }),
    client.inboxItem.findMany({ where, orderBy: byId, omit: { teamId: true } }),
    client.briefingSchedule.findMany({ where, orderBy: byId, omit: { teamId: true } }),
  ]);
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: iso(exportedAt),
    team: { id: team.id, name: team.name, slug: team.slug, timeZone: team.timeZone, createdAt: iso(team.createdAt) },
    categories: categories.map((c) => ({ id: c.id, slug: c.slug, name: c.name, createdAt: iso(c.createdAt) })),
    sources: sources.map((s) => ({ id: s.id, name: s.name, kind: s.kind, url: s.url, reliability: s.reliability, createdAt: iso(s.createdAt), updatedAt: iso(s.updatedAt) })),
    captures: captures.map((c) => ({ ...c, fetchedAt: iso(c.fetchedAt), body: Buffer.from(c.body).toString("base64") })),
    documents: documents.map((d) => ({ ...d, publishedAt: isoOrNull(d.publishedAt), retrievedAt: iso(d.retrievedAt), createdAt: iso(d.createdAt) })),
    issues: issues.map(({ teamId: _team, ...i }) => ({ ...i, nextReviewAt: isoOrNull(i.nextReviewAt), deletedAt: isoOrNull(i.deletedAt), createdAt: iso(i.createdAt), updatedAt: iso(i.updatedAt) })),
    evidence: evidence.map(({ teamId: _team, ...e }) => ({ ...e, createdAt: iso(e.createdAt), updatedAt: iso(e.updatedAt) })),
    events: events.map(({ teamId: _team, ...e }) => ({ ...e, at: iso(e.at) })),
    // Every repeat the query found names one of the team's events.
    eventRepeats: eventRepeats.map((r) => ({ key: r.key, eventId: r.eventId!, repeats: r.repeats, lastAt: iso(r.lastAt) })),
    briefings: briefings.map(({ teamId: _team, ...b }) => ({ ...b, createdAt: iso(b.createdAt) })),
    entities: entities.map(datesToIso),
    entityIssues: entityIssues.map(datesToIso),
    entityDocuments: entityDocuments.map(datesToIso),
    hits: hits.map(datesToIso),
    comments: comments.map(datesToIso),
    feeds: feeds.map(datesToIso),
    inboxItems: inboxItems.map(datesToIso),
    // The database keeps a cadence as text; only the service writes it, from the two the API takes.
    briefingSchedules: briefingSchedules.map((b) => ({ ...datesToIso(b), cadence: b.cadence as ScheduleCadence })),
  };
}

/** The hits whose list, first release and entry this database has (a team's backup may come from another instance). */
async function hitsWithKnownEntries(client: Tx, hits: TeamBackup["hits"]) {
  const [entries, releases] = await Promise.all([
    client.sanctionsEntry.findMany({ where: { id: { in: hits.map((h) => h.entryId) } }, select: { id: true, release: { select: { listId: true } } } }),
    client.sanctionsRelease.findMany({ where: { id: { in: hits.map((h) => h.firstReleaseId) } }, select: { id: true, listId: true } }),
  ]);
  const entryList = new Map(entries.map((e) => [e.id, e.release.listId]));
  const releaseList = new Map(releases.map((r) => [r.id, r.listId]));
  return hits.filter((h) => entryList.get(h.entryId) === h.listId && releaseList.get(h.firstReleaseId) === h.listId);
}

/**
 * Writes one batch of a backup's rows into a team, keeping every id and timestamp. Returns how many
 * rows it wrote: all but the hits whose sanctions entry this database lacks.
 */
async function writeBatch(client: Tx, teamId: string, batch: RowBatch): Promise<number> {
  const team = { teamId };
  const written = async (insert: Promise<{ count: number }>) => (await insert).count;
  switch (batch.table) {
    case "categories":
      return written(client.category.createMany({ data: batch.rows.map((c) => ({ ...c, ...team })) }));
    case "sources":
      return written(client.source.createMany({ data: batch.rows.map((s) => ({ ...s, ...team })) }));
    case "captures":
      return written(client.capture.createMany({ data: batch.rows.map((c) => ({ ...c, ...team, body: new Uint8Array(Buffer.from(c.body, "base64")) })) }));
    case "documents":
      return written(client.document.createMany({ data: batch.rows.map((d) => ({ ...d, ...team })) }));
    case "issues":
      return written(client.issue.createMany({ data: batch.rows.map((i) => ({ ...i, ...team })) }));
    case "evidence":
      return written(client.evidence.createMany({ data: batch.rows.map((e) => ({ ...e, ...team })) }));
    case "events":
      return written(client.event.createMany({ data: batch.rows.map((e) => ({ ...e, ...team, before: jsonValue(e.before), after: jsonValue(e.after) })) }));
    case "eventRepeats":
      return written(client.securityEventRepeat.createMany({ data: batch.rows }));
    case "briefings":
      return written(
        client.briefing.createMany({
          data: batch.rows.map((b) => ({ ...b, ...team, filter: b.filter as Prisma.InputJsonValue, snapshot: b.snapshot as Prisma.InputJsonValue })),
        }),
      );
    case "entities":
      return written(client.entity.createMany({ data: batch.rows.map((e) => ({ ...e, ...team, identifiers: e.identifiers as Prisma.InputJsonValue })) }));
    case "entityIssues":
      return written(client.entityIssue.createMany({ data: batch.rows }));
    case "entityDocuments":
      return written(client.entityDocument.createMany({ data: batch.rows }));
    case "hits": {
      const known = await hitsWithKnownEntries(client, batch.rows);
      return written(client.hit.createMany({ data: known.map((h) => ({ ...h, ...team, explanation: h.explanation as Prisma.InputJsonValue })) }));
    }
    case "comments":
      return written(client.comment.createMany({ data: batch.rows.map((c) => ({ ...c, ...team })) }));
    case "feeds":
      return written(client.feed.createMany({ data: batch.rows.map((f) => ({ ...f, ...team })) }));
    case "inboxItems":
      return written(client.inboxItem.createMany({ data: batch.rows.map((i) => ({ ...i, ...team })) }));
    case "briefingSchedules":
      return written(client.briefingSchedule.createMany({ data: batch.rows.map((b) => ({ ...b, ...team, filter: b.filter as Prisma.InputJsonValue })) }));
  }
}

/** Writes a backup's rows into a team (which must be empty), keeping every id and timestamp. */
export async function importTeam(client: Tx, teamId: string, backup: TeamBackup) {
  for (const batch of backupBatches(backup)) await writeBatch(client, teamId, batch);
}

/** The fields of a team backup that name users (`mentions` lists them). */
const USER_FIELDS = ["createdById", "addedById", "ownerId", "actorId", "decidedById", "authorId"] as const;

/**
 * The batch with every user it names kept only if `known` (the restoring admin's colleagues) has them.
 * A team backup lists no users: another id could name anyone, in any team. Names in the history
 * (actorLabel) and on decisions (decidedBy) stay as they were, so the record of who did what is kept.
 */
function withKnownUsers(batch: RowBatch, known: Set<string>): RowBatch {
  const rows = (batch.rows as Array<Record<string, unknown>>).map((row) => {
    let copy: Record<string, unknown> | null = null;
    for (const field of USER_FIELDS) {
      const value = row[field];
      if (typeof value === "string" && !known.has(value)) (copy ??= { ...row })[field] = null;
    }
    const mentions = row.mentions;
    if (Array.isArray(mentions) && mentions.some((user) => !known.has(user as string))) (copy ??= { ...row }).mentions = mentions.filter((user) => known.has(user as string));
    return copy ?? row;
  });
  return { table: batch.table, rows } as RowBatch;
}

/** The backup's checks again, for callers other than the route (which refuses the same with its details). */
function assertInsideReferences(backup: TeamBackup) {
  const bad = firstOutsideReference(backup);
  if (bad) throw new AppError("validation_failed", "The backup is not valid", { fields: { [bad.path.join(".")]: [bad.message] } });
}

/** The admin's team, as a backup. */
export async function backupTeam(actor: Actor): Promise<TeamBackup> {
  return exportTeam(db, actor.teamId);
}

const COUNTED = ["issues", "documents", "evidence", "events", "briefings", "captures", "entities", "hits", "comments"] as const;
/**
 * The new team, and how many rows of the main tables it holds. `hitsSkipped`: hits left out because this
 * instance lacks their sanctions entry (a backup from another instance, or a list deleted since); the
 * next screening finds those matches again, in review.
 */
export type RestoreResult = { teamId: string; name: string; counts: Record<(typeof COUNTED)[number] | "hitsSkipped", number> };

/**
 * Restores a backup into a new, empty team, with the restoring admin as its admin. The team's data
 * arrives as it was (history and briefings included); the restore itself is recorded in the team the
 * admin restored from, so the new team's history is exactly the backup's. Users the backup names who
 * are not members of the admin's team are left out (withKnownUsers).
 */
export async function restoreTeam(actor: Actor, input: TeamBackup): Promise<RestoreResult> {
  assertInsideReferences(input);
  const { team, batches } = restorePlan(input);
  return restoreBatches(actor, team, batches);
}

/**
 * Restores an uploaded backup (its JSON bytes): parsed, checked and cut into batches in a worker
 * thread (lib/backup/read-off-thread.ts), since parsing and checking the bench's 272 MB team takes
 * about 15 s of CPU that would stall every other request; written here, batch by batch.
 */
export async function restoreUpload(actor: Actor, bytes: Uint8Array<ArrayBuffer>): Promise<RestoreResult> {
  const { team, batches } = await readBackupOffThread(bytes);
  return restoreBatches(actor, team, batches);
}

/**
 * Writes a restore in short batches, not one transaction: on PGlite one statement runs at a time, and
 * a transaction of a large team held the database (and the thread) for every other request. The new
 * team has no member until its last row is in, so no one sees it half written; if a batch fails, the
 * team and everything written into it are removed.
 */
async function restoreBatches(actor: Actor, team: RestoredTeam, batches: Iterable<RowBatch> | AsyncIterable<RowBatch>): Promise<RestoreResult> {
  const colleagues = new Set(actor.userId ? (await db.membership.findMany({ where: { teamId: actor.teamId }, select: { userId: true } })).map((m) => m.userId) : []);
  const name = `${team.name} (restored)`;
  const slug = `${team.slug}-restored-${team.id.slice(0, 8)}`;
  const counts = Object.fromEntries([...COUNTED, "hitsSkipped"].map((table) => [table, 0])) as RestoreResult["counts"];
  await db.team.create({ data: { id: team.id, name, slug, createdAt: team.createdAt, timeZone: team.timeZone ?? "UTC" } });
  try {
    // PostgreSQL runs statements in its own process: whole batches; PGlite on this thread: short steps.
    const steps = new StepSizes(databaseKind() === "pglite");
    for await (const batch of batches) {
      for (let start = 0; start < batch.rows.length; ) {
        const rows = batch.rows.slice(start, start + steps.rows(batch.table));
        const started = performance.now();
        const written = await writeBatch(db, team.id, withKnownUsers({ table: batch.table, rows } as RowBatch, colleagues));
        steps.took(batch.table, rows.length, performance.now() - started);
        start += rows.length;
        if (batch.table in counts) counts[batch.table as keyof typeof counts] += written;
        if (batch.table === "hits") counts.hitsSkipped += rows.length - written;
        await giveWay();
      }
    }
    await db.$transaction(async (tx) => {
      if (actor.userId) await tx.membership.create({ data: { teamId: team.id, userId: actor.userId, role: "admin" } });
      await recordEvent(tx, actor, { entityType: "team", entityId: team.id, action: "backup_restored", after: { name: team.name, exportedAt: team.exportedAt, ...counts } });
    });
  } catch (error) {
    await removeTeam(team.id).catch((cleanup: unknown) => console.error("[sanctions-watch] could not remove a failed restore's team", team.id, cleanup));
    throw error;
  }
  return { teamId: team.id, name, counts };
}

/**
 * How many rows of each table one insert takes: as many as fit in about STEP_MS. On PGlite a statement
 * runs on the request thread and cannot be interrupted; measured on 2 busy cores, 500 documents or
 * events took 250–800 ms (every other request waited as long), so steps start at 10 rows and follow
 * what the last one took.
 */
class StepSizes {
  static readonly STEP_MS = 50;
  private readonly sizes = new Map<string, number>();
  constructor(private readonly adaptive: boolean) {}
  rows(table: string): number {
    return this.adaptive ? (this.sizes.get(table) ?? 10) : BATCH_ROWS;
  }
  took(table: string, rows: number, ms: number) {
    if (this.adaptive) this.sizes.set(table, Math.max(1, Math.min(BATCH_ROWS, Math.floor((rows * StepSizes.STEP_MS) / Math.max(ms, 1)))));
  }
}

/** Deletes a team and all its rows, its history included (the event table refuses deletes otherwise). */
async function removeTeam(teamId: string) {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('sanctions_watch.purge', 'on', true)`;
    await tx.team.delete({ where: { id: teamId } });
  });
}

/** Lets the event loop serve what is waiting (other requests) before the next batch. */
const giveWay = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The whole instance, ids kept, for moving to another database: accounts, the app's own secrets, the
 * sanctions lists with every release, entry and change, the history outside any team, and every team.
 * People's follows, notifications and email settings come too (they name users and teams).
 * Left out, as README "Backups" says: sessions and verification tokens (signing in again is the cure),
 * rate-limit counters, and the tallies the database keeps itself (evidence_week, rebuilt by its triggers).
 */
export async function exportDatabase(client: Tx, exportedAt = new Date()): Promise<DatabaseBackup> {
  const outsideTeams = { teamId: null };
  const [users, accounts, memberships, apiTokens, invitations, appSecrets, sanctionsLists, sanctionsReleases, sanctionsEntries, sanctionsChanges, sanctionsListDownloads, instanceEvents, instanceEventRepeats, follows, notifications, emailPreferences, teams] =
    await Promise.all([
      client.user.findMany({ orderBy: byId }),
      client.account.findMany({ orderBy: byId }),
      client.membership.findMany({ orderBy: byId }),
      client.apiToken.findMany({ orderBy: byId }),
      client.invitation.findMany({ orderBy: byId }),
      client.appSecret.findMany({ orderBy: { name: "asc" } }),
      client.sanctionsList.findMany({ orderBy: byId }),
      client.sanctionsRelease.findMany({ orderBy: byId }),
      client.sanctionsEntry.findMany({ orderBy: byId }),
      client.sanctionsChange.findMany({ orderBy: [{ releaseId: "asc" }, { sourceId: "asc" }] }),
      client.sanctionsListDownload.findMany({ orderBy: { url: "asc" } }),
      client.event.findMany({ where: outsideTeams, orderBy: [{ at: "asc" }, { id: "asc" }], omit: { teamId: true } }),
      client.securityEventRepeat.findMany({ where: { event: outsideTeams }, orderBy: { key: "asc" } }),
      client.follow.findMany({ orderBy: byId }),
      client.notification.findMany({ orderBy: byId }),
      client.emailPreference.findMany({ orderBy: [{ userId: "asc" }, { kind: "asc" }] }),
      client.team.findMany({ orderBy: byId, select: { id: true } }),
    ]);
  return {
    format: DATABASE_BACKUP_FORMAT,
    version: DATABASE_BACKUP_VERSION,
    exportedAt: iso(exportedAt),
    users: users.map(datesToIso),
    accounts: accounts.map(datesToIso),
    memberships: memberships.map(datesToIso),
    apiTokens: apiTokens.map(datesToIso),
    invitations: invitations.map(datesToIso),
    appSecrets: appSecrets.map(datesToIso),
    sanctionsLists: sanctionsLists.map(datesToIso),
    sanctionsReleases: sanctionsReleases.map(datesToIso),
    sanctionsEntries,
    sanctionsChanges,
    sanctionsListDownloads: sanctionsListDownloads.map(datesToIso),
    instanceEvents: instanceEvents.map(datesToIso),
    // Every repeat the query found names an event.
    instanceEventRepeats: instanceEventRepeats.map((r) => ({ key: r.key, eventId: r.eventId!, repeats: r.repeats, lastAt: iso(r.lastAt) })),
    follows: follows.map(datesToIso),
    notifications: notifications.map(datesToIso),
    // The column holds only emailDeliveries (lib/services/email writes it through its schema).
    emailPreferences: emailPreferences.map((p) => ({ ...datesToIso(p), delivery: p.delivery as DatabaseBackup["emailPreferences"][number]["delivery"] })),
    teams: await Promise.all(teams.map((t) => exportTeam(client, t.id, exportedAt))),
  };
}

/** Inserts rows BATCH_ROWS at a time: a list's tens of thousands of entries would pass the statement's parameter limit at once. */
async function insertAll<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) await insert(rows.slice(start, start + BATCH_ROWS));
}

/**
 * Loads a whole-database backup into an empty database (after `db:deploy`), ids kept, in one
 * transaction: a failure writes nothing. Checked here, as strictly as a team restore
 * (databaseBackupSchema: every reference names a row of the file), whoever calls.
 */
export async function importDatabase(client: typeof db, file: unknown): Promise<DatabaseBackup> {
  const backup = databaseBackupSchema.parse(file);
  await client.$transaction(
    async (tx) => {
      if ((await tx.team.count()) + (await tx.user.count()) + (await tx.sanctionsList.count()) > 0) {
        throw new Error("The target database is not empty: restore a whole-database backup into a new, migrated database.");
      }
      await insertAll(backup.users, (data) => tx.user.createMany({ data }));
      await insertAll(backup.accounts, (data) => tx.account.createMany({ data }));
      await insertAll(backup.appSecrets, (data) => tx.appSecret.createMany({ data }));
      await insertAll(backup.sanctionsLists, (data) => tx.sanctionsList.createMany({ data }));
      // In id order, which is import order: a release's previous one is in before it.
      await insertAll(backup.sanctionsReleases, (data) => tx.sanctionsRelease.createMany({ data }));
      await insertAll(backup.sanctionsEntries, (rows) => tx.sanctionsEntry.createMany({ data: rows.map((e) => ({ ...e, data: e.data as Prisma.InputJsonValue })) }));
      await insertAll(backup.sanctionsChanges, (data) => tx.sanctionsChange.createMany({ data }));
      await insertAll(backup.sanctionsListDownloads, (data) => tx.sanctionsListDownload.createMany({ data }));
      await insertAll(backup.instanceEvents, (rows) => tx.event.createMany({ data: rows.map((e) => ({ ...e, before: jsonValue(e.before), after: jsonValue(e.after) })) }));
      await insertAll(backup.instanceEventRepeats, (data) => tx.securityEventRepeat.createMany({ data }));
      for (const team of backup.teams) {
        await tx.team.create({ data: { id: team.team.id, name: team.team.name, slug: team.team.slug, createdAt: team.team.createdAt } });
        await importTeam(tx, team.team.id, team);
      }
      await insertAll(backup.memberships, (data) => tx.membership.createMany({ data }));
      await insertAll(backup.apiTokens, (data) => tx.apiToken.createMany({ data }));
      await insertAll(backup.invitations, (data) => tx.invitation.createMany({ data }));
      await insertAll(backup.follows, (data) => tx.follow.createMany({ data }));
      await insertAll(backup.notifications, (data) => tx.notification.createMany({ data }));
      await insertAll(backup.emailPreferences, (data) => tx.emailPreference.createMany({ data }));
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
  return backup;
}
