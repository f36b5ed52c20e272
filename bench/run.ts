// npm run bench: generates (or reuses) a large dataset, measures the app in process and over HTTP
// against the production build, prints a table and writes bench/results.json.
// It is a measurement, not a test: a missed target is reported, never an exit code. It exits
// non-zero only when the benchmark itself breaks (and always stops the servers it started).
//
//   npm run bench                       PGlite (+ PostgreSQL when BENCH_DATABASE_URL or DATABASE_URL is set)
//   npm run bench -- --postgres=URL     also PostgreSQL at URL (local only unless BENCH_ALLOW_REMOTE=1)
//   npm run bench -- --no-postgres      PGlite only, whatever the environment says
//   npm run bench -- --no-build         reuse the existing .next build
//   npm run bench -- --quick            a smoke run: 3 s per route, fewer iterations (figures not comparable)
//   npm run bench -- --only=feed-ingest --no-build   one phase alone on the existing build (also --only=alerts)
//   options: --seconds=10 --warmup=2 --connections=10 --port=3300
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { BRIEFING_FORMAT_NAMES } from "@/lib/briefings/export/formats";
import {
  ARTICLE_WORDS,
  BRIEFING_AT_SCALE,
  FIRST_LOAD_JS,
  SEARCH_BROAD,
  SEARCH_TYPICAL,
  WATCHLIST_Q,
  WATCHLIST_STATUS,
  type InProcessConfig,
  type InProcessResult,
} from "./lib/config";
import { LARGE, SMALL, type DatasetManifest } from "./lib/dataset";
import { assertLocalDatabase, copyForRun, ensurePgliteDataset, ROOT, RUN_DIR, type PostgresDataset } from "./lib/datasets";
import { longArticle } from "./lib/article";
import { withCpuUse, type Classify } from "./lib/cpu";
import { createLargeBriefing, measureExport, type BriefingAtScale, type ExportResult } from "./lib/exports";
import { firstLoadFromBuild, firstLoadFromHtml, sameChunks } from "./lib/firstload";
import { load, loadTogether, stopLoads, type LoadResult } from "./lib/load";
import { ratio, round } from "./lib/measure";
import { killAll, portInUse, run, start, stopAll, waitForHttp, type Started } from "./lib/processes";
import { printReport, targetsTable } from "./lib/report";
import { query, routesFor, type Auth, type Http, type HttpResult, type RouteSpec, type TwoInstances } from "./lib/routes";
import { appTargets, measuredRoute, watchlistRatios } from "./lib/targets";
import { designationTables, designationTargets, measureDesignationWatch } from "./lib/designations";
import { analysisQualityTables, analysisQualityTargets, measureAnalysisQuality } from "./lib/analysis-quality";
import { measureRescreen, rescreenPostgres, type RescreenResult } from "./lib/rescreen";
import { ingestPostgres, ingestTargets, measureFeedIngest, type IngestResult } from "./lib/feed-ingest";
import { alertsPostgres, alertsTable, alertsTargets, measureAlerts, type AlertsResult } from "./lib/alerts";
import type { DesignationsResult } from "./designations";

