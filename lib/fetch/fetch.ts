import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { env } from "@/lib/env";
import packageJson from "@/package.json";
import { bareHost, forbiddenRange } from "./address";
import { FetchError } from "./errors";

// Every fetch the server makes on a user's behalf (captures, feeds, list downloads, webhooks) goes
// through here, so the SSRF guard is in one place: a URL someone pastes must not reach the machine, its
// network or the cloud metadata service, neither directly, nor by a redirect, nor by a name that
// resolves differently the second time it is asked (DNS rebinding). Each hop resolves the name once,
// checks every address, and connects to the checked address itself (a custom `lookup`), keeping the
// name for the Host header and TLS.

export { FetchError, type FetchFailure } from "./errors";

export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 20_000;
export const MAX_REDIRECTS = 5;

export type Resolver = (hostname: string) => Promise<string[]>;

export type FetchOptions = {
  /** Media types accepted (`text/html`, `application/pdf`…), compared without parameters; anything else is bad_content_type. */
  accept: readonly string[];
  /** The body's size after decompression; past it the download stops (too_large). */
  maxBytes?: number;
  /** The whole fetch, redirects included. */
  timeoutMs?: number;
  /** Conditional GET: what the last fetch answered. A 304 comes back as `notModified`. */
  etag?: string | null;
  lastModified?: string | null;
  /** Defaults to the settings (FETCH_ALLOW_PRIVATE, FETCH_ALLOW_HOSTS); tests pass their own. */
  policy?: { allowPrivate: boolean; allowHosts: readonly string[] };
  /** Name resolution, every address of the name (tests inject one; the default asks the system resolver). */
  resolve?: Resolver;
};

export type Fetched = {
  /** Where the body came from, after redirects. */
  url: string;
  status: number;
  /** The media type as sent, parameters included (charset), or null. */
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Empty when notModified. */
  body: Buffer;
  notModified: boolean;
};

const systemResolver: Resolver = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

export function userAgent(): string {
  return `SanctionsWatch/${packageJson.version} (+${env().appUrl})`;
}

/** GET `url` within the guard and the limits above; every failure is a FetchError with its reason. */
export async function safeFetch(url: string, options: FetchOptions): Promise<Fetched> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new FetchError("timeout", `No complete answer within ${timeoutMs / 1000} s`)), timeoutMs);
  try {
    let current = parseUrl(url);
    for (let redirects = 0; ; redirects++) {
      const address = await checkedAddress(current, options);
      const response = await request(current, address, options, deadline.signal);
      const location = response.headers.location;
      if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304 && location) {
        response.resume();
        if (redirects >= MAX_REDIRECTS) throw new FetchError("too_many_redirects", `More than ${MAX_REDIRECTS} redirects`);
        current = parseUrl(new URL(location, current).toString());
        continue;
      }
      return await read(current, response, options, deadline.signal);
    }
  } catch (error) {
    throw deadline.signal.aborted ? deadline.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

function parseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FetchError("bad_url", "Not a web address");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new FetchError("bad_url", "Only http:// and https:// addresses can be fetched");
  if (url.username || url.password) throw new FetchError("bad_url", "Addresses with a user name or password are not fetched");
  return url;
}

/** The address to connect to: every address of the name is checked unless the settings allow the host. */
async function checkedAddress(url: URL, options: FetchOptions): Promise<string> {
  const host = bareHost(url.hostname);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.resolve ?? systemResolver)(host);
    } catch {
      throw new FetchError("unreachable", `The name ${host} could not be resolved`);
    }
    if (addresses.length === 0) throw new FetchError("unreachable", `The name ${host} could not be resolved`);
  }
  const policy = options.policy ?? env().fetch;
  if (policy.allowPrivate || policy.allowHosts.includes(host.toLowerCase())) return addresses[0]!;
  for (const address of addresses) {
    const range = forbiddenRange(address);
    // One bad address refuses the name: which one a connection would use is not ours to choose.
    if (range) throw new FetchError("blocked_address", `${host} resolves to ${address}, a ${range} address, which is not fetched`);
  }
  return addresses[0]!;
}

export type PostOptions = Pick<FetchOptions, "timeoutMs" | "policy" | "resolve"> & {
  body: string;
  headers: Record<string, string>;
  /** How much of the answer to keep (an excerpt for a log); the rest is read and dropped. */
  keepBytes?: number;
};

export type Posted = { status: number; excerpt: string };

/**
 * POST `body` to `url` within the same guard (webhooks): one hop, no redirect followed (a 3xx is the answer),
 * any status returned as is, and only the first `keepBytes` of the answer kept.
 */
