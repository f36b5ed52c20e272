import { readdirSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { RouteDeclaration } from "@/lib/api/route";

// Every API route file and its methods, read from app/api: tests that must cover all routes
// (OpenAPI document, access matrix, CSRF) derive their cases from here, so a new route is covered
// the day it is added.

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const API_DIR = join(ROOT, "app", "api");
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A route file's handler; the route kit's declaration on it (a handler not made with the kit has none). */
export type Handler = ((request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & Partial<RouteDeclaration>;

export type ApiRoute = {
  /** Relative to the repository, e.g. app/api/issues/[id]/route.ts. */
  file: string;
  /** `/api/issues/{id}`; for a catch-all, the prefix before it (`/api/auth`). */
  path: string;
  catchAll: boolean;
  /** Names of the path parameters, in order. */
  params: string[];
  handlers: Partial<Record<HttpMethod, Handler>>;
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/issues/[id]/route.ts → /api/issues/{id}; route groups `(x)` leave no segment. */
export function pathOf(file: string): { path: string; catchAll: boolean; params: string[] } {
  const segments = relative(join(ROOT, "app"), file).split(sep).slice(0, -1);
  const parts: string[] = [];
  const params: string[] = [];
  for (const segment of segments) {
    if (/^\(.*\)$/.test(segment)) continue;
    if (/^\[\[?\.\.\..+\]\]?$/.test(segment)) return { path: `/${parts.join("/")}`, catchAll: true, params };
    const param = /^\[(.+)\]$/.exec(segment)?.[1];
    if (param) params.push(param);
    parts.push(param ? `{${param}}` : segment);
  }
  return { path: `/${parts.join("/")}`, catchAll: false, params };
}

export async function apiRoutes(): Promise<ApiRoute[]> {
  return Promise.all(
    routeFiles(API_DIR)
      .sort()
      .map(async (file) => {
        const exports = (await import(file)) as Record<string, unknown>;
        const handlers = Object.fromEntries(HTTP_METHODS.filter((m) => typeof exports[m] === "function").map((m) => [m, exports[m] as Handler]));
        return { file: relative(ROOT, file), ...pathOf(file), handlers };
      }),
  );
}
