// The re-screening measurement of `npm run bench` (issue 13) on its own, on the existing production build (run
// `npm run build` first): a few minutes instead of the whole bench's half hour, for when only it changed.
//   npx tsx --conditions=react-server bench/rescreen.ts                      # PGlite
//   npx tsx --conditions=react-server bench/rescreen.ts --postgres=URL       # and PostgreSQL (<db>_rescreen beside it)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { rescreenTables } from "./lib/designations";
import { measureRescreen, rescreenPostgres, type RescreenResult } from "./lib/rescreen";
import { stopAll } from "./lib/processes";

const postgresUrl = process.argv.find((arg) => arg.startsWith("--postgres="))?.slice("--postgres=".length);
const runDir = mkdtempSync(path.join(tmpdir(), "sw-rescreen-"));
const env = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  const own: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["DATABASE_URL", "PGLITE_DATA_DIR", "PORT", "APP_URL", "NODE_ENV"]) delete own[key];
  return { ...own, NEXT_TELEMETRY_DISABLED: "1", BETTER_AUTH_SECRET: "benchmark-only-secret-0123456789abcdef0123456789", ...extra };
};
const options = { root: process.cwd(), runDir, logDir: path.join(runDir, "logs"), port: 3320, connections: 10, seconds: 10, env };
const say = (message: string) => console.error(`[rescreen] ${message}`);
try {
  const results: Record<string, RescreenResult> = { pglite: await measureRescreen({ label: "pglite", env: { PGLITE_DATA_DIR: path.join(runDir, "pglite") } }, options, say) };
  if (postgresUrl) results.postgres = await measureRescreen(await rescreenPostgres(postgresUrl), options, say);
  console.log(rescreenTables(results));
} finally {
  await stopAll();
  rmSync(runDir, { recursive: true, force: true });
}
