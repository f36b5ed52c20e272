import { z } from "zod";
import { briefingSnapshotSchema } from "@/lib/briefings/snapshot";
import { reliabilities } from "@/lib/domain/grading";
import { likelihoods } from "@/lib/domain/likelihood";
import { stances } from "@/lib/domain/stance";
import { issueStatuses } from "@/lib/domain/status";
import { briefingFilterSchema } from "./briefings";
import { MAX_COMMENT_LENGTH } from "./comments";
import { HIT_DECISIONS, HIT_LEVELS, entityIdentifierSchema, entityTypeSchema } from "./entities";
import { userIdSchema, uuidSchema, withoutBidiControls } from "./common";
import { MAX_DOCUMENT_CHARS } from "./documents";

// The backup format: a team's data as JSON, versioned so that later versions can still read it.
// Dates are ISO strings; JSON columns are kept as they are. A restore writes what it reads, so it is
// checked as strictly as the API's own writes: ids are UUIDs, values come from the enums, briefings
// hold what the briefing service would have made, and every reference points at a row of the file
// (firstOutsideReference below) — an id from outside could name another team's row.

const date = z.iso.datetime({ offset: true });
const json = z.unknown();
const rows = <T extends z.ZodRawShape>(shape: T) => z.array(z.object(shape));
const id = uuidSchema;
/** Titles, names and labels, as stored: no bidirectional controls (lib/validation/common.ts shortText). */
const line = (max: number) => withoutBidiControls(z.string().max(max));
/**
 * Who created or owns a row. Not checked against the file: a team backup lists no users, and ids made
 * before owners were checked may be any text. A team restore keeps only its admin's colleagues (lib/services/backup.ts).
 */
const userRef = z.string().max(200).nullable();

