import { z } from "zod";

// The backup format: a team's data as JSON, versioned so that later versions can still read it.
// Dates are ISO strings; JSON columns are kept as they are.

const date = z.iso.datetime({ offset: true });
const json = z.unknown();
const rows = <T extends z.ZodRawShape>(shape: T) => z.array(z.object(shape));

export const BACKUP_FORMAT = "sanctions-watch/team-backup";

export const teamBackupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: date,
  team: z.object({ id: z.string(), name: z.string(), slug: z.string(), createdAt: date }),
  categories: rows({ id: z.string(), slug: z.string(), name: z.string(), createdAt: date }),
  sources: rows({ id: z.string(), name: z.string(), kind: z.string(), url: z.string().nullable(), reliability: z.enum(["A", "B", "C", "D", "E", "F"]), createdAt: date, updatedAt: date }),
  documents: rows({
    id: z.string(),
    sourceId: z.string().nullable(),
    title: z.string(),
    url: z.string().nullable(),
    publishedAt: date.nullable(),
    retrievedAt: date,
    text: z.string(),
    contentHash: z.string(),
    attribution: z.string().nullable(),
    createdById: z.string().nullable(),
    createdAt: date,
  }),
  issues: rows({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    categoryId: z.string(),
    status: z.string(),
    likelihood: z.string(),
    impact: z.number().int(),
    riskScore: z.number().int(),
    jurisdictions: z.array(z.string()),
    actors: z.array(z.string()),
    hsCodes: z.array(z.string()),
    tags: z.array(z.string()),
    ownerId: z.string().nullable(),
    nextReviewAt: date.nullable(),
    version: z.number().int(),
    deletedAt: date.nullable(),
    createdAt: date,
    updatedAt: date,
  }),
  evidence: rows({
    id: z.string(),
    issueId: z.string(),
    documentId: z.string(),
    quote: z.string(),
    quoteStart: z.number().int(),
    quoteEnd: z.number().int(),
    credibility: z.number().int(),
    stance: z.string(),
    note: z.string(),
    addedById: z.string().nullable(),
    createdAt: date,
    updatedAt: date,
  }),
  events: rows({
    id: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    action: z.string(),
    before: json,
    after: json,
    at: date,
  }),
  briefings: rows({
    id: z.string(),
    title: z.string(),
    marking: z.string(),
    keyJudgments: z.string(),
    filter: json,
    snapshot: json,
    createdById: z.string().nullable(),
    createdAt: date,
  }),
});
export type TeamBackup = z.infer<typeof teamBackupSchema>;

/** The whole database (scripts/db.ts backup|restore): accounts and every team, for moving between databases. */
export const DATABASE_BACKUP_FORMAT = "sanctions-watch/database-backup";

export const databaseBackupSchema = z.object({
  format: z.literal(DATABASE_BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: date,
  users: rows({ id: z.string(), name: z.string(), email: z.string(), emailVerified: z.boolean(), image: z.string().nullable(), createdAt: date, updatedAt: date }),
  /** Password hashes included: keep the file as safe as the database. */
  accounts: rows({
    id: z.string(),
    accountId: z.string(),
    providerId: z.string(),
    userId: z.string(),
    password: z.string().nullable(),
    scope: z.string().nullable(),
    createdAt: date,
    updatedAt: date,
  }),
  memberships: rows({ id: z.string(), teamId: z.string(), userId: z.string(), role: z.enum(["viewer", "analyst", "admin"]), createdAt: date }),
  apiTokens: rows({
    id: z.string(),
    teamId: z.string(),
    name: z.string(),
    role: z.enum(["viewer", "analyst", "admin"]),
    tokenHash: z.string(),
    createdById: z.string().nullable(),
    expiresAt: date.nullable(),
    revokedAt: date.nullable(),
    lastUsedAt: date.nullable(),
    createdAt: date,
  }),
  invitations: rows({
    id: z.string(),
    teamId: z.string(),
    email: z.string(),
    role: z.enum(["viewer", "analyst", "admin"]),
    tokenHash: z.string(),
    invitedById: z.string().nullable(),
    expiresAt: date,
    acceptedAt: date.nullable(),
    revokedAt: date.nullable(),
    createdAt: date,
  }),
  teams: z.array(teamBackupSchema),
});
export type DatabaseBackup = z.infer<typeof databaseBackupSchema>;
