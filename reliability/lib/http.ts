import http from "node:http";
import net from "node:net";
import { DEMO_ADMIN } from "@/lib/env";

// HTTP for the reliability suite, on node:http rather than fetch: each simulated client owns its
// keep-alive connection (so 20 clients really are 20 sockets), every request has a deadline (a hang
// fails the test instead of stalling it), and raw bodies (invalid UTF-8, chunked, trickled) can be sent.

export type Reply<T = unknown> = {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: T;
};

export type ErrorReply = Reply<{ error?: { code: string; message: string; details?: unknown } }>;

export type RequestOptions = {
  method?: string;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  /** Sent as is (set the content-type yourself). */
  body?: string | Buffer;
  agent?: http.Agent;
  /** The whole exchange must finish within this; default 30 s. */
  timeoutMs?: number;
};

const MAX_REPLY_BYTES = 16 * 1024 * 1024;

/** One request; rejects on a network error or when the deadline passes. */
export function httpRequest<T = unknown>(url: string, options: RequestOptions = {}): Promise<Reply<T>> {
  const method = options.method ?? (options.json === undefined && options.body === undefined ? "GET" : "POST");
  const headers: Record<string, string> = { ...options.headers };
  let body: Buffer | undefined;
  if (options.json !== undefined) {
    body = Buffer.from(JSON.stringify(options.json));
    headers["content-type"] ??= "application/json";
  } else if (options.body !== undefined) {
    body = Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
  }
  if (body) headers["content-length"] = String(body.byteLength);
  const timeoutMs = options.timeoutMs ?? 30_000;

  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, reply?: Reply<T>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(reply!);
    };
    const request = http.request(url, { method, headers, agent: options.agent ?? false }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size <= MAX_REPLY_BYTES) chunks.push(chunk);
      });
      response.on("error", (error) => finish(error));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let json: unknown = undefined;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        finish(null, { status: response.statusCode ?? 0, headers: response.headers, text, json: json as T });
      });
    });
    const timer = setTimeout(() => {
      const error = new Error(`No complete reply within ${timeoutMs} ms: ${method} ${url}`);
      request.destroy(error);
      finish(error);
    }, timeoutMs);
    request.on("error", (error) => finish(error));
    request.end(body);
  });
}

/**
 * A signed-in (or anonymous) API client with its own keep-alive connection. Mutating requests carry
 * the instance's Origin, as a browser on the app's page would.
 */
export class ApiClient {
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(
    readonly baseUrl: string,
    public cookie = "",
  ) {}

