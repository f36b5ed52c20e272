import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordSecurityEvent } from "@/lib/auth/security-events";
import { storedSecret } from "@/lib/auth/secret";
import { databaseAdapter, db } from "@/lib/db/client";
import { AwaitedScriptsPGlite, WholeScriptPrismaPg } from "@/lib/db/connection";
import { deployMigrations } from "@/lib/db/migrations";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoTeam } from "@/lib/seed/seed";
import { demoTeam } from "@/lib/seed/demo-data";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam } from "@/lib/testing/factories";
import { createFullTeam, purgeFullTeam, type FullTeam } from "@/lib/testing/full-team";
import { BACKUP_COVERAGE } from "@/lib/backup/coverage";
import type { DatabaseBackup } from "@/lib/validation/backup";
import { exportDatabase, exportTeam, importDatabase, restoreTeam } from "./backup";
import { getEntity } from "./entities/entities";
import { listSanctionsLists } from "./sanctions/lists";

// The whole-database backup moves everything to another database, ids kept: PGlite → PGlite always,
// and PGlite → PostgreSQL when a PostgreSQL is configured (the move the README describes).

withTestDatabase();

const SECRET = `test-backup-${Date.now()}`;
const DOWNLOAD = `https://lists.example.test/${Date.now()}.csv`;
const cleanups: Array<() => Promise<void>> = [];
let full: FullTeam;
beforeAll(async () => {
  await seedDemoTeam();
  // A row in every table the whole backup holds: a full team (entities, hits, comments, captures…), and the instance's own.
  full = await createFullTeam("Whole");
  await storedSecret(SECRET);
  await db.sanctionsListDownload.create({ data: { url: DOWNLOAD, etag: '"v1"', lastModified: null, checkedAt: new Date() } });
  for (let i = 0; i < 2; i++) await recordSecurityEvent({ teamId: null, actorLabel: "nobody@example.test", entityType: "account", entityId: "nobody@example.test", action: "sign_in_failed" });
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  const demo = await db.team.findUnique({ where: { slug: demoTeam.slug } });
  if (demo) await purgeTeam(demo.id);
  await purgeFullTeam(full);
  await db.appSecret.deleteMany({ where: { name: SECRET } });
  await db.sanctionsListDownload.deleteMany({ where: { url: DOWNLOAD } });
});

/** The sections of a backup (top level, and the full team's) that have no row. */
function emptySections(backup: DatabaseBackup) {
  const team = backup.teams.find((t) => t.team.id === full.teamId)!;
  const empty = (of: object, prefix: string) => Object.entries(of).flatMap(([name, value]) => (Array.isArray(value) && value.length === 0 ? [`${prefix}${name}`] : []));
  return [...empty(backup, ""), ...empty(team, "team.")];
}

async function freshPGlite() {
  const pglite = new PGlite("memory://");
  const adapter = new AwaitedScriptsPGlite(pglite);
  await deployMigrations(adapter);
  const client = new PrismaClient({ adapter });
  cleanups.push(async () => {
    await client.$disconnect();
    await pglite.close();
  });
  return client;
}