// ---------------------------------------------------------------- options
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(`--${name}`);
const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const number = (name: string, fallback: number) => {
  const value = option(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
};
const quick = flag("quick");
const seconds = number("seconds", quick ? 3 : 10);
const warmupSeconds = number("warmup", quick ? 1 : 2);
const connections = number("connections", 10);
const portBase = number("port", 3300);
const postgresUrl = flag("no-postgres")
  ? undefined
  : option("postgres") ?? process.env.BENCH_DATABASE_URL ?? (flag("postgres") ? "postgres://sw:sw@localhost/sw_bench" : undefined) ?? (process.env.DATABASE_URL || undefined);
const build = !flag("no-build") && process.env.BENCH_BUILD !== "0";
const resultsPath = path.join(ROOT, "bench/results.json");
const logDir = path.join(RUN_DIR, "logs");
const tsx = path.join(ROOT, "node_modules/.bin/tsx");
const RATE_LIMIT = 100_000_000;

const startedAt = Date.now();
const elapsed = () => `${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s`;
const say = (message: string) => console.log(`[bench ${elapsed()}] ${message}`);
const loadSamples: { at: string; phase: string; loadavg1: number }[] = [];
const noteLoad = (phase: string) => loadSamples.push({ at: new Date().toISOString(), phase, loadavg1: round(os.loadavg()[0]!) });

// ---------------------------------------------------------------- cleanup on any exit
let generating: PGlite | null = null;
let interrupted = false;
async function cleanup() {
  stopLoads();
  await stopAll();
  if (generating) await generating.close().catch(() => {});
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n[bench] ${signal}: stopping the servers and closing the database…`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.once("exit", killAll);

/** The environment of the app processes: the caller's, without its database or port settings. */
function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ["DATABASE_URL", "PGLITE_DATA_DIR", "PORT", "APP_URL", "NODE_ENV", "NEXT_PHASE"]) delete env[key];
  return {
    ...env,
    NEXT_TELEMETRY_DISABLED: "1",
    BETTER_AUTH_SECRET: "benchmark-only-secret-0123456789abcdef0123456789",
    ...extra,
  };
}

type Db = { kind: "pglite"; dir: string } | { kind: "postgres"; url: string };
const dbEnv = (db: Db): Record<string, string> => (db.kind === "pglite" ? { PGLITE_DATA_DIR: db.dir } : { DATABASE_URL: db.url });

// ---------------------------------------------------------------- in-process measurements (child process per database)
async function inProcess(label: string, db: Db, config: Omit<InProcessConfig, "label">): Promise<InProcessResult> {
  const configPath = path.join(RUN_DIR, `inprocess-${label}.config.json`);
  const outPath = path.join(RUN_DIR, `inprocess-${label}.result.json`);
  writeFileSync(configPath, JSON.stringify({ label, ...config }));
  await run(tsx, ["--conditions=react-server", "bench/inprocess.ts", configPath, outPath], {
    cwd: ROOT,
    env: appEnv({ NODE_ENV: "production", ...dbEnv(db) }),
    logPath: path.join(logDir, `inprocess-${label}.log`),
    timeoutMs: 20 * 60_000,
    echoStderr: true,
  });
  return JSON.parse(readFileSync(outPath, "utf8")) as InProcessResult;
}

// ---------------------------------------------------------------- servers
type Server = { name: string; db: Db; port: number; base: string; appUrl: string; started: Started; manifest: DatasetManifest; cookie?: string; briefingId?: string };

async function startServer(name: string, port: number, db: Db, manifest: DatasetManifest): Promise<Server> {
  if (await portInUse(port)) throw new Error(`Port ${port} is already in use: stop what runs there or pass --port=<another base>`);
  const appUrl = `http://localhost:${port}`;
  const started = start("npm", ["start"], {
    cwd: ROOT,
    // The per-token rate limit (1,200 a minute by default) would answer most of a load run with 429s:
    // raised so that the run measures the routes (the limiter's counter is still written on every request).
    env: appEnv({ PORT: String(port), APP_URL: appUrl, RATE_LIMIT_TOKEN_PER_MINUTE: String(RATE_LIMIT), ...dbEnv(db) }),
    logPath: path.join(logDir, `server-${name}.log`),
  });
  return { name, db, port, base: `http://127.0.0.1:${port}`, appUrl, started, manifest };
}

async function signIn(server: Server) {
  const response = await fetch(`${server.base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.appUrl },
    body: JSON.stringify({ email: server.manifest.email, password: server.manifest.password }),
  });
  if (!response.ok) throw new Error(`Sign-in on ${server.name} failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
  server.cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}


function headersFor(server: Server, auth: Auth): Record<string, string> {
  if (auth === "token") return { authorization: `Bearer ${server.manifest.token}` };
  if (auth === "cookie") return { cookie: server.cookie ?? "" };
  return {};
}

/** A briefing of the watchlist's first page, when the briefings API exists. */
async function setUpBriefing(server: Server): Promise<{ id: string } | { skipped: string }> {
  const headers = { ...headersFor(server, "token"), "content-type": "application/json" };
  const page = (await (await fetch(`${server.base}/api/issues?${query(WATCHLIST_STATUS)}`, { headers })).json()) as { items: { id: string }[] };
  const response = await fetch(`${server.base}/api/briefings`, {
    method: "POST",
    headers,
    body: JSON.stringify({ title: "Benchmark briefing: the 25 highest risks", marking: "TLP:CLEAR", issueIds: page.items.map((i) => i.id) }),
  });
  if (response.status === 404 || response.status === 405) return { skipped: `POST /api/briefings is not there (${response.status})` };
  const body = await response.text();
  if (response.status !== 201) return { skipped: `POST /api/briefings answered ${response.status}: ${body.slice(0, 200)}` };
  return { id: (JSON.parse(body) as { id: string }).id };
}

type Probe = { ok: true } | { skipped: string };

async function probe(server: Server, route: RouteSpec): Promise<Probe> {
  let status = 0;
  let body = "";
  for (let i = 0; i < 2; i++) {
    // Twice: the first request of a route loads its code.
    const response = await fetch(server.base + route.path, { headers: headersFor(server, route.auth), signal: AbortSignal.timeout(60_000) });
    status = response.status;
    body = await response.text();
  }
  if (status === 404 && !route.required) return { skipped: `${route.path.split("?")[0]} answered 404 (route not there yet)` };
  if (status === 401 || status === 403) throw new Error(`${route.label} on ${server.name} answered ${status}: the benchmark's credentials do not work (${body.slice(0, 200)})`);
  if (status >= 400) console.warn(`[bench] ${route.label} on ${server.name} answers ${status}: measured anyway, it counts as errors (${body.slice(0, 200)})`);
  return { ok: true };
}

/**
 * Waits until the server has finished what a load run left in flight: autocannon stops sending at
 * the end of its window, but the requests already queued (PGlite runs one statement at a time; a
 * PostgreSQL pool has its own queue) would otherwise be served during the next window. A health
 * check queues behind them: the server is idle again once one answers quickly.
 */
async function settle(base: string) {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(300_000) }).then((r) => r.arrayBuffer(), () => {});
    if (performance.now() - started < 25) break;
  }
  await new Promise((r) => setTimeout(r, 200));
}

