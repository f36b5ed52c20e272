// Re-screening after a release (issue 13): "re-screen 10,000 tracked entities after a release in ≤ 60 s while
// GET /api/health p95 stays within 2× idle". Per database, on the production build:
//   1. bench/rescreen-setup.ts prepares an empty database (the demo with the 26 April SDN release, the UN list, and
//      10,000 entities the demo team tracks, screened once);
//   2. `npm start` on it; the demo admin signs in; GET /api/health under autocannon, idle;
//   3. the 1 May release is imported through the API, as a list admin does, which queues the re-screening job;
//      GET /api/health under the same load during the import, and apart from the import's answer until the job has
//      completed (the Jobs API, polled): the target's p95.
// The re-screening time is the job's own (started → completed, as the queue records it).
import { readFileSync } from "node:fs";
import path from "node:path";
import { sanctionsFixturePath } from "@/lib/sanctions/fixtures/fixtures";
import { ownPostgresDatabase, type PhaseDb } from "./own-database";
import { load, stopLoads, type LoadResult } from "./load";
import { portInUse, run, start, stop, waitForHttp } from "./processes";

export const RESCREEN_ENTITIES = 10_000;
const JOB = "sanctions.release-imported";

export type RescreenResult = {
  entities: number;
  /** The job's run, started → completed. */
  rescreenMs: number;
  /** From the import's request to the job's completion (the import itself, the queue's pickup, the job). */
  importToDoneMs: number;
  healthIdle: LoadResult;
  /** While the release is imported (the request that queues the job). */
  healthImporting: LoadResult;
  /** From the import's answer to the job's completion: what the target is about. */
  healthDuring: LoadResult;
};

export type RescreenDb = PhaseDb;

type Options = { root: string; runDir: string; logDir: string; port: number; connections: number; seconds: number; env: (extra: Record<string, string>) => NodeJS.ProcessEnv };

/** A database of its own next to the bench's PostgreSQL one (`<name>_rescreen`), dropped afterwards. */
export const rescreenPostgres = (url: string): Promise<RescreenDb> => ownPostgresDatabase(url, "rescreen");

// The production server refuses the demo's public password: the seeded admin (a list admin) gets one of its own.
const ADMIN = { email: "rescreen-admin@example.org", password: "bench-rescreen-0123456789" };

export async function measureRescreen(db: RescreenDb, o: Options, say: (message: string) => void): Promise<RescreenResult> {
  const env = (extra: Record<string, string>) => o.env({ SEED_ADMIN_EMAIL: ADMIN.email, SEED_ADMIN_PASSWORD: ADMIN.password, ...db.env, ...extra });
  const tsx = path.join(o.root, "node_modules", ".bin", "tsx");
  say(`[${db.label}] re-screening: preparing ${RESCREEN_ENTITIES.toLocaleString("en")} tracked entities…`);
  await run(tsx, ["--conditions=react-server", "bench/rescreen-setup.ts", String(RESCREEN_ENTITIES)], {
    cwd: o.root,
    env: env({ NODE_ENV: "production" }),
    logPath: path.join(o.logDir, `rescreen-setup-${db.label}.log`),
    timeoutMs: 20 * 60_000,
    echoStderr: true,
  });
  if (await portInUse(o.port)) throw new Error(`Port ${o.port} is already in use`);
  const appUrl = `http://localhost:${o.port}`;
  const base = `http://127.0.0.1:${o.port}`;
  const server = start("npm", ["start"], { cwd: o.root, env: env({ PORT: String(o.port), APP_URL: appUrl }), logPath: path.join(o.logDir, `rescreen-server-${db.label}.log`) });
  try {
    await waitForHttp(`${base}/api/health`, server, 180_000);
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: appUrl },
      body: JSON.stringify(ADMIN),
    });
    if (!signIn.ok) throw new Error(`Sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const health = `${base}/api/health`;
    await load(health, { connections: o.connections, seconds: 2 }); // warm-up
    const healthIdle = await load(health, { connections: o.connections, seconds: o.seconds });

    const form = new FormData();
    form.set("file", new Blob([readFileSync(sanctionsFixturePath("ofacSdn2024May01"))]), "sdn-2024-05-01.csv.gz");
    form.set("list", "ofac-sdn");
    form.set("publishedAt", "2024-05-01");
    const asked = performance.now();
    // Health under load during the import, then (measured apart) until the re-screening it queued has completed.
    const importing = load(health, { connections: o.connections, seconds: 3_600 });
    const imported = await fetch(`${base}/api/sanctions/releases`, { method: "POST", headers: { cookie, origin: appUrl }, body: form });
    stopLoads();
    const healthImporting = await importing;
    if (imported.status !== 201) throw new Error(`The import failed: ${imported.status} ${await imported.text()}`);
    const during = load(health, { connections: o.connections, seconds: 3_600 });
    let job: { state: string; startedAt: string | null; completedAt: string | null } | undefined;
    for (;;) {
      await new Promise((r) => setTimeout(r, 250));
      const page = (await (await fetch(`${base}/api/admin/jobs?pageSize=100`, { headers: { cookie } })).json()) as { items: { name: string; state: string; createdAt: string; startedAt: string | null; completedAt: string | null }[] };
      job = page.items.find((item) => item.name === JOB);
      if (job?.state === "failed") throw new Error("The re-screening job failed: see the Jobs page's log");
      if (job?.state === "completed") break;
      if (performance.now() - asked > 15 * 60_000) throw new Error("The re-screening job did not complete within 15 minutes");
    }
    const importToDoneMs = performance.now() - asked;
    stopLoads();
    const healthDuring = await during;
    return { entities: RESCREEN_ENTITIES, rescreenMs: Date.parse(job.completedAt!) - Date.parse(job.startedAt!), importToDoneMs, healthIdle, healthImporting, healthDuring };
  } finally {
    await stop(server);
    await db.cleanup?.();
  }
}
