import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, type TestDatabase } from "./lib/database";
import { SlowClient, httpRequest } from "./lib/http";
import { AppServer, freePort, sleep } from "./lib/server";

// Issue 18, findings 9 and 12, against the production server (server.ts, decision 006) with short
// limits: slow clients held sockets for 86–310 s with no cap per address, and a TRACE request or a
// malformed percent-encoding answered 500.

const HEADERS_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 4_000;
const MAX_CONNECTIONS = 8;

describe("slow and greedy clients", () => {
  let database: TestDatabase;
  let server: AppServer;
  let port: number;

  beforeAll(async () => {
    database = await freshDatabase("slow-clients");
    port = await freePort();
    server = await AppServer.start({
      name: "slow-clients",
      port,
      ...database.server,
      env: { HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), MAX_CONNECTIONS_PER_ADDRESS: String(MAX_CONNECTIONS) },
    });
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  /**
   * Sends `lines` one every 300 ms until the server closes the connection: how long it stayed open, and how
   * many lines the client still had to send then (none: the server let the client run its course).
   * No upper bound on the time: Node checks the timeouts every second, and a loaded machine runs late.
   */
  async function trickle(client: SlowClient, lines: string[]): Promise<{ open: number; unsent: number }> {
    const started = Date.now();
    await client.ready;
    let sent = 0;
    for (const line of lines) {
      if (client.closed) break;
      client.write(line);
      sent++;
      await sleep(300);
    }
    await client.settled(10_000);
    await sleep(100);
    return { open: client.closed ? Date.now() - started : Infinity, unsent: lines.length - sent };
  }

  it("disconnects a client that never finishes its headers after the header timeout", async () => {
    const client = new SlowClient(port);
    const headerLines = ["GET /api/health HTTP/1.1\r\n", "Host: localhost\r\n", ...Array.from({ length: 60 }, (_, i) => `X-Slow-${i}: ${i}\r\n`)];
    const { open, unsent } = await trickle(client, headerLines);
    expect(open).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 200);
    expect(unsent, "lines the client still had to send when the server cut it off").toBeGreaterThan(0);
    expect(client.status).toBe(408);
    client.destroy();
  });

  it("disconnects a client that trickles its body after the request timeout", async () => {
    const client = new SlowClient(port);
    const head = "POST /api/issues HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n";
    const { open, unsent } = await trickle(client, [head, ...Array.from({ length: 60 }, () => " ")]);
    expect(open).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 200);
    expect(unsent, "bytes the client still had to send when the server cut it off").toBeGreaterThan(0);
    client.destroy();
  });

  it(`closes the connections past ${MAX_CONNECTIONS} from one address at once, and accepts again when one ends`, async () => {
    const holding = Array.from({ length: MAX_CONNECTIONS }, () => new SlowClient(port));
    await Promise.all(holding.map((c) => c.ready));
    const extra = new SlowClient(port);
    await extra.ready.catch(() => undefined);
    await extra.settled(1_000);
    expect(extra.closed).toBe(true);
    expect(holding.every((c) => !c.closed)).toBe(true);

    holding.pop()!.destroy();
    await sleep(100);
    expect((await httpRequest(`${server.url}/api/health`, { timeoutMs: 5_000 })).status).toBe(200);
    for (const c of holding) c.destroy();
  });

  it("answers TRACE and malformed percent-encoding with the API's 400, and a NUL in a page's address with 404", async () => {
    for (const [method, path, status] of [
      ["TRACE", "/api/issues", 400],
      ["GET", "/api/issues/%E0%A4%A", 400],
      ["GET", "/issues/%E0%A4%A", 400],
      ["GET", "/issues/%00", 404],
    ] as const) {
      const reply = await httpRequest<{ error: { code: string } }>(`${server.url}${path}`, { method, timeoutMs: 5_000 });
      expect(reply.status, `${method} ${path}`).toBe(status);
      expect(reply.json?.error.code, `${method} ${path}`).toBe(status === 404 ? "not_found" : "bad_request");
    }
    expect(server.unexpectedErrors()).toEqual([]);
  });
});