async function freshPostgres(url: string) {
  const name = `sw_move_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const adapter = new WholeScriptPrismaPg({ connectionString: target.toString() });
  await deployMigrations(adapter);
  const client = new PrismaClient({ adapter });
  cleanups.push(async () => {
    await client.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return client;
}

// Each test builds whole databases from empty: a minute and more on a busy machine (as lib/db/migrations.test.ts).
describe("whole-database backup", { timeout: 120_000 }, () => {
  it("moves every account and team to a new database and back out unchanged", async () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const original = await exportDatabase(db, at);
    expect(original).toMatchObject({ format: "sanctions-watch/database-backup", version: 4 });
    expect(original.teams.some((t) => t.team.slug === demoTeam.slug)).toBe(true);
    expect(original.accounts.some((a) => a.password)).toBe(true);
    expect(emptySections(original)).toEqual([]);

    const pglite = await freshPGlite();
    await importDatabase(pglite as unknown as typeof db, original);
    const fromPGlite = await exportDatabase(pglite, at);
    expect(fromPGlite).toEqual(original);
    await expect(importDatabase(pglite as unknown as typeof db, original)).rejects.toThrow(/not empty/);

    const url = process.env.DATABASE_URL;
    if (url) {
      const postgres = await freshPostgres(url);
      await importDatabase(postgres as unknown as typeof db, fromPGlite);
      expect(await exportDatabase(postgres, at)).toEqual(original);
    }
  });
});

describe("backup coverage, column by column", () => {
  it("every column of every table a backup holds is in the file, or left out with its reason", async () => {
    const backup = await exportDatabase(db);
    const team = backup.teams.find((t) => t.team.id === full.teamId)! as unknown as Record<string, unknown>;
    const instance = backup as unknown as Record<string, unknown>;
    /** The keys of a section's first row (the full team has a row in each). */
    const keys = (section: unknown) => Object.keys((Array.isArray(section) ? section[0] : section) ?? {});
    const columns = await db.$queryRaw<Array<{ table: string; column: string }>>`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns WHERE table_schema = 'public'`;
    const missing = columns.filter(({ table, column }) => {
      const coverage = BACKUP_COVERAGE[table];
      if (!coverage || "leftOut" in coverage || coverage.omitted?.[column]) return false;
      // A team's rows carry no teamId: the team is the backup's own.
      if (coverage.team && column === "teamId") return false;
      const inFile = new Set([...(coverage.team ? keys(team[coverage.team]) : []), ...(coverage.database ? keys(instance[coverage.database]) : [])]);
      return !inFile.has(column);
    });
    expect(missing.map(({ table, column }) => `${table}.${column}`), "Back these columns up, or name them in lib/backup/coverage.ts with the reason").toEqual([]);
  });
});

describe("references outside the file", { timeout: 120_000 }, () => {
  it("a whole-database restore refuses them, naming the first, and writes nothing", async () => {
    const original = await exportDatabase(db);
    const demo = original.teams.findIndex((t) => t.team.slug === demoTeam.slug);
    const mine = original.teams.findIndex((t) => t.team.id === full.teamId);
    const crafts: Array<[(b: typeof original) => void, string]> = [
      [(b) => void (b.memberships[0]!.userId = "nobody"), "memberships.0.userId"],
      [(b) => void b.memberships.push({ ...b.memberships[0]!, id: "0190a000-0000-7000-8000-0000000000cc", teamId: "0190a000-0000-7000-8000-0000000000dd" }), `memberships.${original.memberships.length}.teamId`],
      [(b) => void (b.teams[demo]!.evidence[0]!.issueId = "0190a000-0000-7000-8000-0000000000ee"), `teams.${demo}.evidence.0.issueId`],
      [(b) => void (b.sanctionsEntries[0]!.releaseId = "0190a000-0000-7000-8000-0000000000ef"), "sanctionsEntries.0.releaseId"],
      [(b) => void (b.teams[mine]!.hits[0]!.entryId = "0190a000-0000-7000-8000-0000000000f0"), `teams.${mine}.hits.0.entryId`],
      [(b) => void (b.teams[mine]!.comments[0]!.authorId = "nobody"), `teams.${mine}.comments.0.authorId`],
      [(b) => void (b.teams[mine]!.inboxItems[0]!.issueIds = ["0190a000-0000-7000-8000-0000000000f1"]), `teams.${mine}.inboxItems.0.issueIds`],
      [(b) => void (b.teams[mine]!.inboxItems[0]!.feedId = "0190a000-0000-7000-8000-0000000000f2"), `teams.${mine}.inboxItems.0.feedId`],
      [(b) => void (b.follows[0]!.userId = "nobody"), "follows.0.userId"],
      [(b) => void (b.notifications[0]!.teamId = "0190a000-0000-7000-8000-0000000000f3"), "notifications.0.teamId"],
    ];
    const target = await freshPGlite();
    for (const [craft, path] of crafts) {
      const backup = structuredClone(original);
      craft(backup);
      const refused = await importDatabase(target as unknown as typeof db, backup).then(
        () => null,
        (error: unknown) => error,
      );
      expect((refused as { issues?: Array<{ path: unknown[] }> }).issues?.map((i) => i.path.join("."))).toEqual([path]);
      expect([await target.user.count(), await target.team.count(), await target.sanctionsList.count()]).toEqual([0, 0, 0]);
    }
  });

  it("a team restore refuses them even when its caller skipped the schema", async () => {
    const mine = await createTestTeam("Restoring");
    const theirs = await createTestTeam("Targeted");
    cleanups.push(
      () => purgeTeam(mine.teamId),
      () => purgeTeam(theirs.teamId),
    );
    await createTestIssue(mine.actors.analyst);
    const theirCategory = await db.category.findFirstOrThrow({ where: { teamId: theirs.teamId } });
    const backup = await exportTeam(db, mine.teamId);
    backup.issues[0]!.categoryId = theirCategory.id;
    const teams = await db.team.count();
    await expect(restoreTeam(mine.actors.admin, backup)).rejects.toMatchObject({ code: "validation_failed", details: { fields: { "issues.0.categoryId": ["Names no category of this backup"] } } });
    expect(await db.team.count()).toBe(teams);
    expect(await db.issue.count({ where: { categoryId: theirCategory.id } })).toBe(0);
  });
});

describe("older and newer whole-database backups", { timeout: 120_000 }, () => {
  it("a version 1 file (accounts and teams only, teams of version 1) still restores", async () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const current = await exportDatabase(db, at);
    const { appSecrets: _s, sanctionsLists: _l, sanctionsReleases: _r, sanctionsEntries: _e, sanctionsChanges: _c, sanctionsListDownloads: _d, instanceEvents: _i, instanceEventRepeats: _ir, follows: _f, notifications: _n, emailPreferences: _ep, ...kept } = current;
    const v1 = {
      ...kept,
      version: 1,
      accounts: kept.accounts.map(({ accessToken: _a, refreshToken: _rt, idToken: _it, accessTokenExpiresAt: _ae, refreshTokenExpiresAt: _re, ...a }) => a),
      teams: kept.teams.map(({ captures: _cp, eventRepeats: _er, entities: _en, entityIssues: _ei, entityDocuments: _ed, hits: _h, comments: _cm, feeds: _fd, inboxItems: _ib, ...t }) => ({ ...t, version: 1, documents: t.documents.map(({ captureId: _id, ...d }) => d) })),
    };
    const target = await freshPGlite();
    await importDatabase(target as unknown as typeof db, v1);
    const restored = await exportDatabase(target, at);
    expect(restored.users).toEqual(current.users);
    expect(restored.teams.map((t) => [t.team.id, t.issues, t.evidence, t.events.length])).toEqual(current.teams.map((t) => [t.team.id, t.issues, t.evidence, t.events.length]));
    expect(restored.teams.flatMap((t) => t.hits)).toEqual([]);
  });

  // Last in this file: it empties the test database and restores it from the backup, as `npm run db:restore` would.
  it("restored into an empty database, the instance works: the entity's decided hit, the lists, the app's secret", async () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const original = await exportDatabase(db, at);
    const secret = await storedSecret(SECRET);
    await db.$executeRawUnsafe("DROP SCHEMA public CASCADE");
    await db.$executeRawUnsafe("CREATE SCHEMA public");
    await deployMigrations(databaseAdapter());
    expect(await db.team.count()).toBe(0);

    await importDatabase(db, JSON.parse(JSON.stringify(original)));
    expect(await exportDatabase(db, at)).toEqual(original);
    const entity = await getEntity(full.actors.viewer, full.entityId);
    expect(entity.hits.find((h) => h.id === full.hitId)).toMatchObject({ decision: "confirmed", list: full.list });
    expect((await listSanctionsLists(full.actors.viewer)).items.map((l) => l.slug)).toContain(full.list);
    expect(await storedSecret(SECRET)).toBe(secret);
  });
});