/** The JSON as it is (kept exactly, for the round trip), if `schema` accepts it; its problems otherwise. */
const holding = (schema: z.ZodType) =>
  json.superRefine((value, ctx) => {
    const result = schema.safeParse(value);
    if (!result.success) for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

/** A briefing's filter: the watchlist's filters, or the issues picked by id (lib/services/briefings.ts). */
const briefingFilter = z.union([briefingFilterSchema, z.strictObject({ issueIds: z.array(id).min(1) })]);

export const BACKUP_FORMAT = "sanctions-watch/team-backup";
/**
 * Version 2 added captures (and documents' captureId), tracked entities with their links, hits and
 * comments, and the security events' repeat counts. A version 1 file still restores: its missing
 * sections are empty.
 */
export const BACKUP_VERSION = 2;
/** A section version 1 files lack. */
const since2 = <T extends z.ZodType>(list: z.ZodArray<T>) => list.default([]);
/** lib/fetch's DEFAULT_MAX_BYTES (not imported: that module is server-only, this one is read in the restore worker). */
const MAX_CAPTURE_BYTES = 10 * 1024 * 1024;

const teamBackupFields = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(BACKUP_VERSION)]),
  exportedAt: date,
  team: z.object({ id, name: line(200), slug: z.string().max(100), createdAt: date }),
  categories: rows({ id, slug: z.string().max(64), name: line(200), createdAt: date }),
  sources: rows({ id, name: line(200), kind: z.string().max(50), url: z.string().nullable(), reliability: z.enum(reliabilities), createdAt: date, updatedAt: date }),
  /** Page snapshots (POST /api/captures): the body as base64, up to lib/fetch's 10 MB. */
  captures: since2(
    rows({
      id,
      url: z.string().max(2000),
      finalUrl: z.string().max(10_000),
      httpStatus: z.number().int().min(100).max(599),
      contentType: z.string().max(500).nullable(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      fetchedAt: date,
      createdById: userRef,
      body: z.base64().max(Math.ceil(MAX_CAPTURE_BYTES / 3) * 4),
    }),
  ),
  documents: rows({
    id,
    sourceId: id.nullable(),
    title: line(500),
    url: z.string().nullable(),
    publishedAt: date.nullable(),
    retrievedAt: date,
    text: z.string().max(MAX_DOCUMENT_CHARS),
    contentHash: z.string().max(200),
    attribution: z.string().nullable(),
    createdById: userRef,
    createdAt: date,
    captureId: id.nullable().default(null),
  }),
  issues: rows({
    id,
    title: line(200),
    summary: z.string(),
    categoryId: id,
    status: z.enum(issueStatuses),
    likelihood: z.enum(likelihoods),
    impact: z.number().int().min(1).max(5),
    riskScore: z.number().int(),
    jurisdictions: z.array(z.string().max(10)),
    actors: z.array(line(200)),
    hsCodes: z.array(z.string().max(20)),
    tags: z.array(line(50)),
    ownerId: userRef,
    nextReviewAt: date.nullable(),
    version: z.number().int().min(1),
    deletedAt: date.nullable(),
    createdAt: date,
    updatedAt: date,
  }),
  evidence: rows({
    id,
    issueId: id,
    documentId: id,
    quote: z.string(),
    quoteStart: z.number().int().min(0),
    quoteEnd: z.number().int().min(0),
    credibility: z.number().int().min(1).max(6),
    stance: z.enum(stances),
    note: z.string(),
    addedById: userRef,
    createdAt: date,
    updatedAt: date,
  }),
  events: rows({
    id,
    actorId: userRef,
    actorLabel: z.string().max(300),
    entityType: z.string().max(50),
    // Not a reference: history names rows since deleted (evidence, members) and requests.
    entityId: z.string().max(300),
    action: z.string().max(50),
    before: json,
    after: json,
    at: date,
  }),
  briefings: rows({
    id,
    title: line(200),
    marking: line(50),
    keyJudgments: z.string(),
    filter: holding(briefingFilter),
    // Exports read the snapshot back with this schema: a malformed one would fail there (a 500), not here.
    snapshot: holding(briefingSnapshotSchema),
    createdById: userRef,
    createdAt: date,
  }),
  /** How often a security event of the team's history recurred (lib/auth/security-events.ts): its "× N". */
  eventRepeats: since2(rows({ key: z.string().max(2000), eventId: id, repeats: z.number().int().min(0), lastAt: date })),
  entities: since2(
    rows({
      id,
      type: entityTypeSchema,
      name: line(300),
      aliases: z.array(line(300)).max(50),
      country: z.string().regex(/^[A-Z]{2}$/).nullable(),
      identifiers: holding(z.array(entityIdentifierSchema).max(20)),
      notes: z.string().max(5_000),
      createdById: userRef,
      version: z.number().int().min(1),
      createdAt: date,
      updatedAt: date,
    }),
  ),
  entityIssues: since2(rows({ entityId: id, issueId: id, createdAt: date })),
  entityDocuments: since2(rows({ entityId: id, documentId: id, createdAt: date })),
  /**
   * An entity's matches on the sanctions lists, with the analysts' decisions. Lists, releases and entries
   * are the instance's, not the team's: their ids are not checked against the file, and a team restore
   * keeps only the hits whose entry the restoring instance has (lib/services/backup.ts).
   */
  hits: since2(
    rows({
      id,
      entityId: id,
      listId: id,
      sourceId: z.string().max(200),
      entryId: id,
      score: z.number(),
      level: z.enum(HIT_LEVELS),
      matchedName: z.string().max(2000),
      explanation: json,
      firstReleaseId: id,
      decision: z.enum(HIT_DECISIONS).nullable(),
      decisionNote: z.string().max(5_000),
      decidedById: userRef,
      decidedBy: z.string().max(300).nullable(),
      decidedAt: date.nullable(),
      decidedContentHash: z.string().max(200).nullable(),
      goneAt: date.nullable(),
      createdAt: date,
      updatedAt: date,
    }),
  ),
  comments: since2(
    rows({
      id,
      issueId: id.nullable(),
      entityId: id.nullable(),
      authorId: userRef,
      body: withoutBidiControls(z.string().max(MAX_COMMENT_LENGTH)),
      /** User ids, like the other user references: a team restore keeps only its admin's colleagues. */
      mentions: z.array(z.string().max(200)).max(100),
      version: z.number().int().min(1),
      createdAt: date,
      editedAt: date.nullable(),
    }),
  ),
});

type BackupRows = z.infer<typeof teamBackupFields>;
export type BadReference = { path: (string | number)[]; message: string };

/** The lists of a team backup whose rows have an id of their own (the team's records). */
export const OWN_ROW_LISTS = ["categories", "sources", "captures", "documents", "issues", "evidence", "events", "briefings", "entities", "hits", "comments"] as const;

/**
 * The first id in the backup that names no row of it, or names one twice. Restores write only
 * inside the file: the team, its categories and sources, captures, documents, issues, evidence,
 * entities and comments. (Briefing snapshots and history are frozen text: the ids they mention are not
 * followed; hits name the instance's sanctions entries, which a restore looks up instead.)
 */