/** Sequential requests (so that nothing is left queued): the route's code loaded and the JIT warm. */
async function warmUp(url: string, headers: Record<string, string>) {
  const end = Date.now() + warmupSeconds * 1000;
  for (let n = 0; n < 3 || (Date.now() < end && n < 100); n++) {
    await (await fetch(url, { headers, signal: AbortSignal.timeout(120_000) })).arrayBuffer();
  }
}

async function measure(server: Server, route: RouteSpec): Promise<LoadResult> {
  const url = server.base + route.path;
  const headers = headersFor(server, route.auth);
  await warmUp(url, headers);
  noteLoad(`${server.name} ${route.id}`);
  const result = await load(url, { connections: route.connections ?? connections, seconds, headers });
  await settle(server.base);
  return result;
}

// ---------------------------------------------------------------- main
/** 1. The datasets: PGlite's made here while a child process makes PostgreSQL's (one core each), then copied for this run. */
async function prepareDatasets() {
  // PostgreSQL's dataset is made by a child process while this one makes PGlite's: one core each.
  const track = (db: PGlite | null) => (generating = db);
  const postgresReady = postgresUrl
    ? run(tsx, ["--conditions=react-server", "bench/generate.ts", postgresUrl, path.join(RUN_DIR, "postgres-dataset.json")], {
        cwd: ROOT,
        env: appEnv({}),
        logPath: path.join(logDir, "generate-postgres.log"),
        timeoutMs: 60 * 60_000,
        echoStderr: true,
      }).then(() => JSON.parse(readFileSync(path.join(RUN_DIR, "postgres-dataset.json"), "utf8")) as PostgresDataset)
    : Promise.resolve(undefined);
  postgresReady.catch(() => {}); // awaited below; do not let it be unhandled meanwhile
  const large = await ensurePgliteDataset("large", LARGE, (m) => say(`[pglite] ${m.trim()}`), track);
  say(large.generated ? `Generated the large PGlite dataset in ${large.seconds.toFixed(0)} s` : `Reusing the cached large PGlite dataset (${path.relative(ROOT, large.cacheDir)})`);
  const small = await ensurePgliteDataset("small", SMALL, (m) => say(`[pglite] ${m.trim()}`), track);
  say(small.generated ? `Generated the small PGlite dataset in ${small.seconds.toFixed(0)} s` : "Reusing the cached small PGlite dataset");
  const postgres = await postgresReady;
  if (postgres) say(postgres.generated ? `Generated the PostgreSQL dataset in ${postgres.seconds.toFixed(0)} s` : "Reusing the PostgreSQL dataset (same fingerprint)");
  let postgresVersion: string | undefined;
  if (postgresUrl) {
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    postgresVersion = ((await client.query("SELECT version()")).rows[0] as { version: string }).version;
    await client.end();
  }

  const largeDir = copyForRun(large.cacheDir, "pglite-large");
  const smallDir = copyForRun(small.cacheDir, "pglite-small");
  const articlePath = path.join(RUN_DIR, "article-5000-words.txt");
  writeFileSync(articlePath, longArticle(ROOT, ARTICLE_WORDS));

  return { large, small, postgres, postgresVersion, largeDir, smallDir, articlePath };
}
type Datasets = Awaited<ReturnType<typeof prepareDatasets>>;

