import { z } from "zod";
import { scheduleCadences } from "@/lib/briefings/schedule";
import { briefingSnapshotSchema } from "@/lib/briefings/snapshot";
import { reliabilities } from "@/lib/domain/grading";
import { likelihoods } from "@/lib/domain/likelihood";
import { stances } from "@/lib/domain/stance";
import { issueStatuses } from "@/lib/domain/status";
import { briefingFilterSchema } from "./briefings";
import { MAX_COMMENT_LENGTH } from "./comments";
import { CHANGE_KINDS } from "./sanctions";
import { HIT_DECISIONS, HIT_LEVELS, entityIdentifierSchema, entityTypeSchema } from "./entities";
import { userIdSchema, uuidSchema, withoutBidiControls } from "./common";
import { MAX_DOCUMENT_CHARS } from "./documents";
import { inboxStates } from "./inbox";
import { followKinds } from "./notifications";
import { emailDeliveries } from "@/lib/notifications/email-preferences";

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

/** A history event (a team's, or the instance's in a whole-database backup). */
const eventFields = {
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
};

export const BACKUP_FORMAT = "sanctions-watch/team-backup";
/**
 * Version 2 added captures (and documents' captureId), tracked entities with their links, hits and
 * comments, and the security events' repeat counts; version 3 the sources' feeds and the inbox (issue 14);
 * version 4 the scheduled briefings (issue 15). Older files still restore: their missing sections are empty.
 */
export const BACKUP_VERSION = 4;
/** A section version 1 files lack. */
const since2 = <T extends z.ZodType>(list: z.ZodArray<T>) => list.default([]);
/** A section version 1 and 2 files lack. */
const since3 = since2;
/** A section files before version 4 lack. */
const since4 = since2;
/** lib/fetch's DEFAULT_MAX_BYTES (not imported: that module is server-only, this one is read in the restore worker). */
const MAX_CAPTURE_BYTES = 10 * 1024 * 1024;

const teamBackupFields = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(BACKUP_VERSION)]),
  exportedAt: date,
  team: z.object({ id, name: line(200), slug: z.string().max(100), createdAt: date, timeZone: z.string().max(64).optional() }),
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
  events: rows(eventFields),
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
  /** The sources' feeds with their health and conditional-GET validators: a restored team polls them as before. */
  feeds: since3(
    rows({
      id,
      sourceId: id,
      url: z.string().max(2000),
      // A feed's own title, as it came (not checked as typed names are).
      title: z.string().max(2_000),
      intervalMinutes: z.number().int().min(1).max(24 * 60),
      enabled: z.boolean(),
      etag: z.string().max(2000).nullable(),
      lastModified: z.string().max(2000).nullable(),
      lastPolledAt: date.nullable(),
      lastSuccessAt: date.nullable(),
      lastErrorAt: date.nullable(),
      lastErrorReason: z.string().max(100).nullable(),
      lastError: z.string().max(5_000).nullable(),
      consecutiveFailures: z.number().int().min(0),
      itemsSeen: z.number().int().min(0),
      lastPollNote: z.string().max(5_000).nullable(),
      nextPollAt: date,
      createdAt: date,
      updatedAt: date,
    }),
  ),
  /** The inbox: items fetched from the feeds and what the analysts decided about them (accepted, dismissed, snoozed). */
  inboxItems: since3(
    rows({
      id,
      feedId: id.nullable(),
      url: z.string().max(10_000).nullable(),
      title: z.string().max(10_000),
      text: z.string().max(MAX_DOCUMENT_CHARS),
      publishedAt: date.nullable(),
      guid: z.string().max(10_000).nullable(),
      contentHash: z.string().max(200),
      relevance: z.number().min(0).max(1).nullable(),
      // Kept since the inbox gave its reasons (within version 4): a file from before has none.
      relevanceReasons: z.array(z.string().max(2_000)).max(20).default([]),
      issueIds: z.array(id).max(50),
      state: z.enum(inboxStates),
      fetchedAt: date,
      snoozedUntil: date.nullable(),
      dismissReason: z.string().max(5_000).nullable(),
      documentId: id.nullable(),
      decidedBy: z.string().max(300).nullable(),
      decidedAt: date.nullable(),
    }),
  ),
  /**
   * Scheduled briefings with where each stands: `dueAfter` says which due times were made already, so a restored
   * schedule makes none of them again. (Which briefing each due time made is bookkeeping a backup leaves out.)
   */
  briefingSchedules: since4(
    rows({
      id,
      title: line(200),
      marking: line(50),
      keyJudgments: z.string(),
      filter: holding(briefingFilter),
      cadence: z.enum(scheduleCadences),
      dayOfWeek: z.number().int().min(1).max(7).nullable(),
      hour: z.number().int().min(0).max(23),
      pausedAt: date.nullable(),
      dueAfter: date,
      lastRunAt: date.nullable(),
      /** Not checked against the file's briefings: the briefing may have been deleted since. */
      lastBriefingId: id.nullable(),
      lastError: z.string().max(5_000).nullable(),
      createdById: userRef,
      createdAt: date,
      updatedAt: date,
    }),
  ),
});

