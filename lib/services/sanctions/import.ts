import "server-only";
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { gunzipSync } from "node:zlib";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid";
import { env } from "@/lib/env";
import type { SanctionsEntry } from "@/lib/sanctions/entry";
import { SanctionsImportError } from "@/lib/sanctions/errors";
import { importEntries, isGzip, sniffFormat, statedPublicationDate, type ListFormat } from "@/lib/sanctions/import";
import { MAX_LIST_FILE_BYTES, type ReleaseSummary } from "@/lib/validation/sanctions";

// Importing a list file as a release (issue 13): one transaction, so a refused or failed import leaves nothing.

/** The list a format's files belong to when the importer does not say, and the lists' names. */
const LIST_OF_FORMAT: Partial<Record<ListFormat, string>> = { "ofac-sdn-csv": "ofac-sdn", "un-xml": "un-sc", "opensanctions-csv": "opensanctions", "ftm-json": "opensanctions" };
const LIST_NAMES: Record<string, string> = {
  "ofac-sdn": "OFAC Specially Designated Nationals (SDN)",
  "un-sc": "UN Security Council Consolidated List",
  opensanctions: "OpenSanctions",
};
/** A release with fewer entries than this share of the list's latest is refused unless forced: likely a broken file. */
const LEAST_KEPT = 0.8;
const BATCH = 1000;
const HEAD = 64 * 1024;

export type ImportOptions = {
  list?: string;
  format?: ListFormat;
  force?: boolean;
  /** Used when the file does not state its publication date; now when neither does. */
  publishedAt?: Date;
  /** The importing user's id, or "cli". */
  importedBy: string;
  /** Told how long each step took (the bench reads where an import's time goes). */
  onStep?: (step: ImportStep, ms: number) => void;
};

export type ImportStep = "entries" | "changes";

/** Lists are the instance's, so importing is for the people named in LIST_ADMINS, whatever their team role. */
export async function mayImportLists(actor: Actor): Promise<boolean> {
  const user = actor.userId ? await db.user.findUnique({ where: { id: actor.userId }, select: { email: true } }) : null;
  return !!user && env().listAdmins.includes(user.email.toLowerCase());
}

export async function assertListAdmin(actor: Actor): Promise<void> {
  if (!(await mayImportLists(actor))) throw new AppError("forbidden", "Only list admins (LIST_ADMINS) may import sanctions lists");
}

/** Imports a list file (gzipped or not) as the list's newest release, with its changes since the one before. */
export async function importRelease(file: Uint8Array, options: ImportOptions): Promise<ReleaseSummary> {
  const content = decompressed(file);
  if (content.byteLength === 0) throw refused(new SanctionsImportError("empty", "the file is empty"));
  const head = content.subarray(0, HEAD);
  const format = options.format ?? sniffFormat(head);
  if (!format) throw refused(new SanctionsImportError("unknown_format", "the file is not a list format this app reads (OFAC CSV, UN XML, OpenSanctions CSV or FollowTheMoney JSON)"));
  const slug = options.list ?? LIST_OF_FORMAT[format];
  if (!slug) throw new AppError("validation_failed", "Say which list the file belongs to", { fields: { list: ["Required for this format"] } });
  const sha256 = createHash("sha256").update(content).digest("hex");
  const publishedAt = statedPublicationDate(format, new TextDecoder().decode(head)) ?? options.publishedAt ?? new Date();
  try {
    // Long on PGlite (15,000 entries take seconds), and nothing else would see a half-written release anyway.
    return await db.$transaction((tx) => writeRelease(tx, content, { ...options, format, slug, sha256, publishedAt }), { timeout: 10 * 60_000, maxWait: 60_000 });
  } catch (error) {
    if (error instanceof SanctionsImportError) throw refused(error);
    if ((error as { code?: string }).code === "P2002") throw alreadyImported(slug);
    throw error;
  }
}

type Release = ImportOptions & { format: ListFormat; slug: string; sha256: string; publishedAt: Date };