/** 2. In process, before any server: PGlite's directory belongs to one process. */
async function measureInProcess({ large, small, postgres, largeDir, smallDir, articlePath }: Datasets) {
  say("In-process measurements on PGlite (large dataset)…");
  noteLoad("in-process pglite");
  const ipLarge = await inProcess("pglite-large", { kind: "pglite", dir: largeDir }, { manifest: large.manifest, mode: "full", analysis: true, articlePath, quick, scale: 1 });
  say("In-process watchlist on PGlite (small dataset: 1,000 evidence rows)…");
  const ipSmall = await inProcess("pglite-small", { kind: "pglite", dir: smallDir }, { manifest: small.manifest, mode: "watchlist", analysis: false, articlePath, quick, scale: 0.5 });
  let ipPostgres: InProcessResult | undefined;
  if (postgres && postgresUrl) {
    say("In-process measurements on PostgreSQL…");
    noteLoad("in-process postgres");
    ipPostgres = await inProcess("postgres", { kind: "postgres", url: postgresUrl }, { manifest: postgres.manifest, mode: "full", analysis: false, articlePath, quick, scale: 0.5 });
  }

  // Designation watch (issue 13): a fresh PGlite directory, and the PostgreSQL database under lists of its own.
  say("Designation watch: import, compare and screen on each database, then quality…");
  noteLoad("designation watch");
  const designations = await measureDesignationWatch(
    async (label) => {
      const outPath = path.join(RUN_DIR, `designations-${label}.result.json`);
      const db: Db = label === "pglite" ? { kind: "pglite", dir: path.join(RUN_DIR, `designations-pglite-${process.pid}`) } : { kind: "postgres", url: postgresUrl! };
      await run(tsx, ["--conditions=react-server", "--expose-gc", "bench/designations.ts", outPath], {
        cwd: ROOT,
        env: appEnv({ NODE_ENV: "production", ...dbEnv(db) }),
        logPath: path.join(logDir, `designations-${label}.log`),
        timeoutMs: 20 * 60_000,
        echoStderr: true,
      });
      return JSON.parse(readFileSync(outPath, "utf8")) as DesignationsResult;
    },
    postgresUrl ? ["pglite", "postgres"] : ["pglite"],
  );

  // Issue 16: the analysis on the labelled set of real texts; pure, so in this process.
  say("Analysis on the labelled corpus of real texts…");
  noteLoad("analysis quality");
  const analysisQuality = measureAnalysisQuality();

  return { ipLarge, ipSmall, ipPostgres, designations, analysisQuality };
}

/** 3. The production build, then every server at once (a build by someone else later cannot change what they serve). */
async function startServers({ large, postgres, largeDir }: Datasets) {
  if (build) {
    const hasFlock = spawnSync("sh", ["-c", "command -v flock"]).status === 0;
    const lock = process.env.BENCH_BUILD_LOCK ?? "/tmp/e2e.lock";
    // In a tree others are editing, a build can fail in their half-written files: BENCH_BUILD_RETRIES waits and tries again.
    const retries = Number(process.env.BENCH_BUILD_RETRIES ?? 0);
    const lockWait = Number(process.env.BENCH_BUILD_LOCK_WAIT ?? 900);
    for (let attempt = 0; ; attempt++) {
      say(`Building (npm run build${hasFlock ? ` under flock ${lock}` : ""})…`);
      try {
        await run(hasFlock ? "flock" : "npm", hasFlock ? ["-w", String(lockWait), "-E", "75", lock, "npm", "run", "build"] : ["run", "build"], {
          cwd: ROOT,
          env: appEnv({}),
          logPath: path.join(logDir, "build.log"),
          timeoutMs: 30 * 60_000,
        });
        break;
      } catch (error) {
        if (String(error).includes("(exit 75)")) {
          throw new Error(`Could not take the build lock ${lock} within ${lockWait} s (another build or e2e run holds it). Wait, or run with --no-build to use the existing .next build.`);
        }
        if (attempt >= retries || interrupted) throw error;
        say(`The build failed (see ${path.relative(ROOT, path.join(logDir, "build.log"))}); trying again in 60 s (${retries - attempt} left)`);
        await new Promise((r) => setTimeout(r, 60_000));
      }
    }
  } else if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    throw new Error("--no-build, but there is no production build (.next/BUILD_ID): run npm run build first");
  }
  const buildId = readFileSync(path.join(ROOT, ".next/BUILD_ID"), "utf8").trim();
  const dashboardFromBuild = firstLoadFromBuild(ROOT, FIRST_LOAD_JS.buildRoute); // read now: the files the servers below serve
  say(`Starting the servers (build ${buildId})…`);
  const servers: Server[] = [await startServer("pglite", portBase, { kind: "pglite", dir: largeDir }, large.manifest)];
  if (postgres && postgresUrl) {
    servers.push(await startServer("postgres", portBase + 1, { kind: "postgres", url: postgresUrl }, postgres.manifest));
    servers.push(await startServer("postgres-2", portBase + 2, { kind: "postgres", url: postgresUrl }, postgres.manifest));
  }
  const barePort = portBase + 10;
  await Promise.all(servers.map((s) => waitForHttp(`${s.base}/api/health`, s.started, 180_000)));
  const healthBody = await (await fetch(`${servers[0]!.base}/api/health`)).text();
  if (await portInUse(barePort)) throw new Error(`Port ${barePort} is already in use`);
  const bareServer = start(
    process.execPath,
    [
      "-e",
      `const body = process.env.BODY; require("node:http").createServer((req, res) => { res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }); res.end(body); }).listen(${barePort}, "127.0.0.1");`,
    ],
    { cwd: ROOT, env: { ...process.env, BODY: healthBody }, logPath: path.join(logDir, "bare-http.log") },
  );
  await waitForHttp(`http://127.0.0.1:${barePort}/`, bareServer, 10_000);

  return { servers, barePort, buildId, dashboardFromBuild };
}
type Running = Awaited<ReturnType<typeof startServers>>;