type BackupRows = z.infer<typeof teamBackupFields>;
export type BadReference = { path: (string | number)[]; message: string };

/** The lists of a team backup whose rows have an id of their own (the team's records). */
export const OWN_ROW_LISTS = ["categories", "sources", "captures", "documents", "issues", "evidence", "events", "briefings", "entities", "hits", "comments", "feeds", "inboxItems", "briefingSchedules"] as const;

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
    feed: ids(backup.feeds),
  };
  type Named = keyof typeof names;
  const check = (list: keyof BackupRows, field: string, what: Named) => firstUnnamed(backup[list] as unknown[], [list], field, names[what], what);
  const inboxIssue = backup.inboxItems.findIndex((item) => item.issueIds.some((issueId) => !names.issue.has(issueId)));
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
    check("feeds", "sourceId", "source") ??
    check("inboxItems", "feedId", "feed") ??
    check("inboxItems", "documentId", "document") ??
    (inboxIssue >= 0 ? { path: ["inboxItems", inboxIssue, "issueIds"], message: "Names no issue of this backup" } : null) ??
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

/** The whole database (scripts/db.ts backup|restore): accounts, the instance's lists and every team, for moving between databases. */
export const DATABASE_BACKUP_FORMAT = "sanctions-watch/database-backup";
/**
 * Version 2 added the app's own secrets, the sanctions lists (releases, entries, changes, download
 * validators), the history outside any team, and accounts' provider tokens; its teams are team backups
 * of version 2. Version 3 added what people follow, their notifications (read or not) and their email
 * settings (issue 15); its teams are team backups of version 3 (feeds and the inbox). Version 4's teams are
 * team backups of version 4 (scheduled briefings). Older files still restore, their missing sections empty.
 */
export const DATABASE_BACKUP_VERSION = 4;

const role = z.enum(["viewer", "analyst", "admin"]);

const databaseBackupFields = z.object({
  format: z.literal(DATABASE_BACKUP_FORMAT),
  version: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(DATABASE_BACKUP_VERSION)]),
  exportedAt: date,
  users: rows({ id: userIdSchema, name: z.string(), email: z.string(), emailVerified: z.boolean(), image: z.string().nullable(), createdAt: date, updatedAt: date }),
  /** Password hashes (and a sign-in provider's tokens) included: keep the file as safe as the database. */
  accounts: rows({
    id: z.string().min(1).max(64),
    accountId: z.string(),
    providerId: z.string(),
    userId: userIdSchema,
    password: z.string().nullable(),
    scope: z.string().nullable(),
    accessToken: z.string().nullable().default(null),
    refreshToken: z.string().nullable().default(null),
    idToken: z.string().nullable().default(null),
    accessTokenExpiresAt: date.nullable().default(null),
    refreshTokenExpiresAt: date.nullable().default(null),
    createdAt: date,
    updatedAt: date,
  }),
  memberships: rows({ id, teamId: id, userId: userIdSchema, role, createdAt: date }),
  apiTokens: rows({
    id,
    teamId: id,
    name: z.string(),
    role,
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
    role,
    tokenHash: z.string(),
    invitedById: userIdSchema.nullable(),
    expiresAt: date,
    acceptedAt: date.nullable(),
    revokedAt: date.nullable(),
    createdAt: date,
  }),
  /** Secrets the app made for itself (the session-signing secret when BETTER_AUTH_SECRET is unset): the new database must sign as the old one did. */
  appSecrets: since2(rows({ name: z.string().min(1).max(200), value: z.string().min(1), createdAt: date })),
  sanctionsLists: since2(rows({ id, slug: z.string().min(1).max(100), name: z.string().max(300), createdAt: date })),
  sanctionsReleases: since2(
    rows({
      id,
      listId: id,
      previousId: id.nullable(),
      publishedAt: date,
      sha256: z.string().max(200),
      format: z.string().max(50),
      entries: z.number().int().min(0),
      added: z.number().int().min(0),
      removed: z.number().int().min(0),
      changed: z.number().int().min(0),
      importedBy: z.string().max(200),
      importedAt: date,
    }),
  ),
  sanctionsEntries: since2(
    rows({
      id,
      releaseId: id,
      sourceId: z.string().max(200),
      type: entityTypeSchema,
      name: z.string(),
      programs: z.array(z.string()),
      countries: z.array(z.string()),
      data: json,
      contentHash: z.string().max(200),
    }),
  ),
  sanctionsChanges: since2(rows({ releaseId: id, sourceId: z.string().max(200), kind: z.enum(CHANGE_KINDS), entryId: id, fields: z.array(z.string()) })),
  /** The validators of the last scheduled download of each list URL: without them the next download fetches the file again. */
  sanctionsListDownloads: since2(rows({ url: z.string().max(2000), etag: z.string().nullable(), lastModified: z.string().nullable(), checkedAt: date })),
  /** History outside any team (e.g. a sign-in failure on an unknown account), and its repeat counts. */
  instanceEvents: since2(rows(eventFields)),
  instanceEventRepeats: since2(rows({ key: z.string().max(2000), eventId: id, repeats: z.number().int().min(0), lastAt: date })),
  /** What each person follows in each team (issue 15). */
  follows: since3(rows({ id, teamId: id, userId: userIdSchema, kind: z.enum(followKinds), targetId: z.string().max(200), createdAt: date })),
  /** The notification center's items, with their read marks and email state. */
  notifications: since3(
    rows({
      id,
      teamId: id,
      userId: userIdSchema,
      kind: z.string().max(50),
      subjectType: z.string().max(50),
      subjectId: z.string().max(200),
      eventId: z.string().max(200),
      title: z.string().max(2_000),
      summary: z.string().max(10_000),
      link: z.string().max(2_000),
      createdAt: date,
      readAt: date.nullable(),
      emailedAt: date.nullable(),
      emailSkipped: z.boolean(),
      emailAttempts: z.number().int().min(0),
      emailError: z.string().max(5_000).nullable(),
      emailRetryAt: date.nullable(),
    }),
  ),
  /** How each person wants each kind of notification by email. */
  emailPreferences: since3(rows({ userId: userIdSchema, kind: z.string().max(50), delivery: z.enum(emailDeliveries), updatedAt: date })),
  teams: z.array(teamBackupSchema),
});