export async function safePost(url: string, options: PostOptions): Promise<Posted> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new FetchError("timeout", `No complete answer within ${timeoutMs / 1000} s`)), timeoutMs);
  try {
    const target = parseUrl(url);
    const address = await checkedAddress(target, { accept: [], ...options });
    const response = await request(target, address, { accept: ["*/*"] }, deadline.signal, { method: "POST", body: options.body, headers: options.headers });
    const keep = options.keepBytes ?? 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    await new Promise<void>((resolve, reject) => {
      response.on("data", (chunk: Buffer) => {
        if (size < keep) chunks.push(chunk);
        size += chunk.length;
        if (size > DEFAULT_MAX_BYTES) response.destroy();
      });
      response.on("end", resolve);
      response.on("close", resolve);
      response.on("error", (error) => reject(deadline.signal.aborted ? deadline.signal.reason : new FetchError("unreachable", `The answer was cut off: ${error.message}`)));
    });
    return { status: response.statusCode ?? 0, excerpt: Buffer.concat(chunks).subarray(0, keep).toString("utf8") };
  } catch (error) {
    throw deadline.signal.aborted ? deadline.signal.reason : error;
  } finally {
    clearTimeout(timer);
  }
}

/** Whether the guard refuses `url` outright (not http(s), or an address literal or name in a forbidden range); null when it may be tried. */
export async function refusedUrl(url: string, options: Pick<FetchOptions, "policy" | "resolve"> = {}): Promise<string | null> {
  try {
    await checkedAddress(parseUrl(url), { accept: [], ...options });
    return null;
  } catch (error) {
    if (error instanceof FetchError && (error.reason === "bad_url" || error.reason === "blocked_address")) return error.message;
    return null; // a name that does not resolve now may later: the delivery log will say
  }
}

type Send = { method: "POST"; body: string; headers: Record<string, string> };

function request(url: URL, address: string, options: Pick<FetchOptions, "accept" | "etag" | "lastModified">, signal: AbortSignal, send?: Send): Promise<IncomingMessage> {
  const family = isIP(address);
  // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily): it gets the one checked.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const headers: Record<string, string> = { "user-agent": userAgent(), accept: options.accept.join(", "), "accept-encoding": "gzip, deflate, br" };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  if (send) Object.assign(headers, send.headers, { "content-length": String(Buffer.byteLength(send.body)) });
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: send?.method ?? "GET", headers, lookup, agent: false, signal }, resolve);
    req.on("error", (error) => reject(signal.aborted ? signal.reason : new FetchError("unreachable", `Could not connect to ${url.host}: ${error.message}`)));
    req.end(send?.body);
  });
}

async function read(url: URL, response: IncomingMessage, options: FetchOptions, signal: AbortSignal): Promise<Fetched> {
  const status = response.statusCode ?? 0;
  const header = (name: string) => {
    const value = response.headers[name];
    return typeof value === "string" ? value : null;
  };
  const base = { url: url.toString(), status, contentType: header("content-type"), etag: header("etag"), lastModified: header("last-modified") };
  if (status === 304 && (options.etag || options.lastModified)) {
    response.resume();
    return { ...base, body: Buffer.alloc(0), notModified: true };
  }
  if (status < 200 || status >= 300) {
    response.resume();
    throw new FetchError("bad_status", `The server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ""}`, status);
  }
  const mediaType = (base.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!options.accept.includes(mediaType)) {
    response.resume();
    throw new FetchError("bad_content_type", `The server sent ${mediaType || "no content type"}; expected ${options.accept.join(", ")}`);
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const declared = Number(header("content-length"));
  if (!response.headers["content-encoding"] && declared > maxBytes) {
    response.destroy();
    throw new FetchError("too_large", `The answer is larger than ${formatMegabytes(maxBytes)}`);
  }
  const body = await readLimited(decoded(response), maxBytes, signal);
  return { ...base, body, notModified: false };
}

/** The body as sent before its Content-Encoding: a gzip bomb is inflated only up to the limit. */
function decoded(response: IncomingMessage): Readable {
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  const decoder = encoding === "gzip" || encoding === "x-gzip" ? createGunzip() : encoding === "deflate" ? createInflate() : encoding === "br" ? createBrotliDecompress() : null;
  if (!decoder) return response;
  response.on("error", (error) => decoder.destroy(error));
  return response.pipe(decoder);
}

function readLimited(stream: Readable, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = () => new FetchError("too_large", `The answer is larger than ${formatMegabytes(maxBytes)}`);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", (error) => reject(signal.aborted ? signal.reason : new FetchError("unreachable", `The answer was cut off or damaged: ${error.message}`)));
    stream.on("close", () => {
      if (signal.aborted) reject(signal.reason);
    });
  });
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
