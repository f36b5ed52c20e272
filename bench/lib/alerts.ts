// Alerts (issue 15), its three targets:
//   1. "An event that notifies 1,000 followers commits in ≤ 50 ms more than one with no followers";
//   2. "The notification list answers in p95 ≤ 50 ms with 100,000 notifications (PGlite, 1 connection)";
//   3. "1,000 webhook deliveries a minute to a local receiver while GET /api/health p95 stays within 2× idle".
// Per database, on a fresh database of its own:
//   1. bench/alerts-setup.ts (a child process, before the server): the demo, 1,000 members following one new issue,
//      none following another; the issues service moves each one's status in turn (in process, the calls
//      alternated): target 1 is the difference of the two (p50 and p95) and their ratio. Then 100,000 notifications
//      of the seeded admin, in bulk;
//   2. `npm start` (FETCH_ALLOW_HOSTS=127.0.0.1); the admin signs in; GET /api/notifications under autocannon with one
//      connection (and the /notifications page, an extra line);
//   3. GET /api/health under autocannon, idle; a webhook for new issues points to a node:http receiver on
//      127.0.0.1; issues are created through the API at EVENTS_PER_MINUTE for GENERATE_SECONDS, with GET /api/health
//      under the same load from the first event to the last delivery. The rate is the deliveries received over
//      that time (each delivery id once), per minute; the lag is each event's answer → its delivery's arrival.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { load, stopLoads, type LoadResult } from "./load";
import { round, summarize, type Summary } from "./measure";
import { ownPostgresDatabase, type PhaseDb } from "./own-database";
import { portInUse, run, start, stop, waitForHttp } from "./processes";
import { table, type Cell, type Target } from "./report";

export const ALERT_FOLLOWERS = 1_000;
export const ALERT_NOTIFICATIONS = 100_000;
/** The newest of the admin's notifications left unread (the rest read), as a busy reader's list is. */
export const ALERT_UNREAD = 1_000;
const EXTRA_COMMIT_BUDGET_MS = 50;
const LIST_P95_BUDGET_MS = 50;
const DELIVERIES_PER_MINUTE = 1_000;
/** Events a minute the bench makes: above the target, so that the deliveries, not the events, are the limit. */
const EVENTS_PER_MINUTE = 1_200;
const MAX_IN_FLIGHT = 8;

export type AlertsSetupResult = {
  followers: number;
  /** Notifications the followed issue's status move wrote (should be the followers). */
  notificationsPerMove: number;
  followedMove: Summary;
  plainMove: Summary;
  issues: { followed: string; plain: string };
};

export type AlertsResult = AlertsSetupResult & {
  notifications: number;
  unread: number;
  list: LoadResult;
  listPage: LoadResult;
  webhooks: {
    events: number;
    /** The events' rate as answered: from the first sent to the last answered (a minute's worth). */
    eventsPerMinute: number;
    deliveries: number;
    duplicates: number;
    /** From the first event sent to the last delivery received. */
    spanMs: number;
    deliveriesPerMinute: number;
    lagMs: Summary;
  };
  healthIdle: LoadResult;
  healthDuring: LoadResult;
};

type Options = { root: string; runDir: string; logDir: string; port: number; connections: number; seconds: number; quick: boolean; env: (extra: Record<string, string>) => NodeJS.ProcessEnv; noteLoad?: (phase: string) => void };

/** A database of its own next to the bench's PostgreSQL one (`<name>_alerts`), dropped afterwards. */
export const alertsPostgres = (url: string): Promise<PhaseDb> => ownPostgresDatabase(url, "alerts");

// The production server refuses the demo's public password: the seeded admin gets one of its own.
const ADMIN = { email: "alerts-admin@example.org", password: "bench-alerts-0123456789" };