async function writeRelease(tx: Tx, content: Uint8Array, release: Release): Promise<ReleaseSummary> {
  const list = await tx.sanctionsList.upsert({ where: { slug: release.slug }, create: { slug: release.slug, name: LIST_NAMES[release.slug] ?? release.slug }, update: {}, select: { id: true } });
  // One import of a list at a time: two at once would both compare with the same release before them.
  await tx.$queryRaw`SELECT 1 FROM "sanctions_list" WHERE "id" = ${list.id} FOR UPDATE`;
  if (await tx.sanctionsRelease.findUnique({ where: { listId_sha256: { listId: list.id, sha256: release.sha256 } }, select: { id: true } })) throw alreadyImported(release.slug);
  const previous = await tx.sanctionsRelease.findFirst({
    where: { listId: list.id },
    orderBy: [{ publishedAt: "desc" }, { importedAt: "desc" }],
    select: { id: true, entries: true, publishedAt: true },
  });
  // Each release is compared with the one before it: an older file imported late would read as mass removals.
  if (previous && release.publishedAt < previous.publishedAt) {
    throw new AppError("validation_failed", `The list's latest release was published ${previous.publishedAt.toISOString().slice(0, 10)}; import releases in order`, {
      fields: { publishedAt: ["Earlier than the list's latest release"] },
    });
  }
  const { id } = await tx.sanctionsRelease.create({
    data: { listId: list.id, previousId: previous?.id ?? null, publishedAt: release.publishedAt, sha256: release.sha256, format: release.format, entries: 0, added: 0, removed: 0, changed: 0, importedBy: release.importedBy },
    select: { id: true },
  });
  let started = performance.now();
  const entries = await writeEntries(tx, id, importEntries(release.format, Readable.from([content])));
  release.onStep?.("entries", performance.now() - started);
  if (previous && !release.force && entries < previous.entries * LEAST_KEPT) {
    throw new AppError("validation_failed", `This file has ${entries} entries where the list's latest release has ${previous.entries}: more than ${Math.round((1 - LEAST_KEPT) * 100)} % fewer. Send force to import it anyway.`, {
      entries,
      previousEntries: previous.entries,
    });
  }
  started = performance.now();
  const counts = previous ? await writeChanges(tx, id, previous.id) : { added: 0, removed: 0, changed: 0 };
  release.onStep?.("changes", performance.now() - started);
  // Stamped when done, not when the transaction began: of two imports at once, the one that waited comes last.
  await tx.sanctionsRelease.update({ where: { id }, data: { entries, ...counts, importedAt: new Date() } });
  return { id, list: release.slug, publishedAt: release.publishedAt.toISOString(), entries, ...counts };
}

/**
 * Writes the entries in batches, each one statement with one JSON parameter: PGlite runs one statement at a time,
 * and a parameter per column and row (Prisma's createMany) made the SDN list take 25 s there instead of a few.
 */
async function writeEntries(tx: Tx, releaseId: string, entries: AsyncIterable<SanctionsEntry>): Promise<number> {
  const seen = new Set<string>();
  let batch: string[] = [];
  // The statement for one batch runs while the next is parsed (on PostgreSQL, in another process); one at a time.
  let writing: Promise<unknown> = Promise.resolve();
  const insert = (rows: string[]) => tx.$executeRaw`
      INSERT INTO "sanctions_entry" ("id", "releaseId", "sourceId", "type", "name", "programs", "countries", "data", "contentHash")
      SELECT x."id", ${releaseId}, x."data" ->> 'sourceId', (x."data" ->> 'type')::"SanctionsEntryType", x."data" ->> 'name',
        ARRAY(SELECT jsonb_array_elements_text(x."data" -> 'programs')), ARRAY(SELECT jsonb_array_elements_text(x."data" -> 'countries')),
        x."data", x."contentHash"
      FROM jsonb_to_recordset(${`[${rows.join(",")}]`}::jsonb) AS x("id" text, "data" jsonb, "contentHash" text)`;
  const flush = async () => {
    const rows = batch;
    batch = [];
    await writing;
    writing = insert(rows).then(() => undefined);
    // A failure surfaces at the next flush or at the end; until then it must not count as unhandled.
    writing.catch(() => undefined);
  };
  try {
    for await (const entry of entries) {
      if (seen.has(entry.sourceId)) throw new SanctionsImportError("malformed", "the list's id appears twice", { record: entry.sourceId });
      seen.add(entry.sourceId);
      batch.push(entryRow(entry));
      if (batch.length === BATCH) await flush();
    }
    if (batch.length) await flush();
  } catch (error) {
    await writing.catch(() => undefined); // nothing may still run on the transaction once it is rolled back
    throw error;
  }
  await writing;
  return seen.size;
}