/** 3 (end). Signs in, sets up a briefing and probes every route on every measured server; a route not there yet is skipped. */
async function probeRoutes({ large }: Datasets, { servers }: Running) {
  const routes = routesFor(large.manifest);
  const measured = servers.filter((s) => s.name !== "postgres-2");
  const skipped = new Map<string, string>();
  /** The route's path on this server: ids differ between the PGlite and the PostgreSQL datasets. */
  const pathOf = (server: Server, route: RouteSpec) => {
    if (route.pgliteOnly && server.db.kind !== "pglite") return "";
    if (route.id.startsWith("briefing-")) return server.briefingId ? `/api/briefings/${server.briefingId}/export?format=${route.id.slice("briefing-".length)}` : "";
    return routesFor(server.manifest).find((r) => r.id === route.id)!.path;
  };
  for (const server of measured) {
    await signIn(server);
    const briefing = await setUpBriefing(server);
    if ("skipped" in briefing) for (const id of ["briefing-md", "briefing-pdf"]) skipped.set(`${server.name}:${id}`, briefing.skipped);
    else server.briefingId = briefing.id;
    for (const route of routes) {
      const key = `${server.name}:${route.id}`;
      if (skipped.has(key) || !pathOf(server, route)) continue;
      const outcome = await probe(server, { ...route, path: pathOf(server, route) });
      if ("skipped" in outcome) skipped.set(key, outcome.skipped);
    }
  }
  const secondInstance = servers.find((s) => s.name === "postgres-2");
  if (secondInstance) await probe(secondInstance, { ...routes.find((r) => r.id === "issues")!, path: pathOf(secondInstance, routes.find((r) => r.id === "issues")!) });

  return { routes, measured, skipped, pathOf };
}
type Probed = Awaited<ReturnType<typeof probeRoutes>>;

/** 4. Load, route by route, PGlite and PostgreSQL side by side; null when interrupted. */
async function loadRoutes({ barePort }: Running, { routes, measured, skipped, pathOf }: Probed) {
  const http: Record<string, Record<string, HttpResult>> = Object.fromEntries(measured.map((s) => [s.name, {}]));
  for (const route of routes) {
    for (const server of measured) {
      if (interrupted) return null;
      const key = `${server.name}:${route.id}`;
      const routePath = pathOf(server, route);
      if (route.pgliteOnly && server.db.kind !== "pglite") continue;
      if (skipped.has(key) || !routePath) {
        http[server.name]![route.id] = { label: route.label, skipped: skipped.get(key) ?? "not set up" };
        continue;
      }
      say(`${server.name.padEnd(8)} ${route.label}`);
      const result = await measure(server, { ...route, path: routePath });
      http[server.name]![route.id] = { label: route.label, path: routePath, ...result };
    }
    if (route.id === "health") {
      say(`bare     node:http returning the same JSON`);
      await warmUp(`http://127.0.0.1:${barePort}/`, {});
      noteLoad("bare node:http");
      http["bare"] = { health: { label: "bare node:http (same JSON)", path: "/", ...(await load(`http://127.0.0.1:${barePort}/`, { connections, seconds })) } };
    }
  }
  for (const server of measured) {
    const health = http[server.name]!["health"];
    const healthP95 = health && "p95" in health ? health.p95 : NaN;
    for (const result of Object.values(http[server.name]!)) if ("p95" in result) result.p95VsHealth = ratio(result.p95, healthP95);
  }

  return http;
}

/** 4. Issue 5 at scale, on PGlite: a briefing of 200 issues citing about 2,000 evidence items, every format; null when interrupted. */
async function measureExportsAtScale(pglite: Server) {
  const exportRuns = quick ? BRIEFING_AT_SCALE.quickRuns : BRIEFING_AT_SCALE.runs;
  say(`pglite   POST /api/briefings: ${BRIEFING_AT_SCALE.issues} issues citing about ${BRIEFING_AT_SCALE.evidence} evidence items…`);
  const largeBriefing = await createLargeBriefing(pglite.base, headersFor(pglite, "token"), BRIEFING_AT_SCALE);
  const formats: ExportResult[] = [];
  if ("id" in largeBriefing) {
    say(`pglite   briefing of ${largeBriefing.issues} issues, ${largeBriefing.evidence} evidence items, created in ${largeBriefing.createMs.toFixed(0)} ms`);
    for (const format of BRIEFING_FORMAT_NAMES) {
      if (interrupted) return null;
      say(`pglite   GET /api/briefings/{id}/export?format=${format}: ${exportRuns + 1} exports, then GET /api/health under load while more run`);
      noteLoad(`pglite export-${format}`);
      formats.push(await measureExport(pglite.base, headersFor(pglite, "token"), largeBriefing.id, format, { runs: exportRuns, seconds, connections }));
      await settle(pglite.base);
    }
  }
  const atScale: BriefingAtScale = "id" in largeBriefing ? { briefing: largeBriefing, formats } : largeBriefing;

  return { formats, atScale, exportRuns };
}