export async function measureAlerts(db: PhaseDb, o: Options, say: (message: string) => void): Promise<AlertsResult> {
  const env = (extra: Record<string, string>) => o.env({ SEED_ADMIN_EMAIL: ADMIN.email, SEED_ADMIN_PASSWORD: ADMIN.password, SEED_SANCTIONS_LIST: "0", FETCH_ALLOW_HOSTS: "127.0.0.1", ...db.env, ...extra });
  const tsx = path.join(o.root, "node_modules", ".bin", "tsx");
  const setupPath = path.join(o.runDir, `alerts-setup-${db.label}.result.json`);
  let receiver: Server | undefined;
  let server: ReturnType<typeof start> | undefined;
  try {
    say(`[${db.label}] alerts: ${ALERT_FOLLOWERS} followers, status moves in process, ${ALERT_NOTIFICATIONS.toLocaleString("en")} notifications…`);
    o.noteLoad?.(`alerts ${db.label}: setup and status moves`);
    await run(tsx, ["--conditions=react-server", "bench/alerts-setup.ts", setupPath, ...(o.quick ? ["--quick"] : [])], {
      cwd: o.root,
      env: env({ NODE_ENV: "production" }),
      logPath: path.join(o.logDir, `alerts-setup-${db.label}.log`),
      timeoutMs: 20 * 60_000,
      echoStderr: true,
    });
    const setup = JSON.parse(readFileSync(setupPath, "utf8")) as AlertsSetupResult;

    // The receiver: answers 204 at once, and notes when each delivery (by its id) arrived.
    const arrived = new Map<string, number>();
    const issueOf = new Map<string, string>();
    let duplicates = 0;
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const id = String(req.headers["x-sw-delivery"] ?? "");
        if (arrived.has(id)) duplicates++;
        else {
          arrived.set(id, performance.now());
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { subject?: { id?: string } };
            if (body.subject?.id) issueOf.set(body.subject.id, id);
          } catch {
            // not JSON: counted, without a lag
          }
        }
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver!.listen(0, "127.0.0.1", resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

    if (await portInUse(o.port)) throw new Error(`Port ${o.port} is already in use`);
    const appUrl = `http://localhost:${o.port}`;
    const base = `http://127.0.0.1:${o.port}`;
    server = start("npm", ["start"], { cwd: o.root, env: env({ PORT: String(o.port), APP_URL: appUrl }), logPath: path.join(o.logDir, `alerts-server-${db.label}.log`) });
    await waitForHttp(`${base}/api/health`, server, 300_000);
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, { method: "POST", headers: { "content-type": "application/json", origin: appUrl }, body: JSON.stringify(ADMIN) });
    if (!signIn.ok) throw new Error(`Sign-in failed: ${signIn.status} ${await signIn.text()}`);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const post = async <T>(route: string, body: unknown): Promise<T> => {
      const reply = await fetch(`${base}${route}`, { method: "POST", headers: { cookie, origin: appUrl, "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!reply.ok) throw new Error(`POST ${route}: ${reply.status} ${(await reply.text()).slice(0, 300)}`);
      return (await reply.json()) as T;
    };

    // Target 2: the admin's list (and its page), one connection.
    say(`[${db.label}] alerts: GET /api/notifications and /notifications with ${ALERT_NOTIFICATIONS.toLocaleString("en")} notifications, 1 connection…`);
    o.noteLoad?.(`alerts ${db.label}: notification list`);
    const list = await measureRoute(`${base}/api/notifications`, cookie, o.seconds);
    const listPage = await measureRoute(`${base}/notifications`, cookie, o.seconds);

    // Target 3.
    const health = `${base}/api/health`;
    await load(health, { connections: o.connections, seconds: 2 }); // warm-up
    o.noteLoad?.(`alerts ${db.label}: health idle`);
    const healthIdle = await load(health, { connections: o.connections, seconds: o.seconds });
    await post("/api/team/webhooks", { url: receiverUrl, kinds: ["new_issue"], format: "json" });
    const generateSeconds = o.quick ? 15 : 60;
    const events = Math.round((EVENTS_PER_MINUTE * generateSeconds) / 60);
    const interval = 60_000 / EVENTS_PER_MINUTE;
    say(`[${db.label}] alerts: ${events} issues created through the API in ${generateSeconds} s, each a webhook delivery to ${receiverUrl}…`);
    o.noteLoad?.(`alerts ${db.label}: webhooks`);
    const during = load(health, { connections: o.connections, seconds: 3_600 });
    const created = new Map<string, number>();
    const firstAt = performance.now();
    const inFlight = new Set<Promise<void>>();
    for (let n = 0; n < events; n++) {
      // On a fixed schedule, at most MAX_IN_FLIGHT requests open (the server takes 64 connections an address): when
      // the answers are slower than the schedule, the events fall behind it, and their rate below says so.
      const due = firstAt + n * interval;
      if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const request: Promise<void> = post<{ id: string }>("/api/issues", { title: `Bench webhook event ${n + 1}`, category: "dual-use-technology" })
        .then((issue) => void created.set(issue.id, performance.now()))
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
    const sentMs = performance.now() - firstAt;
    const deadline = performance.now() + 5 * 60_000;
    while (arrived.size < events && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const lastAt = Math.max(...arrived.values());
    o.noteLoad?.(`alerts ${db.label}: webhooks delivered`);
    stopLoads();
    const healthDuring = await during;
    const spanMs = lastAt - firstAt;
    const lags = [...created].flatMap(([issue, at]) => {
      const delivery = issueOf.get(issue);
      return delivery ? [arrived.get(delivery)! - at] : [];
    });
    return {
      ...setup,
      notifications: ALERT_NOTIFICATIONS,
      unread: ALERT_UNREAD,
      list,
      listPage,
      webhooks: {
        events,
        eventsPerMinute: round((events / sentMs) * 60_000, 0),
        deliveries: arrived.size,
        duplicates,
        spanMs: Math.round(spanMs),
        deliveriesPerMinute: round((arrived.size / spanMs) * 60_000, 0),
        lagMs: summarize(lags),
      },
      healthIdle,
      healthDuring,
    };
  } finally {
    stopLoads();
    if (server) await stop(server);
    if (receiver) {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver!.close(resolve));
    }
    await db.cleanup?.();
  }
}

/** One connection, after a sequential warm-up (the route's code loaded, the JIT warm). */
async function measureRoute(url: string, cookie: string, seconds: number): Promise<LoadResult> {
  for (let n = 0; n < 20; n++) {
    const reply = await fetch(url, { headers: { cookie } });
    await reply.arrayBuffer();
    if (!reply.ok) throw new Error(`${url} answered ${reply.status}`);
  }
  return load(url, { connections: 1, seconds, headers: { cookie } });
}

const extra = (r: AlertsResult, p: "p50" | "p95") => round(r.followedMove[p] - r.plainMove[p]);
const healthRatio = (r: AlertsResult) => round(r.healthDuring.p95 / Math.max(r.healthIdle.p95, 1), 3);

/** The issue's target lines, per database (the list's p95 on PGlite only, as the issue has it). */
export function alertsTargets(byDatabase: Record<string, AlertsResult>): Target[] {
  return Object.entries(byDatabase).flatMap(([db, r]): Target[] => {
    const w = r.webhooks;
    const complete = r.notificationsPerMove === r.followers;
    return [
      {
        id: `alerts-followers-commit-${db}`,
        issue: "#15",
        description: `status move notifying ${r.followers.toLocaleString("en")} followers, extra over none (p95 − p95), in process (${db})`,
        threshold: `≤ ${EXTRA_COMMIT_BUDGET_MS} ms`,
        measured: extra(r, "p95"),
        unit: "ms",
        pass: complete && extra(r, "p95") <= EXTRA_COMMIT_BUDGET_MS,
        note: `p50 ${r.followedMove.p50} vs ${r.plainMove.p50} ms (+${extra(r, "p50")} ms, ${round(r.followedMove.p50 / r.plainMove.p50)}×), p95 ${r.followedMove.p95} vs ${r.plainMove.p95} ms (${round(r.followedMove.p95 / r.plainMove.p95)}×), ${r.followedMove.n} moves each; ${r.notificationsPerMove} notifications a move`,
      },
      ...(db === "pglite"
        ? [
            {
              id: `alerts-list-p95-${db}`,
              issue: "#15",
              description: `GET /api/notifications, ${r.notifications.toLocaleString("en")} notifications, p95, 1 connection (${db})`,
              threshold: `≤ ${LIST_P95_BUDGET_MS} ms`,
              measured: r.list.p95,
              unit: "ms",
              pass: r.list.errors + r.list.non2xx === 0 && r.list.p95 <= LIST_P95_BUDGET_MS,
              note: `${r.unread} unread; p50 ${r.list.p50} ms, ${r.list.requests} requests; the /notifications page: p50 ${r.listPage.p50}, p95 ${r.listPage.p95} ms`,
            },
          ]
        : []),
      {
        id: `alerts-webhooks-per-minute-${db}`,
        issue: "#15",
        description: `webhook deliveries a minute to a local receiver, events sent at ${EVENTS_PER_MINUTE.toLocaleString("en")}/min (${db})`,
        threshold: `≥ ${DELIVERIES_PER_MINUTE.toLocaleString("en")}/min`,
        measured: w.deliveriesPerMinute,
        unit: "/min",
        pass: w.deliveries === w.events && w.deliveriesPerMinute >= DELIVERIES_PER_MINUTE,
        note: `${w.deliveries} of ${w.events} delivered (${w.duplicates} twice) in ${w.spanMs} ms from the first event; events sent at ${w.eventsPerMinute}/min; lag event → delivery p50 ${w.lagMs.p50}, p95 ${w.lagMs.p95} ms`,
      },
      {
        id: `alerts-webhooks-health-${db}`,
        issue: "#15",
        description: `GET /api/health p95 while the webhooks are delivered over idle (${db})`,
        threshold: "≤ 2×",
        measured: healthRatio(r),
        unit: "×",
        pass: healthRatio(r) <= 2,
        note: `idle p95 ${r.healthIdle.p95} ms, during ${r.healthDuring.p95} ms (${r.healthIdle.connections} connections)`,
      },
    ];
  });
}

/** The phase's figures side by side, one column per database. */
export function alertsTable(byDatabase: Record<string, AlertsResult>): string {
  const dbs = Object.keys(byDatabase);
  if (!dbs.length) return "";
  const row = (label: string, value: (r: AlertsResult) => Cell): Cell[] => [label, ...dbs.map((db) => value(byDatabase[db]!))];
  return table(
    "Alerts (issue 15): in process (ms), then on the production server",
    ["measurement", ...dbs],
    [
      row(`status move, issue with ${ALERT_FOLLOWERS} followers, p50`, (r) => r.followedMove.p50),
      row(`status move, issue with ${ALERT_FOLLOWERS} followers, p95`, (r) => r.followedMove.p95),
      row("status move, issue with no followers, p50", (r) => r.plainMove.p50),
      row("status move, issue with no followers, p95", (r) => r.plainMove.p95),
      row("  extra p50 / p95 (ms)", (r) => `${extra(r, "p50")} / ${extra(r, "p95")}`),
      row("  ratio p50 / p95 (×)", (r) => `${round(r.followedMove.p50 / r.plainMove.p50)} / ${round(r.followedMove.p95 / r.plainMove.p95)}`),
      row(`GET /api/notifications, ${ALERT_NOTIFICATIONS.toLocaleString("en")} notifications, 1 conn., p50 / p95`, (r) => `${r.list.p50} / ${r.list.p95}`),
      row("GET /notifications (the page), 1 conn., p50 / p95", (r) => `${r.listPage.p50} / ${r.listPage.p95}`),
      row("webhook events sent (per minute)", (r) => `${r.webhooks.events} (${r.webhooks.eventsPerMinute})`),
      row("webhook deliveries received (per minute)", (r) => `${r.webhooks.deliveries} (${r.webhooks.deliveriesPerMinute})`),
      row("  lag event → delivery p50 / p95 (ms)", (r) => `${r.webhooks.lagMs.p50} / ${r.webhooks.lagMs.p95}`),
      row("GET /api/health p95 idle / during (ms)", (r) => `${r.healthIdle.p95} / ${r.healthDuring.p95}`),
      row("  over idle (×)", healthRatio),
    ],
  );
}
