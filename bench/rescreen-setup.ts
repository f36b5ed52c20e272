// Prepares a database for the re-screening measurement (issue 13), run by bench/lib/rescreen.ts in a child process
// before the app starts on it: the demo as `npm start` seeds it (with the 26 April 2024 SDN release), the UN list,
// and 10,000 entities the demo team tracks, screened once, as a team that has tracked them for a while would have.
// The database is chosen by PGLITE_DATA_DIR (an empty directory) or DATABASE_URL (an empty database).
//   tsx --conditions=react-server bench/rescreen-setup.ts <count>
import { readFileSync } from "node:fs";
import { designationCases } from "@/lib/sanctions/match/designation-set";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { demoTeam } from "@/lib/seed/demo-data";
import { random } from "./lib/random";

const { closeDatabase, databaseAdapter, db } = await import("@/lib/db/client");
const { deployMigrations } = await import("@/lib/db/migrations");
const { seedDemoTeam } = await import("@/lib/seed/seed");
const { seedSanctionsList } = await import("@/lib/seed/sanctions-list");
const { importRelease } = await import("@/lib/services/sanctions/import");
const { rescreenAllTeams } = await import("@/lib/services/entities/hits");

const count = Number(process.argv[2] ?? 10_000);
await deployMigrations(databaseAdapter());
await seedDemoTeam();
await seedSanctionsList();
await importRelease(readFileSync(sanctionsFixturePath("unConsolidated2026Feb27")), { list: "un-sc", importedBy: "bench" });

// Names as a team tracks them: the designation set's (listed names as reports write them, and unlisted companies
// and people), then names made of their words (seeded), which find candidates on the lists as real names do.
const cases = designationCases();
const rng = random(13);
const words = cases.flatMap((c) => c.query.split(/\s+/));
const team = await db.team.findUniqueOrThrow({ where: { slug: demoTeam.slug }, select: { id: true } });
const entities = Array.from({ length: count }, (_, at) => {
  const known = cases[at % cases.length]!;
  const name = at < cases.length ? known.query : Array.from({ length: rng.int(2, 4) }, () => rng.pick(words)).join(" ");
  return { teamId: team.id, type: known.type === "person" ? ("person" as const) : ("organization" as const), name, aliases: [] };
});
for (let at = 0; at < entities.length; at += 1_000) await db.entity.createMany({ data: entities.slice(at, at + 1_000) });
const started = performance.now();
const [counts] = [...(await rescreenAllTeams()).values()];
process.stderr.write(`  [rescreen setup] ${count} entities tracked, screened in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts?.newHits ?? 0} hits\n`);
await closeDatabase();