export function firstOutsideReference(backup: BackupRows): BadReference | null {
  const seen = new Set<string>([backup.team.id]);
  for (const list of OWN_ROW_LISTS) {
    for (const [index, row] of backup[list].entries()) {
      if (seen.has(row.id)) return { path: [list, index, "id"], message: "This id is used twice in the backup" };
      seen.add(row.id);
    }
  }
  const ids = (rows: { id: string }[]) => new Set(rows.map((row) => row.id));
  const names = {
    category: ids(backup.categories),
    source: ids(backup.sources),
    capture: ids(backup.captures),
    document: ids(backup.documents),
    issue: ids(backup.issues),
    entity: ids(backup.entities),
    event: ids(backup.events),
  };
  type Named = keyof typeof names;
  /** The first row of `list` whose `field` (when set) names no `what` of the file. */
  const check = <L extends keyof BackupRows>(list: L, field: string, what: Named): BadReference | null => {
    for (const [index, row] of (backup[list] as Array<Record<string, unknown>>).entries()) {
      const value = row[field];
      if (typeof value === "string" && !names[what].has(value)) return { path: [list, index, field], message: `Names no ${what} of this backup` };
    }
    return null;
  };
  const oneTarget = backup.comments.findIndex((c) => (c.issueId === null) === (c.entityId === null));
  return (
    check("documents", "sourceId", "source") ??
    check("documents", "captureId", "capture") ??
    check("issues", "categoryId", "category") ??
    check("evidence", "issueId", "issue") ??
    check("evidence", "documentId", "document") ??
    check("eventRepeats", "eventId", "event") ??
    check("entityIssues", "entityId", "entity") ??
    check("entityIssues", "issueId", "issue") ??
    check("entityDocuments", "entityId", "entity") ??
    check("entityDocuments", "documentId", "document") ??
    check("hits", "entityId", "entity") ??
    check("comments", "issueId", "issue") ??
    check("comments", "entityId", "entity") ??
    (oneTarget >= 0 ? { path: ["comments", oneTarget, "issueId"], message: "A comment is on one issue or one entity" } : null)
  );
}

/** References are checked in a file whose rows are well formed (ids are UUIDs): the first problem is named alone. */
const wellFormed = { when: (payload: { issues: unknown[] }) => payload.issues.length === 0 };

export const teamBackupSchema = teamBackupFields.superRefine((backup, ctx) => {
  const bad = firstOutsideReference(backup);
  if (bad) ctx.addIssue({ code: "custom", path: bad.path, message: bad.message });
}, wellFormed);
export type TeamBackup = z.infer<typeof teamBackupSchema>;

/** The whole database (scripts/db.ts backup|restore): accounts and every team, for moving between databases. */
export const DATABASE_BACKUP_FORMAT = "sanctions-watch/database-backup";

const databaseBackupFields = z.object({
  format: z.literal(DATABASE_BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: date,
  users: rows({ id: userIdSchema, name: z.string(), email: z.string(), emailVerified: z.boolean(), image: z.string().nullable(), createdAt: date, updatedAt: date }),
  /** Password hashes included: keep the file as safe as the database. */
  accounts: rows({
    id: z.string().min(1).max(64),
    accountId: z.string(),
    providerId: z.string(),
    userId: userIdSchema,
    password: z.string().nullable(),
    scope: z.string().nullable(),
    createdAt: date,
    updatedAt: date,
  }),
  memberships: rows({ id, teamId: id, userId: userIdSchema, role: z.enum(["viewer", "analyst", "admin"]), createdAt: date }),
  apiTokens: rows({
    id,
    teamId: id,
    name: z.string(),
    role: z.enum(["viewer", "analyst", "admin"]),
    tokenHash: z.string(),
    createdById: userIdSchema.nullable(),
    expiresAt: date.nullable(),
    revokedAt: date.nullable(),
    lastUsedAt: date.nullable(),
    createdAt: date,
  }),
  invitations: rows({
    id,
    teamId: id,
    email: z.string(),
    role: z.enum(["viewer", "analyst", "admin"]),
    tokenHash: z.string(),
    invitedById: userIdSchema.nullable(),
    expiresAt: date,
    acceptedAt: date.nullable(),
    revokedAt: date.nullable(),
    createdAt: date,
  }),
  teams: z.array(teamBackupSchema),
});

/**
 * The first reference of the accounts part that names no user or team of the file (each team's own
 * references are checked by teamBackupSchema). The users' ids in the teams' rows are not checked:
 * they are attribution only, and the whole database is restored, so no one outside it is named.
 */
function firstOutsideAccountReference(backup: z.infer<typeof databaseBackupFields>): BadReference | null {
  const users = new Set(backup.users.map((u) => u.id));
  const teams = new Set(backup.teams.map((t) => t.team.id));
  const check = (list: "accounts" | "memberships" | "apiTokens" | "invitations", field: string, names: Set<string>, what: string): BadReference | null => {
    for (const [index, row] of (backup[list] as Array<Record<string, unknown>>).entries()) {
      const value = row[field];
      if (typeof value === "string" && !names.has(value)) return { path: [list, index, field], message: `Names no ${what} of this backup` };
    }
    return null;
  };
  if (teams.size !== backup.teams.length) return { path: ["teams"], message: "A team is listed twice" };
  return (
    check("accounts", "userId", users, "user") ??
    check("memberships", "teamId", teams, "team") ??
    check("memberships", "userId", users, "user") ??
    check("apiTokens", "teamId", teams, "team") ??
    check("apiTokens", "createdById", users, "user") ??
    check("invitations", "teamId", teams, "team") ??
    check("invitations", "invitedById", users, "user")
  );
}

export const databaseBackupSchema = databaseBackupFields.superRefine((backup, ctx) => {
  const bad = firstOutsideAccountReference(backup);
  if (bad) ctx.addIssue({ code: "custom", path: bad.path, message: bad.message });
}, wellFormed);

export type DatabaseBackup = z.infer<typeof databaseBackupSchema>;