type DatabaseRows = z.infer<typeof databaseBackupFields>;

/** The first row of `rows` whose `field` (when set) is not in `names`: the path `[...at, index, field]` and why. */
function firstUnnamed(rows: unknown[], at: BadReference["path"], field: string, names: Set<string>, what: string): BadReference | null {
  for (const [index, row] of (rows as Array<Record<string, unknown>>).entries()) {
    const value = row[field];
    if (typeof value === "string" && !names.has(value)) return { path: [...at, index, field], message: `Names no ${what} of this backup` };
  }
  return null;
}

/**
 * The first reference of the instance's part that names no row of the file: accounts to users and
 * teams, the lists' releases, entries and changes to each other, and each team's hits to the lists
 * (each team's own references are checked by teamBackupSchema), issue owners and comment authors to
 * users (the database keeps those two as foreign keys). The other user ids in the teams' rows are
 * attribution only, not checked.
 */
function firstOutsideInstanceReference(backup: DatabaseRows): BadReference | null {
  const ids = (rows: Array<{ id: string }>) => new Set(rows.map((row) => row.id));
  const users = ids(backup.users);
  const teams = new Set(backup.teams.map((t) => t.team.id));
  const lists = ids(backup.sanctionsLists);
  const releases = ids(backup.sanctionsReleases);
  const entries = ids(backup.sanctionsEntries);
  if (teams.size !== backup.teams.length) return { path: ["teams"], message: "A team is listed twice" };
  const top: Array<[keyof DatabaseRows, string, Set<string>, string]> = [
    ["accounts", "userId", users, "user"],
    ["memberships", "teamId", teams, "team"],
    ["memberships", "userId", users, "user"],
    ["apiTokens", "teamId", teams, "team"],
    ["apiTokens", "createdById", users, "user"],
    ["invitations", "teamId", teams, "team"],
    ["invitations", "invitedById", users, "user"],
    ["sanctionsReleases", "listId", lists, "sanctions list"],
    ["sanctionsReleases", "previousId", releases, "sanctions release"],
    ["sanctionsEntries", "releaseId", releases, "sanctions release"],
    ["sanctionsChanges", "releaseId", releases, "sanctions release"],
    ["sanctionsChanges", "entryId", entries, "sanctions entry"],
    ["instanceEventRepeats", "eventId", ids(backup.instanceEvents), "event"],
    ["follows", "teamId", teams, "team"],
    ["follows", "userId", users, "user"],
    ["notifications", "teamId", teams, "team"],
    ["notifications", "userId", users, "user"],
    ["emailPreferences", "userId", users, "user"],
  ];
  for (const [list, field, names, what] of top) {
    const bad = firstUnnamed(backup[list] as unknown[], [list], field, names, what);
    if (bad) return bad;
  }
  for (const [index, team] of backup.teams.entries()) {
    const at = ["teams", index];
    const bad =
      firstUnnamed(team.hits, [...at, "hits"], "listId", lists, "sanctions list") ??
      firstUnnamed(team.hits, [...at, "hits"], "entryId", entries, "sanctions entry") ??
      firstUnnamed(team.hits, [...at, "hits"], "firstReleaseId", releases, "sanctions release") ??
      firstUnnamed(team.issues, [...at, "issues"], "ownerId", users, "user") ??
      firstUnnamed(team.comments, [...at, "comments"], "authorId", users, "user");
    if (bad) return bad;
  }
  return null;
}

export const databaseBackupSchema = databaseBackupFields.superRefine((backup, ctx) => {
  const bad = firstOutsideInstanceReference(backup);
  if (bad) ctx.addIssue({ code: "custom", path: bad.path, message: bad.message });
}, wellFormed);

export type DatabaseBackup = z.infer<typeof databaseBackupSchema>;