/** 4. PostgreSQL with two app instances vs one, measured back to back. */
async function measureTwoInstances({ servers }: Running, { routes, pathOf }: Probed) {
  let twoInstances: TwoInstances | undefined;
  const [pgA, pgB] = [servers.find((s) => s.name === "postgres"), servers.find((s) => s.name === "postgres-2")];
  if (pgA && pgB && !interrupted) {
    const issuesPath = pathOf(pgA, routes.find((r) => r.id === "issues")!);
    const token = headersFor(pgA, "token");
    say(`postgres GET ${issuesPath}: one instance (${connections} connections) vs two instances (${connections / 2} + ${connections / 2})`);
    // Who uses the two cores meanwhile: each app's process group, PostgreSQL, and autocannon (this process).
    const parties: Classify = ({ pid, group, command }) =>
      group === pgA.started.child.pid ? "app 1" : group === pgB.started.child.pid ? "app 2" : command === "postgres" ? "PostgreSQL" : pid === process.pid ? "autocannon" : null;
    await warmUp(pgA.base + issuesPath, token);
    const one = await withCpuUse(parties, () => load(pgA.base + issuesPath, { connections, seconds, headers: token }));
    await settle(pgA.base);
    const half = Math.max(1, Math.round(connections / 2));
    await warmUp(pgB.base + issuesPath, token);
    noteLoad("postgres two instances");
    const two = await withCpuUse(parties, () => loadTogether([pgA, pgB].map((s) => ({ url: s.base + issuesPath, connections: half, headers: token })), seconds));
    twoInstances = { one: one.result, two: two.result, ratio: ratio(two.result.combined.rps, one.result.rps), cpu: { one: one.cpu, two: two.cpu } };
  }

  return twoInstances;
}

async function main() {
  mkdirSync(logDir, { recursive: true });
  noteLoad("start");
  // `npm run bench` runs on Node 24 LTS, the production runtime (scripts/with-node24.sh, decision 011).
  say(`Node ${process.version}`);
  if (option("only") === "feed-ingest") return onlyFeedIngest();
  if (option("only") === "alerts") return onlyAlerts();
  say(`PGlite${postgresUrl ? ` and PostgreSQL (${new URL(postgresUrl).host}${new URL(postgresUrl).pathname})` : " only (set BENCH_DATABASE_URL or pass --postgres=URL for PostgreSQL)"}; ${connections} connections, ${seconds} s per route after up to ${warmupSeconds} s of sequential warm-up`);
  if (postgresUrl) assertLocalDatabase(postgresUrl);

  const datasets = await prepareDatasets();
  const inProcessResults = await measureInProcess(datasets);
  const running = await startServers(datasets);
  const probed = await probeRoutes(datasets, running);
  const http = await loadRoutes(running, probed);
  if (!http || interrupted) return;
  const pglite = running.servers[0]!;
  const exports = await measureExportsAtScale(pglite);
  if (!exports) return;
  // Issue 6: the dashboard's first-load JavaScript, as a signed-in browser gets it
  const dashboardFromHtml = await firstLoadFromHtml(pglite.base, FIRST_LOAD_JS.path, headersFor(pglite, "cookie"));
  const twoInstances = await measureTwoInstances(running, probed);

  say("Stopping the servers…");
  await stopAll();

  if (!interrupted) inProcessResults.designations.rescreen = await measureRescreening();
  const feedIngest = interrupted ? {} : await measureFeedIngestion();
  const alerts = interrupted ? {} : await measureAlertsPhase();
  noteLoad("end");

  report(datasets, inProcessResults, running, probed, http, exports, dashboardFromHtml, twoInstances, feedIngest, alerts);
}

/** Issue 14: 200 feeds × 50 items from a local server into the inbox, on a server of its own per database. */
async function measureFeedIngestion(): Promise<Record<string, IngestResult>> {
  const options = { root: ROOT, logDir, port: portBase + 30, connections, seconds, env: appEnv };
  noteLoad("feed ingestion");
  const ingestDir = path.join(RUN_DIR, `ingest-pglite-${process.pid}`);
  const results: Record<string, IngestResult> = {
    pglite: await measureFeedIngest({ label: "pglite", env: { PGLITE_DATA_DIR: ingestDir }, cleanup: async () => rmSync(ingestDir, { recursive: true, force: true }) }, options, say),
  };
  noteLoad("feed ingestion (PostgreSQL)");
  if (postgresUrl && !interrupted) results.postgres = await measureFeedIngest(await ingestPostgres(postgresUrl), options, say);
  return results;
}