  request<T = unknown>(method: string, path: string, options: Omit<RequestOptions, "method" | "agent"> & { ifMatch?: number } = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { origin: this.baseUrl, ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;
    return httpRequest<T>(this.baseUrl + path, { ...options, method, headers, agent: this.agent });
  }

  get<T = unknown>(path: string): Promise<Reply<T>> {
    return this.request<T>("GET", path);
  }

  post<T = unknown>(path: string, json: unknown): Promise<Reply<T>> {
    return this.request<T>("POST", path, { json });
  }

  patch<T = unknown>(path: string, json: unknown, ifMatch: number): Promise<Reply<T>> {
    return this.request<T>("PATCH", path, { json, ifMatch });
  }

  /** The same client (same session) on another instance, with its own connection. */
  on(baseUrl: string): ApiClient {
    return new ApiClient(baseUrl, this.cookie);
  }

  close() {
    this.agent.destroy();
  }
}

/** Signs in through better-auth's endpoint; the client then carries the session cookie. */
export async function signIn(baseUrl: string, credentials: { email: string; password: string } = DEMO_ADMIN): Promise<ApiClient> {
  const client = new ApiClient(baseUrl);
  const reply = await client.post("/api/auth/sign-in/email", credentials);
  if (reply.status !== 200) throw new Error(`Sign-in on ${baseUrl} failed: ${reply.status} ${reply.text.slice(0, 300)}`);
  client.cookie = cookiesOf(reply.headers);
  if (!client.cookie.includes("session_token=")) throw new Error(`Sign-in on ${baseUrl} set no session cookie: ${client.cookie}`);
  return client;
}

/** `Set-Cookie` headers → a `Cookie` header value. */
export function cookiesOf(headers: http.IncomingHttpHeaders): string {
  return (headers["set-cookie"] ?? []).map((line) => line.split(";")[0]!.trim()).join("; ");
}

/**
 * Streams a large body (chunked unless `contentLength` is given) and resolves as soon as the server
 * answers: a server that refuses the body early must not have to read it all. A server that stops
 * reading may also reset the connection before its answer is read (it closes with our bytes still
 * unread): then `status` is null, `error` says how, and `sentBytes` tells how far it let us get.
 */
export function streamBody(
  url: string,
  options: { method?: string; headers: Record<string, string>; totalBytes: number; chunk?: Buffer; contentLength?: boolean; timeoutMs?: number },
): Promise<{ status: number | null; text: string; sentBytes: number; error?: string }> {
  const chunk = options.chunk ?? Buffer.alloc(64 * 1024, "a");
  const headers = { ...options.headers, ...(options.contentLength ? { "content-length": String(options.totalBytes) } : {}) };
  const method = options.method ?? "POST";
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    let sent = 0;
    let done = false;
    const request = http.request(url, { method, headers, agent: false });
    const settle = (result: { status: number | null; text: string; error?: string } | Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      if (result instanceof Error) reject(result);
      else resolve({ ...result, sentBytes: sent });
    };
    const timer = setTimeout(() => settle(new Error(`No reply within ${timeoutMs} ms: ${method} ${url}`)), timeoutMs);
    request.on("response", (response) => {
      const parts: Buffer[] = [];
      response.on("data", (part: Buffer) => parts.push(part));
      response.on("end", () => settle({ status: response.statusCode ?? 0, text: Buffer.concat(parts).toString("utf8") }));
      response.on("error", () => settle({ status: response.statusCode ?? 0, text: Buffer.concat(parts).toString("utf8") }));
    });
    // The answer may still be on its way when the write fails: give it a moment.
    request.on("error", (error: NodeJS.ErrnoException) => setTimeout(() => settle({ status: null, text: "", error: error.code ?? error.message }), 1_000));
    const pump = () => {
      while (!done && sent < options.totalBytes) {
        const part = chunk.subarray(0, Math.min(chunk.byteLength, options.totalBytes - sent));
        sent += part.byteLength;
        if (!request.write(part)) {
          request.once("drain", pump);
          return;
        }
      }
      if (!done && sent >= options.totalBytes) request.end();
    };
    pump();
  });
}

/**
 * A raw TCP client for slow-client cases: write what you want when you want, and watch whether the
 * server answers or closes the connection.
 */
export class SlowClient {
  readonly socket: net.Socket;
  received = "";
  closed = false;
  readonly ready: Promise<void>;

  constructor(port: number) {
    this.socket = net.connect({ host: "localhost", port });
    this.socket.setNoDelay(true);
    this.ready = new Promise((resolve, reject) => {
      this.socket.once("connect", () => resolve());
      this.socket.once("error", reject);
    });
    this.socket.on("data", (data) => (this.received += data.toString("latin1")));
    this.socket.on("close", () => (this.closed = true));
    this.socket.on("error", () => {});
  }

  write(data: string | Buffer) {
    if (!this.closed) this.socket.write(data);
  }

  /**
   * Resolves once the server has answered (a status line, and `text` when given) or closed the
   * connection, or after `ms`.
   */
  async settled(ms: number, text?: string): Promise<void> {
    const deadline = Date.now() + ms;
    const answered = () => this.status !== null && (text === undefined || this.received.includes(text));
    while (!answered() && !this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  }

  /** The status of the server's reply so far, if it sent one. */
  get status(): number | null {
    const match = /^HTTP\/1\.1 (\d{3})/.exec(this.received);
    return match ? Number(match[1]) : null;
  }

  destroy() {
    this.socket.destroy();
  }
}
