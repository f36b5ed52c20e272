import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "./lib/database";
import { ApiClient, SlowClient, httpRequest, signIn, streamBody, type ErrorReply, type Reply } from "./lib/http";
import { AppServer, freePort, sleep } from "./lib/server";
import { createDocument, evidenceBody, expectStatus, issueBody, type IssueView } from "./lib/workload";

// Issue 8, item 5 — bad input at scale, against the production server: bodies over the limit
// (declared or streamed), JSON nested 100,000 levels deep, invalid UTF-8, 10,000-item arrays and
// 10,000 query parameters, and slow clients that trickle or stall. Each gets a clear 4xx (never a
// 500), while /api/health is polled the whole time and must keep answering, and the memory of the
// server process (VmRSS of next-server) stays bounded: it peaks within 400 MB of where it started,
// and comes back within 150 MB of it once the bad input stops.
//
// The two bounds measure different things. The peak is mostly garbage awaiting collection: every
// refused body is read up to its limit (10 MB for documents), and V8 sizes its heap before it
// collects by its own heuristics, which differ between Node versions (the peak ranged +101 to +226 MB
// over CI runs with the same code), so a tight bound on it is a bound on V8's timing. Reading past a
// limit is caught where it happens (a 100 MB body must be cut off before 24 MB are sent); what the
// server keeps is the second bound, the leak check. On PGlite the process also holds the embedded
// database, whose WebAssembly memory grows and never shrinks: +50 to +83 MB kept in our runs, against
// +17 to +22 MB on PostgreSQL.

const MB = 1024 * 1024;
const PEAK_GROWTH_LIMIT = 400 * MB;
const RETAINED_GROWTH_LIMIT = 150 * MB;
/** How long the server may take to give back its garbage once the load stops (V8's memory reducer runs after some seconds of quiet). */
const SETTLE_MS = 30_000;
const DEPTH = 100_000;
const kind = process.env.DATABASE_URL ? "PostgreSQL" : "PGlite";

const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80]);
const withInvalidUtf8 = (before: string, after: string) => Buffer.concat([Buffer.from(before), INVALID_UTF8, Buffer.from(after)]);
const many = <T>(make: (i: number) => T, count = 10_000) => Array.from({ length: count }, (_, i) => make(i));

/** Polls /api/health until stopped: every answer must be a 200, and come within 10 s. */
class HealthWatch {
  readonly statuses = new Map<string, number>();
  maxLatencyMs = 0;
  count = 0;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(url: string) {
    this.loop = (async () => {
      while (this.running) {
        const started = Date.now();
        const status = await httpRequest(`${url}/api/health`, { timeoutMs: 10_000 })
          .then((r) => String(r.status))
          .catch((error: Error) => error.message);
        this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
        this.maxLatencyMs = Math.max(this.maxLatencyMs, Date.now() - started);
        this.count++;
        await sleep(200);
      }
    })();
  }

  async stop() {
    this.running = false;
    await this.loop;
  }
}

/** Samples the server's resident memory every 100 ms. */
class RssWatch {
  max = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly server: AppServer) {
    this.max = server.rss();
    this.timer = setInterval(() => {
      try {
        this.max = Math.max(this.max, this.server.rss());
      } catch {
        // The process is gone: the health watch reports it.
      }
    }, 100);
  }
  stop() {
    clearInterval(this.timer);
  }
}

