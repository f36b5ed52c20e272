import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AwaitedScriptsPGlite, WholeScriptPrismaPg } from "@/lib/db/connection";
import { deployMigrations } from "@/lib/db/migrations";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoTeam } from "@/lib/seed/seed";
import { demoTeam } from "@/lib/seed/demo-data";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam } from "@/lib/testing/factories";
import { exportDatabase, exportTeam, importDatabase, restoreTeam } from "./backup";

// The whole-database backup moves everything to another database, ids kept: PGlite → PGlite always,
// and PGlite → PostgreSQL when a PostgreSQL is configured (the move the README describes).

withTestDatabase();

const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  await seedDemoTeam();
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  const demo = await db.team.findUnique({ where: { slug: demoTeam.slug } });
  if (demo) await purgeTeam(demo.id);
});

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

describe("whole-database backup", () => {
  it("moves every account and team to a new database and back out unchanged", async () => {
    const at = new Date("2026-01-01T00:00:00Z");
    const original = await exportDatabase(db, at);
    expect(original.teams.some((t) => t.team.slug === demoTeam.slug)).toBe(true);
    expect(original.accounts.some((a) => a.password)).toBe(true);

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

describe("references outside the file", () => {
  it("a whole-database restore refuses them, naming the first, and writes nothing", async () => {
    const original = await exportDatabase(db);
    const demo = original.teams.findIndex((t) => t.team.slug === demoTeam.slug);
    const crafts: Array<[(b: typeof original) => void, string]> = [
      [(b) => void (b.memberships[0]!.userId = "nobody"), "memberships.0.userId"],
      [(b) => void b.memberships.push({ ...b.memberships[0]!, id: "0190a000-0000-7000-8000-0000000000cc", teamId: "0190a000-0000-7000-8000-0000000000dd" }), `memberships.${original.memberships.length}.teamId`],
      [(b) => void (b.teams[demo]!.evidence[0]!.issueId = "0190a000-0000-7000-8000-0000000000ee"), `teams.${demo}.evidence.0.issueId`],
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
      expect([await target.user.count(), await target.team.count()]).toEqual([0, 0]);
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
