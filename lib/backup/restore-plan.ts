import { randomUUID } from "node:crypto";
import { OWN_ROW_LISTS, type TeamBackup } from "@/lib/validation/backup";

// How a team backup is written: pure steps, run on the request thread for small backups and in the
// restore worker (lib/backup/read-worker.mjs) for uploads, so that neither parsing a large file nor
// writing it stalls other requests.

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The same backup with fresh ids for the team's own records, everywhere they appear (references,
 * event payloads, briefing snapshots), in the same order, so it can be restored beside the original.
 * The backup must have passed teamBackupSchema: every reference then names one of its own rows.
 */
export function withFreshIds(backup: TeamBackup): { backup: TeamBackup; idMap: Map<string, string> } {
  const own = [backup.team.id, ...OWN_ROW_LISTS.flatMap((list) => backup[list].map((row) => row.id))];
  const fresh = own.map(() => randomUUID()).sort();
  const idMap = new Map([...own].sort().map((old, i) => [old, fresh[i]!]));
  const text = JSON.stringify(backup).replace(UUID, (id) => idMap.get(id) ?? id);
  return { backup: JSON.parse(text) as TeamBackup, idMap };
}

/** The team a restore creates, as the backup describes it (fresh id). */
export type RestoredTeam = { id: string; name: string; slug: string; createdAt: string; exportedAt: string; timeZone?: string };

/** A checked backup, ready to write: its team and its rows in batches. */
export function restorePlan(checked: TeamBackup): { team: RestoredTeam; batches: Generator<RowBatch> } {
  const { backup } = withFreshIds(checked);
  return { team: { ...backup.team, exportedAt: backup.exportedAt }, batches: backupBatches(backup) };
}

/** The tables of a team backup, each after the ones it references. */
export const BACKUP_TABLES = [
  "categories",
  "sources",
  "captures",
  "documents",
  "issues",
  "evidence",
  "events",
  "eventRepeats",
  "briefings",
  "entities",
  "entityIssues",
  "entityDocuments",
  "hits",
  "comments",
  "feeds",
  "inboxItems",
  "briefingSchedules",
] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];
/** Rows of one table. */
export type RowBatch = { [T in BackupTable]: { table: T; rows: TeamBackup[T] } }[BackupTable];

/**
 * At most this many rows or characters per batch: what the restore worker hands over at a time (a
 * message the request thread copies in a few milliseconds), and what the whole-database restore
 * inserts at once. A team restore cuts each batch smaller again to keep statements short (StepSizes
 * in lib/services/backup.ts).
 */
export const BATCH_ROWS = 500;
export const BATCH_CHARS = 512 * 1024;

/** The backup's rows in batches, each table after the ones it references. */
export function* backupBatches(backup: TeamBackup): Generator<RowBatch> {
  for (const table of BACKUP_TABLES) {
    const rows: unknown[] = backup[table];
    let start = 0;
    let chars = 0;
    for (let i = 0; i < rows.length; i++) {
      chars += approximateChars(rows[i]);
      if (i + 1 - start >= BATCH_ROWS || chars >= BATCH_CHARS || i === rows.length - 1) {
        yield { table, rows: rows.slice(start, i + 1) } as RowBatch;
        start = i + 1;
        chars = 0;
      }
    }
  }
}

/** The long text of a row (a document's text, a capture's body, a briefing's snapshot), which is what makes an insert slow. */
function approximateChars(row: unknown): number {
  const record = row as { text?: unknown; body?: unknown; snapshot?: unknown };
  if (typeof record.text === "string") return record.text.length;
  if (typeof record.body === "string") return record.body.length;
  if (record.snapshot !== undefined) return JSON.stringify(record.snapshot).length;
  return 200;
}