describe(`bad input at scale (${kind})`, () => {
  let database: TestDatabase | undefined;
  let server: AppServer;
  let admin: ApiClient;
  let issue: IssueView;
  let documentId: string;
  let health: HealthWatch;
  let rss: RssWatch;
  let baseline = 0;

  beforeAll(async () => {
    database = await freshDatabase("bad-input");
    server = await AppServer.start({ name: "bad-input", port: await freePort(), ...database.server });
    admin = await signIn(server.url);
    const created = await admin.post<IssueView>("/api/issues", issueBody("Bad input target"));
    expectStatus(created, 201, "creating the target issue");
    issue = created.json;
    const document = await createDocument(admin, "bad-input", 3);
    documentId = document.id;
    expectStatus(await admin.post(`/api/issues/${issue.id}/evidence`, evidenceBody(documentId, document.passages[0]!)), 201, "linking evidence");
    // Load every route used below once, so the baseline includes the code, not just the data.
    for (const path of ["/api/issues", "/api/documents", "/api/briefings", "/api/sources", "/api/team/tokens", "/api/stats"]) await admin.get(path);
    await admin.post("/api/issues", {});
    await admin.post("/api/briefings", {});
    await admin.post("/api/sources", {});
    await admin.post("/api/team/tokens", {});
    await admin.post("/api/admin/restore", {});
    const anonymous = new ApiClient(server.url);
    await anonymous.post("/api/auth/sign-in/email", { email: "nobody@example.org", password: "not the password" });
    anonymous.close();
    baseline = server.rss();
    rss = new RssWatch(server);
    health = new HealthWatch(server.url);
  });

  afterAll(async () => {
    rss?.stop();
    await health?.stop();
    admin?.close();
    await server?.kill();
    await database?.drop();
  });

  /** A request with a raw body; returns the reply (no assertion). */
  const send = (method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<ErrorReply> =>
    admin.request(method, path, { body, headers: { "content-type": "application/json", ...headers }, timeoutMs: 30_000 });

  /** Asserts a clear client error: one of the statuses allowed (the message shows the body). */
  function expectClientError(reply: Reply, allowed: number[], what: string) {
    expect(allowed, `${what}: ${reply.status} ${reply.text.slice(0, 300)}`).toContain(reply.status);
  }

  it("refuses bodies over the limit with 413 as soon as the limit is passed, on the API and on sign-in", async () => {
    const { port } = server.options;
    const head = (method: string, path: string, framing: string) =>
      `${method} ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nCookie: ${admin.cookie}\r\nOrigin: ${server.url}\r\n` +
      `Content-Type: application/json\r\nIf-Match: "${issue.version}"\r\n${framing}\r\n`;
    const targets = [
      ["POST", "/api/issues", 1 * MB],
      ["PATCH", `/api/issues/${issue.id}`, 1 * MB],
      ["POST", `/api/issues/${issue.id}/evidence`, 1 * MB],
      ["POST", "/api/briefings", 1 * MB],
      ["POST", "/api/documents", 10 * MB],
      ["POST", "/api/auth/sign-in/email", 64 * 1024],
      ["POST", "/api/auth/sign-out", 64 * 1024],
    ] as const;
    for (let round = 0; round < 3; round++) {
      for (const [method, path, limit] of targets) {
        // Declared: a Content-Length of 5 MB (12 MB for documents) is refused before any byte of the body.
        const declared = new SlowClient(port);
        await declared.ready;
        declared.write(head(method, path, `Content-Length: ${limit + 4 * MB}\r\n`));
        await declared.settled(10_000, '"payload_too_large"');
        expect(declared.status, `${method} ${path}, ${limit + 4 * MB} bytes declared: ${declared.received.slice(0, 300)}`).toBe(413);
        expect(declared.received).toContain('"payload_too_large"');
        declared.destroy();

        // Chunked, no length: the server reads up to its limit and answers 413 then, without waiting
        // for a body that never ends (we stop 64 KB past the limit and wait).
        const chunked = new SlowClient(port);
        await chunked.ready;
        chunked.write(head(method, path, "Transfer-Encoding: chunked\r\n"));
        const piece = Buffer.alloc(64 * 1024, "a");
        for (let sent = 0; sent <= limit; sent += piece.byteLength) chunked.write(Buffer.concat([Buffer.from(`${piece.byteLength.toString(16)}\r\n`), piece, Buffer.from("\r\n")]));
        await chunked.settled(10_000, '"payload_too_large"');
        expect(chunked.status, `${method} ${path}, chunked past ${limit} bytes: ${chunked.received.slice(0, 300)}`).toBe(413);
        expect(chunked.received).toContain('"payload_too_large"');
        chunked.destroy();
      }
    }

    // And 100 MB thrown at each, as fast as the connection takes it: the server must stop reading
    // early. Usually its 413 arrives; it may also close the connection with our bytes unread (it
    // does not linger), and the client sees a reset instead: either way, long before 100 MB.
    const headers = { "content-type": "application/json", cookie: admin.cookie, origin: server.url, "if-match": `"${issue.version}"` };
    const resets: string[] = [];
    for (const [method, path] of targets) {
      const reply = await streamBody(`${server.url}${path}`, { method, headers, totalBytes: 100 * MB });
      const what = `${method} ${path}, 100 MB chunked`;
      expect(reply.sentBytes, what).toBeLessThan(24 * MB);
      if (reply.status === null) {
        expect(["ECONNRESET", "EPIPE"], `${what}: ${reply.error}`).toContain(reply.error);
        resets.push(path);
      } else {
        expect(reply.status, `${what}: ${reply.text.slice(0, 200)}`).toBe(413);
      }
    }
    if (resets.length) console.log(`[bad-input] 100 MB bodies: the connection was reset before the 413 could be read on ${resets.join(", ")}`);

    // Anonymous: refused before the body is read.
    const anonymous = new SlowClient(port);
    await anonymous.ready;
    anonymous.write(`POST /api/issues HTTP/1.1\r\nHost: localhost:${port}\r\nContent-Type: application/json\r\nContent-Length: ${5 * MB}\r\n\r\n`);
    await anonymous.settled(10_000);
    expect(anonymous.status, anonymous.received.slice(0, 300)).toBe(401);
    anonymous.destroy();
  });

  it(`refuses JSON nested ${DEPTH.toLocaleString("en")} levels deep with a 4xx`, async () => {
    const backup = await admin.get<{ events: Array<Record<string, unknown>> }>("/api/admin/backup");
    expectStatus(backup, 200, "downloading the team backup");
    const deepBackup = JSON.stringify({ ...backup.json, events: [{ ...backup.json.events[0], before: "@DEEP@" }, ...backup.json.events.slice(1)] }).replace('"@DEEP@"', deepArray(DEPTH));
    const cases: Array<[string, string, string]> = [
      ["POST", "/api/issues", `{"title":${deepArray(DEPTH)},"category":"other"}`],
      ["POST", "/api/issues", deepArray(DEPTH)],
      ["POST", "/api/issues", deepObject(DEPTH)],
      ["POST", "/api/issues", `{"title":"Deep","category":"other","extra":${deepObject(DEPTH)}}`],
      ["PATCH", `/api/issues/${issue.id}`, `{"tags":${deepArray(DEPTH)}}`],
      ["POST", `/api/issues/${issue.id}/evidence`, `{"documentId":"${documentId}","quote":${deepArray(DEPTH)}}`],
      ["POST", "/api/documents", `{"text":"Deep JSON.","evidence":${deepArray(DEPTH)}}`],
      ["POST", "/api/briefings", `{"title":"Deep","filter":${deepObject(DEPTH)}}`],
      ["POST", "/api/sources", `{"name":${deepObject(DEPTH)}}`],
      ["POST", "/api/team/tokens", `{"name":"Deep","role":${deepArray(DEPTH)}}`],
      ["POST", "/api/admin/restore", deepBackup],
      // 200 KB: over the 64 KB that the auth routes take, so a 413 there.
      ["POST", "/api/auth/sign-in/email", `{"email":${deepArray(DEPTH)},"password":"watch-the-risk-2024"}`],
    ];
    for (const [method, path, body] of cases) {
      const reply = await send(method, path, body, { "if-match": `"${issue.version}"` });
      expectClientError(reply, [400, 413, 422], `${method} ${path} nested ${DEPTH} deep`);
    }
  });

  it("refuses invalid UTF-8 with a 4xx", async () => {
    const cases: Array<[string, string, Buffer, number[]]> = [
      ["POST", "/api/issues", withInvalidUtf8('{"title":"', '","category":"other"}'), [400]],
      ["PATCH", `/api/issues/${issue.id}`, withInvalidUtf8('{"title":"', '"}'), [400]],
      ["POST", `/api/issues/${issue.id}/evidence`, withInvalidUtf8(`{"documentId":"${documentId}","quote":"`, '","credibility":2,"stance":"context"}'), [400]],
      ["POST", "/api/documents", withInvalidUtf8('{"text":"', '"}'), [400]],
      ["POST", "/api/sources", withInvalidUtf8('{"name":"', '"}'), [400]],
      ["POST", "/api/auth/sign-in/email", withInvalidUtf8('{"email":"', '","password":"watch-the-risk-2024"}'), [400, 401]],
    ];
    for (const [method, path, body, allowed] of cases) {
      const reply = await send(method, path, body, { "if-match": `"${issue.version}"` });
      expectClientError(reply, allowed, `${method} ${path} with invalid UTF-8`);
      if (!path.startsWith("/api/auth")) expect(reply.json.error?.code).toBe("bad_request");
    }
    // An uploaded .txt file that is not UTF-8.
    const boundary = "reliability-boundary";
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bad.txt"\r\nContent-Type: text/plain\r\n\r\n`),
      INVALID_UTF8,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await send("POST", "/api/documents", multipart, { "content-type": `multipart/form-data; boundary=${boundary}` });
    expectClientError(upload, [422], "upload of a non-UTF-8 .txt");
  });

  it("refuses 10,000-item arrays with 422, and 10,000 query parameters with a 4xx", async () => {
    const base = { title: "Ten thousand", category: "other" };
    const cases: Array<[string, string, unknown]> = [
      ["POST", "/api/issues", { ...base, jurisdictions: many(() => "CN") }],
      ["POST", "/api/issues", { ...base, actors: many((i) => `Actor ${i}`) }],
      ["POST", "/api/issues", { ...base, hsCodes: many(() => "8542") }],
      ["POST", "/api/issues", { ...base, tags: many((i) => i) }],
      ["POST", "/api/issues", many(() => base)],
      ["PATCH", `/api/issues/${issue.id}`, { tags: many((i) => `tag ${i}`) }],
      ["POST", "/api/documents", { text: "Ten thousand links.", evidence: many(() => ({ issueId: issue.id, quote: "Ten", credibility: 2, stance: "context" })) }],
      ["POST", "/api/briefings", { title: "Ten thousand", marking: "TLP:CLEAR", issueIds: many(() => issue.id) }],
      ["POST", "/api/briefings", { title: "Ten thousand", marking: "TLP:CLEAR", filter: { status: many(() => "monitoring") } }],
    ];
    for (const [method, path, json] of cases) {
      const reply: ErrorReply = await admin.request(method, path, { json, ifMatch: issue.version });
      expectClientError(reply, [422], `${method} ${path} with a 10,000-item array`);
      expect(reply.json.error?.code).toBe("validation_failed");
      expect(reply.text.length, "the error stays short").toBeLessThan(10_000);
    }
    // 10,000 query parameters make a request line far over Node's 16 KB header limit: 431, and the
    // connection closed.
    for (const query of [many(() => "status=monitoring").join("&"), many((i) => `source=s${i}`).join("&")]) {
      const client = new SlowClient(server.options.port);
      await client.ready;
      client.write(`GET /api/issues?${query} HTTP/1.1\r\nHost: localhost\r\nCookie: ${admin.cookie}\r\n\r\n`);
      await client.settled(10_000);
      expect(client.status, client.received.slice(0, 200)).toBe(431);
      client.destroy();
    }
    // Within the limit, 500 repeated filters are validated like any list.
    const reply: ErrorReply = await admin.get(`/api/issues?${many(() => "status=monitoring", 500).join("&")}`);
    expectClientError(reply, [200, 422], "500 repeated filters");
  });

  it("serves slow clients without letting them block anyone: a trickled body is served, stalled ones hold nothing", async () => {
    const { port } = server.options;
    const head = (path: string, length: number | "chunked", extra = "") =>
      `POST ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nCookie: ${admin.cookie}\r\nOrigin: ${server.url}\r\nContent-Type: application/json\r\n` +
      (length === "chunked" ? "Transfer-Encoding: chunked\r\n" : `Content-Length: ${length}\r\n`) +
      `${extra}\r\n`;

    // A body trickled one byte every 20 ms (about 4 s) is read to the end and served.
    const body = JSON.stringify(issueBody("Trickled issue"));
    const trickle = new SlowClient(port);
    await trickle.ready;
    trickle.write(head("/api/issues", Buffer.byteLength(body)));
    for (const byte of Buffer.from(body)) {
      trickle.write(Buffer.from([byte]));
      await sleep(20);
    }
    for (let i = 0; i < 100 && trickle.status === null; i++) await sleep(100);
    expect(trickle.status, trickle.received.slice(0, 300)).toBe(201);
    trickle.destroy();

    // Forty clients stall: half a body, a chunked body that stops, headers that never end.
    const stalled: SlowClient[] = [];
    for (let i = 0; i < 40; i++) {
      const client = new SlowClient(port);
      await client.ready;
      if (i % 4 === 0) client.write(`POST /api/issues HTTP/1.1\r\nHost: localhost:${port}\r\nCookie: ${admin.cookie}\r\n`);
      else if (i % 4 === 1) client.write(head("/api/issues", "chunked") + "10\r\n{\"title\":\"Stall");
      else if (i % 4 === 2) client.write(head("/api/auth/sign-in/email", 1000) + '{"email":"admin@example.org",');
      else client.write(head(`/api/issues/${issue.id}/evidence`, 100_000) + `{"documentId":"${documentId}","quote":"`);
      stalled.push(client);
    }
    await sleep(1_000);

    // Meanwhile everyone else is served at once: reads, and writes (no stalled request holds the
    // database; on PGlite that would block every other query).
    const started = Date.now();
    const write = await admin.request<IssueView>("POST", "/api/issues", { json: issueBody("Written while others stall"), timeoutMs: 5_000 });
    expectStatus(write, 201, "a write while 40 clients stall");
    const moved = await admin.request<IssueView>("PATCH", `/api/issues/${write.json.id}`, {
      json: { status: "warning_issued", rationale: "Moved while others stall" },
      ifMatch: write.json.version,
      timeoutMs: 5_000,
    });
    expectStatus(moved, 200, "a status move while 40 clients stall");
    expectStatus(await admin.request("GET", "/api/issues", { timeoutMs: 5_000 }), 200, "the watchlist while 40 clients stall");
    const signedIn = await signIn(server.url);
    signedIn.close();
    console.log(`[bad-input] with 40 stalled clients: write, move, read and sign-in in ${Date.now() - started} ms`);
    await sleep(2_000);

    // No stalled client got a server error; the server may have closed some (a timeout), or
    // still be waiting for their bytes (Node's requestTimeout, 300 s by default, ends those).
    const answered = stalled.map((client) => client.status).filter((status) => status !== null);
    expect(answered.filter((status) => status! >= 500)).toEqual([]);
    console.log(`[bad-input] stalled clients after 3 s: ${answered.length} answered (${answered.join(" ") || "none"}), ${stalled.filter((c) => c.closed).length} closed by the server`);
    for (const client of stalled) client.destroy();
    await sleep(500);
    expectStatus(await admin.get("/api/health"), 200, "health after the stalled clients left");
  });

  it("kept serving /api/health throughout, with bounded memory and no server error", async () => {
    rss.stop();
    const peak = rss.max - baseline;
    // Health checks go on while the server settles: a little traffic, as in life.
    const settled = await settledRss(server, baseline + RETAINED_GROWTH_LIMIT, SETTLE_MS);
    await health.stop();
    const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
    console.log(
      `[bad-input] ${health.count} health checks: ${JSON.stringify(Object.fromEntries(health.statuses))}, slowest ${health.maxLatencyMs} ms; ` +
        `RSS ${mb(baseline)} at the start, at most ${mb(rss.max)} (+${mb(peak)}), ${mb(settled.rss)} after ${(settled.waitedMs / 1000).toFixed(1)} s of quiet (+${mb(settled.rss - baseline)})`,
    );
    expect([...health.statuses.keys()]).toEqual(["200"]);
    expect(health.count).toBeGreaterThan(10);
    expect(peak, "peak RSS growth of next-server").toBeLessThan(PEAK_GROWTH_LIMIT);
    expect(settled.rss - baseline, "RSS growth of next-server kept after the bad input").toBeLessThan(RETAINED_GROWTH_LIMIT);
    expect(server.unexpectedErrors()).toEqual([]);
  });
});

/** Waits until the server's RSS is at or under `target`, for at most `timeoutMs`; returns the last reading. */
async function settledRss(server: AppServer, target: number, timeoutMs: number): Promise<{ rss: number; waitedMs: number }> {
  const started = Date.now();
  for (;;) {
    const rss = server.rss();
    const waitedMs = Date.now() - started;
    if (rss <= target || waitedMs >= timeoutMs) return { rss, waitedMs };
    await sleep(500);
  }
}