/** An `--only=<phase>` run measures the build already there: it refuses to build, or to run without one. */
function requireExistingBuild(phase: string) {
  if (build || !existsSync(path.join(ROOT, ".next/BUILD_ID"))) throw new Error(`--only=${phase} runs on the existing build: pass --no-build (and run \`npm run build\` first)`);
}

/** `--only=feed-ingest`: that phase alone (on the existing build unless it is missing), its targets printed. */
async function onlyFeedIngest() {
  requireExistingBuild("feed-ingest");
  const feedIngest = await measureFeedIngestion();
  noteLoad("end");
  const targets = ingestTargets(feedIngest);
  console.log(JSON.stringify({ feedIngest, loadAverage: loadSamples }, null, 2));
  console.log(targetsTable(targets));
}

/** Issue 15: notifying 1,000 followers, the notification list, webhook deliveries; on a server of its own per database. */
async function measureAlertsPhase(): Promise<Record<string, AlertsResult>> {
  const options = { root: ROOT, runDir: RUN_DIR, logDir, port: portBase + 40, connections, seconds, quick, env: appEnv, noteLoad };
  noteLoad("alerts (PGlite)");
  const alertsDir = path.join(RUN_DIR, `alerts-pglite-${process.pid}`);
  const results: Record<string, AlertsResult> = {
    pglite: await measureAlerts({ label: "pglite", env: { PGLITE_DATA_DIR: alertsDir }, cleanup: async () => rmSync(alertsDir, { recursive: true, force: true }) }, options, say),
  };
  noteLoad("alerts (PostgreSQL)");
  if (postgresUrl && !interrupted) results.postgres = await measureAlerts(await alertsPostgres(postgresUrl), options, say);
  noteLoad("alerts (end)");
  return results;
}

/** `--only=alerts`: that phase alone (on the existing build), its figures and targets printed. */
async function onlyAlerts() {
  requireExistingBuild("alerts");
  if (postgresUrl) assertLocalDatabase(postgresUrl);
  const alerts = await measureAlertsPhase();
  noteLoad("end");
  console.log(JSON.stringify({ alerts, loadAverage: loadSamples }, null, 2));
  console.log(alertsTable(alerts));
  console.log(targetsTable(alertsTargets(alerts)));
  for (const t of alertsTargets(alerts)) if (t.note) console.log(`  ${t.id}: ${t.note}`);
  console.log(`Load average (1 min): ${loadSamples.map((l) => `${l.phase} ${l.loadavg1}`).join(", ")}`);
}

/** Issue 13: re-screening 10,000 tracked entities after a release, on a server of its own per database. */
async function measureRescreening(): Promise<Record<string, RescreenResult>> {
  const options = { root: ROOT, runDir: RUN_DIR, logDir, port: portBase + 20, connections, seconds, env: appEnv };
  noteLoad("re-screening");
  const results: Record<string, RescreenResult> = {
    pglite: await measureRescreen({ label: "pglite", env: { PGLITE_DATA_DIR: path.join(RUN_DIR, `rescreen-pglite-${process.pid}`) } }, options, say),
  };
  if (postgresUrl) results.postgres = await measureRescreen(await rescreenPostgres(postgresUrl), options, say);
  return results;
}

