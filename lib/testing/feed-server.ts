import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

// A real HTTP server on 127.0.0.1 serving feeds for the tests (no fetch mocks): routes can be changed while it
// runs, and every request is counted with its conditional headers. Callers allow the host as
// FETCH_ALLOW_HOSTS=127.0.0.1 would.

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

export type FeedServer = {
  base: string;
  routes: Map<string, Route>;
  requests: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[];
  close: () => Promise<void>;
};

export const feedFixture = (name: string) => readFileSync(join(process.cwd(), "lib", "feeds", "fixtures", name));

/** Answers `body` with `type`, and the validators given. */
export const serve =
  (type: string, body: string | Buffer, headers: Record<string, string> = {}): Route =>
  (_request, response) => {
    response.writeHead(200, { "content-type": type, ...headers });
    response.end(body);
  };

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer["requests"] = [];
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    requests.push({ path, ifNoneMatch: request.headers["if-none-match"], ifModifiedSince: request.headers["if-modified-since"] });
    const route = routes.get(path);
    if (route) route(request, response);
    else response.writeHead(404).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    routes,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
