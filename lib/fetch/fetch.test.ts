import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FetchError, safeFetch, type FetchOptions } from "./fetch";

// The shared fetcher against real servers on 127.0.0.1. The allowed paths run with the loopback host
// allowed (as FETCH_ALLOW_HOSTS or FETCH_ALLOW_PRIVATE would); the guard's refusals run without it.

type Handler = (request: IncomingMessage, response: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: Server;
let base: string;

const PAGE = "<!doctype html><title>A page</title><p>Hello</p>";
const html = (body: string, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers });
  res.end(body);
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const handler = routes.get(new URL(req.url ?? "/", "http://x").pathname);
    if (handler) handler(req, res);
    else res.writeHead(404).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  routes.set("/page", html(PAGE, { etag: '"v1"', "last-modified": "Mon, 01 Apr 2024 10:00:00 GMT" }));
  routes.set("/echo", (req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ ua: req.headers["user-agent"], host: req.headers.host, accept: req.headers.accept }));
  });
  for (let i = 0; i < 8; i++) routes.set(`/hop/${i}`, (_req, res) => res.writeHead(302, { location: i === 0 ? "/page" : `/hop/${i - 1}` }).end());
  routes.set("/loop", (_req, res) => res.writeHead(301, { location: "/loop" }).end());
  routes.set("/to-metadata", (_req, res) => res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end());
  routes.set("/to-loopback", (_req, res) => res.writeHead(302, { location: `${base.replace("127.0.0.1", "127.0.0.2")}/page` }).end());
  routes.set("/big", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const more = () => {
      while (sent < 2 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once("drain", more);
      }
      res.end();
    };
    more();
  });
  // 100 MB of zeros gzipped to about 100 kB: the fetcher must stop inflating at its limit.
  const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });
  routes.set("/bomb", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
    res.end(bomb);
  });
  routes.set("/gzipped", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
    res.end(gzipSync(PAGE));
  });
  routes.set("/slow", (_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.write("<p>start");
    // Never ends: only the overall time limit stops it.
  });
  routes.set("/pdf", (_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4"));
  routes.set("/conditional", (req, res) => {
    if (req.headers["if-none-match"] === '"v2"' || req.headers["if-modified-since"] === "Tue, 02 Apr 2024 10:00:00 GMT") return res.writeHead(304).end();
    html(PAGE, { etag: '"v2"' })(req, res);
  });
  routes.set("/gone", (_req, res) => res.writeHead(410).end("gone"));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const ALLOWED: FetchOptions = { accept: ["text/html"], policy: { allowPrivate: false, allowHosts: ["127.0.0.1"] } };
const GUARDED: FetchOptions = { accept: ["text/html"], policy: { allowPrivate: false, allowHosts: [] } };

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe("fetching from an allowed host", () => {
  it("answers the body, status, type and validators", async () => {
    const page = await safeFetch(`${base}/page`, ALLOWED);
    expect(page).toMatchObject({ url: `${base}/page`, status: 200, contentType: "text/html; charset=utf-8", etag: '"v1"', notModified: false });
    expect(page.body.toString()).toBe(PAGE);
  });

  it("sends an honest User-Agent and keeps the Host header of the name", async () => {
    const echo = await safeFetch(`${base}/echo`, { ...ALLOWED, accept: ["application/json"] });
    const sent = JSON.parse(echo.body.toString()) as { ua: string; host: string; accept: string };
    expect(sent.ua).toMatch(/^SanctionsWatch\/\d+\.\d+\.\d+ \(\+https?:\/\/\S+\)$/);
    expect(sent.host).toBe(new URL(base).host);
    expect(sent.accept).toBe("application/json");
  });

  it("connects to the checked address with the name kept in the Host header", async () => {
    const port = new URL(base).port;
    const echo = await safeFetch(`http://news.example:${port}/echo`, {
      accept: ["application/json"],
      policy: { allowPrivate: false, allowHosts: ["news.example"] },
      resolve: async () => ["127.0.0.1"],
    });
    expect(JSON.parse(echo.body.toString())).toMatchObject({ host: `news.example:${port}` });
  });

  it("follows up to 5 redirects and reports the final URL", async () => {
    const page = await safeFetch(`${base}/hop/4`, ALLOWED);
    expect(page.url).toBe(`${base}/page`);
    expect(page.body.toString()).toBe(PAGE);
  });

  it("refuses a 6th redirect and a redirect loop", async () => {
    expect((await failure(safeFetch(`${base}/hop/5`, ALLOWED))).reason).toBe("too_many_redirects");
    expect((await failure(safeFetch(`${base}/loop`, ALLOWED))).reason).toBe("too_many_redirects");
  });

  it("stops a body past the limit, and lets a caller raise the limit", async () => {
    const error = await failure(safeFetch(`${base}/big`, { ...ALLOWED, maxBytes: 1024 * 1024 }));
    expect(error.reason).toBe("too_large");
    expect(error.message).toMatch(/1 MB/);
    expect((await safeFetch(`${base}/big`, { ...ALLOWED, maxBytes: 3 * 1024 * 1024 })).body.length).toBe(2 * 1024 * 1024);
  });

  it("inflates gzip, and stops a gzip bomb at the limit instead of inflating 100 MB", async () => {
    expect((await safeFetch(`${base}/gzipped`, ALLOWED)).body.toString()).toBe(PAGE);
    const started = Date.now();
    expect((await failure(safeFetch(`${base}/bomb`, ALLOWED))).reason).toBe("too_large");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("gives up on a slow server at the overall time limit", async () => {
    const started = Date.now();
    const error = await failure(safeFetch(`${base}/slow`, { ...ALLOWED, timeoutMs: 500 }));
    expect(error.reason).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("refuses a content type the caller does not read", async () => {
    const error = await failure(safeFetch(`${base}/pdf`, ALLOWED));
    expect(error.reason).toBe("bad_content_type");
    expect(error.message).toMatch(/application\/pdf/);
    expect((await safeFetch(`${base}/pdf`, { ...ALLOWED, accept: ["text/html", "application/pdf"] })).contentType).toBe("application/pdf");
  });

  it("answers an error status as bad_status with the status", async () => {
    const error = await failure(safeFetch(`${base}/gone`, ALLOWED));
    expect(error).toMatchObject({ reason: "bad_status", status: 410 });
  });

  it("sends ETag and Last-Modified back and reports a 304 as not modified", async () => {
    const first = await safeFetch(`${base}/conditional`, ALLOWED);
    expect(first).toMatchObject({ etag: '"v2"', notModified: false });
    expect(await safeFetch(`${base}/conditional`, { ...ALLOWED, etag: first.etag })).toMatchObject({ status: 304, notModified: true, body: Buffer.alloc(0) });
    expect(await safeFetch(`${base}/conditional`, { ...ALLOWED, lastModified: "Tue, 02 Apr 2024 10:00:00 GMT" })).toMatchObject({ notModified: true });
  });

  it("allows every private address with allowPrivate", async () => {
    expect((await safeFetch(`${base}/page`, { ...GUARDED, policy: { allowPrivate: true, allowHosts: [] } })).status).toBe(200);
  });

  it("answers a server that is not there as unreachable", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect((await failure(safeFetch(`http://127.0.0.1:${port}/`, ALLOWED))).reason).toBe("unreachable");
  });
});

describe("the guard, without the allow settings", () => {
  it("refuses anything but http and https, and credentials in the URL", async () => {
    for (const url of ["file:///etc/passwd", "ftp://example.org/", "gopher://127.0.0.1:6379/", "javascript:alert(1)", "not a url", "http://user:pw@example.org/"]) {
      expect((await failure(safeFetch(url, GUARDED))).reason, url).toBe("bad_url");
    }
  });

  it("refuses 127.0.0.1 and never connects", async () => {
    let reached = false;
    routes.set("/watched", (req, res) => {
      reached = true;
      html(PAGE)(req, res);
    });
    const error = await failure(safeFetch(`${base}/watched`, GUARDED));
    expect(error.reason).toBe("blocked_address");
    expect(error.message).toMatch(/127\.0\.0\.1.*loopback/);
    expect(reached).toBe(false);
  });

  it.each(["http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://10.0.0.1/", "http://100.64.0.1/", "http://0.0.0.0/", "http://2130706433/", "http://0x7f.1/"])(
    "refuses %s",
    async (url) => {
      expect((await failure(safeFetch(url, GUARDED))).reason).toBe("blocked_address");
    },
  );

  it("refuses a name that resolves to a private address", async () => {
    const error = await failure(safeFetch("http://intranet.example/", { ...GUARDED, resolve: async () => ["192.168.0.10"] }));
    expect(error.message).toMatch(/intranet\.example resolves to 192\.168\.0\.10, a private address/);
  });

  it("refuses a name that resolves to both a public and a private address", async () => {
    const error = await failure(safeFetch("http://rebind.example/", { ...GUARDED, resolve: async () => ["93.184.215.14", "127.0.0.1"] }));
    expect(error.reason).toBe("blocked_address");
    expect(error.message).toMatch(/127\.0\.0\.1/);
  });

  it("refuses a redirect from an allowed host to a forbidden address", async () => {
    expect((await failure(safeFetch(`${base}/to-metadata`, ALLOWED))).message).toMatch(/169\.254\.169\.254.*linkLocal/);
    // 127.0.0.2 is loopback too, but not the allowed host: the allowance is per host, checked at each hop.
    expect((await failure(safeFetch(`${base}/to-loopback`, ALLOWED))).reason).toBe("blocked_address");
  });

  it("answers a name that does not resolve as unreachable", async () => {
    const error = await failure(
      safeFetch("http://nowhere.invalid/", {
        ...GUARDED,
        resolve: async () => {
          throw new Error("ENOTFOUND");
        },
      }),
    );
    expect(error.reason).toBe("unreachable");
  });
});