/** 5. Figures, ratios and targets: written to bench/results.json and printed. */
function report(
  { large, small, postgres, postgresVersion }: Datasets,
  { ipLarge, ipSmall, ipPostgres, designations, analysisQuality }: Awaited<ReturnType<typeof measureInProcess>>,
  { buildId, dashboardFromBuild }: Running,
  { routes }: Probed,
  http: Http,
  { formats, atScale, exportRuns }: NonNullable<Awaited<ReturnType<typeof measureExportsAtScale>>>,
  dashboardFromHtml: Awaited<ReturnType<typeof firstLoadFromHtml>>,
  twoInstances: Awaited<ReturnType<typeof measureTwoInstances>>,
  feedIngest: Record<string, IngestResult>,
  alerts: Record<string, AlertsResult>,
) {
  const get = (server: string, id: string) => measuredRoute(http, server, id);
  const { prismaRatio, prismaVsHandwritten, growth } = watchlistRatios(ipLarge, ipSmall);
  const sameAsBuild = "chunks" in dashboardFromHtml && sameChunks(dashboardFromHtml, dashboardFromBuild);
  const targets = appTargets({
    http,
    ipLarge,
    ipSmall,
    manifest: large.manifest,
    exports: { formats, atScale, exportRuns },
    dashboard: { html: dashboardFromHtml, build: dashboardFromBuild },
    twoInstances,
    connections,
  });

  targets.push(...designationTargets(designations));
  targets.push(...analysisQualityTargets(analysisQuality));
  targets.push(...ingestTargets(feedIngest));
  targets.push(...alertsTargets(alerts));

  const ratios = {
    "prisma vs replayed SQL (watchlist p50, PGlite)": prismaRatio,
    "prisma vs replayed SQL (watchlist p95, PGlite)": ratio(ipLarge.watchlist.status.prisma.p95, ipLarge.watchlist.status.replayedSql.p95),
    "prisma vs hand-written SQL (watchlist p50, PGlite)": prismaVsHandwritten,
    ...(ipPostgres
      ? {
          "prisma vs replayed SQL (watchlist p50, PostgreSQL)": ratio(ipPostgres.watchlist.status.prisma.p50, ipPostgres.watchlist.status.replayedSql.p50),
          "prisma vs hand-written SQL (watchlist p50, PostgreSQL)": ratio(ipPostgres.watchlist.status.prisma.p50, ipPostgres.watchlist.status.handwrittenSql.p50),
        }
      : {}),
    "watchlist growth 1k → 100k evidence (p50, PGlite)": growth,
    "watchlist growth 1k → 100k evidence (p95, PGlite)": ratio(ipLarge.watchlist.status.prisma.p95, ipSmall.watchlist.status.prisma.p95),
    "GET /api/health vs bare node:http (p95)": ratio(get("pglite", "health")?.p95 ?? NaN, (http["bare"]?.["health"] as LoadResult | undefined)?.p95 ?? NaN),
    "bare node:http vs GET /api/health (throughput)": ratio((http["bare"]?.["health"] as LoadResult | undefined)?.rps ?? NaN, get("pglite", "health")?.rps ?? NaN),
    ...(twoInstances ? { "PostgreSQL two instances vs one (throughput)": twoInstances.ratio } : {}),
  };
  const pgliteVsPostgres = ipPostgres
    ? Object.fromEntries(
        routes.flatMap((r) => {
          const a = get("pglite", r.id);
          const b = get("postgres", r.id);
          return a && b ? [[r.id, { pgliteP95: a.p95, postgresP95: b.p95, p95Ratio: ratio(a.p95, b.p95), pgliteRps: a.rps, postgresRps: b.rps, rpsRatio: ratio(b.rps, a.rps) }]] : [];
        }),
      )
    : undefined;

  const cpus = os.cpus();
  const results = {
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? "unknown",
      memoryGiB: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${os.type()} ${os.release()} ${os.arch()}`,
      pglite: JSON.parse(readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json"), "utf8")).version,
      postgres: postgresVersion ?? null,
      next: JSON.parse(readFileSync(path.join(ROOT, "node_modules/next/package.json"), "utf8")).version,
      date: new Date().toISOString(),
      loadAverage: loadSamples,
    },
    source: {
      commit: spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).stdout.trim() || null,
      uncommittedChanges: spawnSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" }).stdout.split("\n").filter(Boolean).length,
      buildId,
    },
    config: { connections, seconds, warmupSeconds, quick, postgres: Boolean(postgresUrl), rateLimitTokenPerMinute: RATE_LIMIT, queries: { WATCHLIST_STATUS, WATCHLIST_Q, SEARCH_TYPICAL, SEARCH_BROAD, ARTICLE_WORDS } },
    datasets: {
      pgliteLarge: { sizes: large.manifest.sizes, counts: large.manifest.counts, generatedNow: large.generated, generationSeconds: round(large.seconds, 1), generatedAt: large.manifest.generatedAt, timingsMs: large.manifest.timings },
      pgliteSmall: { sizes: small.manifest.sizes, counts: small.manifest.counts, generatedNow: small.generated, generationSeconds: round(small.seconds, 1) },
      ...(postgres ? { postgres: { sizes: postgres.manifest.sizes, counts: postgres.manifest.counts, generatedNow: postgres.generated, generationSeconds: round(postgres.seconds, 1), timingsMs: postgres.manifest.timings } } : {}),
    },
    http,
    twoInstances: twoInstances ?? null,
    pgliteVsPostgres: pgliteVsPostgres ?? null,
    inProcess: { pgliteLarge: ipLarge, pgliteSmall: ipSmall, postgres: ipPostgres ?? null },
    designations,
    analysisQuality,
    feedIngest,
    alerts,
    briefingAtScale: atScale,
    firstLoadJs: { path: FIRST_LOAD_JS.path, gzipLevel: 9, html: dashboardFromHtml, build: dashboardFromBuild, sameChunks: sameAsBuild },
    ratios,
    targets,
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + "\n");
  console.log(designationTables(designations));
  console.log(analysisQualityTables(analysisQuality));
  console.log(alertsTable(alerts));
  printReport(results);
  console.log(`\nWrote ${path.relative(ROOT, resultsPath)} (${results.durationSeconds} s in all). Logs: ${path.relative(ROOT, logDir)}/`);
}

try {
  await main();
} catch (error) {
  if (!interrupted) {
    console.error(`\n[bench] The benchmark broke: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanup();
    process.exit(1);
  }
} finally {
  await cleanup();
}