/** The entry's row as JSON, for jsonb_to_recordset (the entry is serialised once, for its hash and its row). */
function entryRow(entry: SanctionsEntry): string {
  const json = JSON.stringify(entry);
  // PostgreSQL text and jsonb cannot hold NUL: refuse the record rather than fail the import with a 500.
  if (json.includes("\\u0000")) throw new SanctionsImportError("malformed", "a field holds a NUL character", { record: entry.sourceId });
  return `{"id":"${uuidv7()}","contentHash":"${createHash("sha256").update(json).digest("hex")}","data":${json}}`;
}

/**
 * Added, removed and changed entries (with the fields that changed) by the list's own id, in one statement. A full
 * join is always a hash or merge join: with NOT EXISTS, PostgreSQL misjudged the rows written in this transaction
 * (no statistics yet) and compared every entry with every other (over 30 s for the SDN list).
 */
async function writeChanges(tx: Tx, releaseId: string, previousId: string): Promise<{ added: number; removed: number; changed: number }> {
  await tx.$executeRaw`
    INSERT INTO "sanctions_change" ("releaseId", "sourceId", "kind", "entryId", "fields")
    SELECT ${releaseId}, COALESCE(n."sourceId", o."sourceId"),
      (CASE WHEN o."id" IS NULL THEN 'added' WHEN n."id" IS NULL THEN 'removed' ELSE 'changed' END)::"SanctionsChangeKind",
      COALESCE(n."id", o."id"),
      CASE WHEN n."id" IS NULL OR o."id" IS NULL THEN '{}'::text[]
        ELSE ARRAY(SELECT k FROM jsonb_object_keys(n."data" || o."data") k WHERE n."data" -> k IS DISTINCT FROM o."data" -> k ORDER BY k) END
    FROM (SELECT "id", "sourceId", "data", "contentHash" FROM "sanctions_entry" WHERE "releaseId" = ${releaseId}) n
    FULL JOIN (SELECT "id", "sourceId", "data", "contentHash" FROM "sanctions_entry" WHERE "releaseId" = ${previousId}) o ON o."sourceId" = n."sourceId"
    WHERE n."id" IS NULL OR o."id" IS NULL OR n."contentHash" <> o."contentHash"`;
  const counts = await tx.sanctionsChange.groupBy({ by: ["kind"], where: { releaseId }, _count: { _all: true } });
  const count = (kind: string) => counts.find((c) => c.kind === kind)?._count._all ?? 0;
  return { added: count("added"), removed: count("removed"), changed: count("changed") };
}

/** The file's content: gunzipped when it is gzip, within the size limit either way (a small .gz can hold gigabytes). */
function decompressed(file: Uint8Array): Uint8Array {
  const tooLarge = () => new AppError("payload_too_large", `List files are limited to ${MAX_LIST_FILE_BYTES / 1024 / 1024} MB`);
  if (file.byteLength > MAX_LIST_FILE_BYTES) throw tooLarge();
  if (!isGzip(file)) return file;
  try {
    return gunzipSync(file, { maxOutputLength: MAX_LIST_FILE_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge();
    throw refused(new SanctionsImportError("malformed", "the gzip data is damaged"));
  }
}

/** An importer's refusal as the API's 422, naming the file, line and record. */
function refused(error: SanctionsImportError): AppError {
  return new AppError("validation_failed", `The file was refused: ${error.message}`, { reason: error.code, ...error.location });
}

const alreadyImported = (slug: string) => new AppError("conflict", `This file is already a release of ${slug}`);
