// Prepares a database for the alerts measurement (issue 15) and takes its in-process figure, run by bench/lib/alerts.ts
// in a child process before the app starts on it (PGlite's directory belongs to one process):
//   - the demo as `npm start` seeds it, 1,000 more members of the demo team (bulk rows) and two new issues: one that
//     all 1,000 follow, one that none follows;
//   - target 1: the issues service moves each issue's status (updateIssue, as PATCH /api/issues/{id} does), the two
//     calls alternated, so the followed issue's event writes 1,000 notifications in its transaction and the other none;
//   - target 2's data: 100,000 notifications of the seeded admin (the newest UNREAD of them unread), in bulk.
// The database is chosen by PGLITE_DATA_DIR (an empty directory) or DATABASE_URL (an empty database).
//   tsx --conditions=react-server bench/alerts-setup.ts <result.json> [--quick]
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { demoTeam } from "@/lib/seed/demo-data";
import { defaultCategories } from "@/lib/domain/categories";
import { interleave, summarize } from "./lib/measure";
import { ALERT_FOLLOWERS, ALERT_NOTIFICATIONS, ALERT_UNREAD, type AlertsSetupResult } from "./lib/alerts";

const { closeDatabase, databaseAdapter, db } = await import("@/lib/db/client");
const { deployMigrations } = await import("@/lib/db/migrations");
const { seedDemoTeam } = await import("@/lib/seed/seed");
const { createIssue, updateIssue } = await import("@/lib/services/issues");
const { createIssueSchema } = await import("@/lib/validation/issues");
const { env } = await import("@/lib/env");
type Actor = import("@/lib/auth/actor").Actor;

const outPath = process.argv[2];
if (!outPath) throw new Error("usage: alerts-setup.ts <result.json> [--quick]");
const quick = process.argv.includes("--quick");
const log = (message: string) => process.stderr.write(`  [alerts setup] ${message}\n`);

await deployMigrations(databaseAdapter());
await seedDemoTeam();
const team = await db.team.findUniqueOrThrow({ where: { slug: demoTeam.slug }, select: { id: true, name: true } });
const admin = await db.user.findUniqueOrThrow({ where: { email: env().seedAdmin.email }, select: { id: true, name: true } });
const actor: Actor = { kind: "user", userId: admin.id, tokenId: null, label: admin.name, teamId: team.id, teamName: team.name, role: "admin" };

// Two issues through the service (their creation events, follows by default), then 1,000 members following one.
const category = defaultCategories[0]!.slug;
const followed = await createIssue(actor, createIssueSchema.parse({ title: `Bench: an issue ${ALERT_FOLLOWERS} members follow`, category }));
const plain = await createIssue(actor, createIssueSchema.parse({ title: "Bench: an issue nobody else follows", category }));
// The creator follows an issue by default: the plain one is left with no follower at all.
await db.follow.deleteMany({ where: { teamId: team.id, kind: "issue", targetId: plain.id } });
const users = Array.from({ length: ALERT_FOLLOWERS }, (_, at) => ({ id: randomUUID(), name: `Bench follower ${at + 1}`, email: `follower-${at + 1}@bench.example.org`, emailVerified: true }));
await db.user.createMany({ data: users });
await db.membership.createMany({ data: users.map((u) => ({ teamId: team.id, userId: u.id, role: "analyst" as const })) });
await db.follow.createMany({ data: users.map((u) => ({ teamId: team.id, userId: u.id, kind: "issue" as const, targetId: followed.id })) });

// Target 1: status moves back and forth, alternated between the two issues so that drift hits both alike.
const state = new Map([followed, plain].map((issue) => [issue.id, { version: issue.version, status: issue.status }]));
const move = async (id: string) => {
  const current = state.get(id)!;
  const status = current.status === "monitoring" ? "warning_issued" : "monitoring";
  const updated = await updateIssue(actor, id, current.version, { status, rationale: "Benchmark: the status moves" });
  state.set(id, { version: updated.version, status: updated.status });
};
const before = await db.notification.count({ where: { subjectId: followed.id } });
const samples = await interleave(
  { followed: () => move(followed.id), plain: () => move(plain.id) },
  { warmup: 3, min: quick ? 10 : 30, max: quick ? 15 : 150, budgetMs: quick ? 5_000 : 20_000 },
);
const written = (await db.notification.count({ where: { subjectId: followed.id } })) - before;
const moves = samples.followed!.length + 3;
log(`${moves} status moves of each issue; ${written} notifications written for the followed one (${written / moves} a move)`);

// Target 2's data: the admin's 100,000 notifications, a second apart, the newest ALERT_UNREAD unread.
const started = performance.now();
await db.$executeRawUnsafe(
  `INSERT INTO "notification" ("id", "teamId", "userId", "kind", "subjectType", "subjectId", "eventId", "title", "summary", "link", "createdAt", "readAt", "emailedAt")
   SELECT gen_random_uuid()::text, $1, $2, 'status', 'issue', $3, gen_random_uuid()::text,
          'Bench notification ' || n, 'The status of “Bench” moved: Monitoring → Warning issued', '/issues/' || $3,
          now() - make_interval(secs => n), CASE WHEN n > $5 THEN now() - make_interval(secs => n) END, now()
   FROM generate_series(1, $4::int) AS n`,
  team.id,
  admin.id,
  plain.id,
  ALERT_NOTIFICATIONS,
  ALERT_UNREAD,
);
// As the main dataset is (bench/lib/dataset.ts): in the steady state autovacuum keeps on PostgreSQL.
for (const table of ["notification", "follow", "membership", "user", "issue"]) await db.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
log(`${ALERT_NOTIFICATIONS} notifications of the admin inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const result: AlertsSetupResult = {
  followers: ALERT_FOLLOWERS,
  notificationsPerMove: written / moves,
  followedMove: summarize(samples.followed!),
  plainMove: summarize(samples.plain!),
  issues: { followed: followed.id, plain: plain.id },
};
writeFileSync(outPath, JSON.stringify(result));
await closeDatabase();
