import { Validator } from "@seriousme/openapi-schema-validator";
import { beforeAll, describe, expect, it } from "vitest";
import { call } from "@/lib/testing/http";
import { apiRoutes, HTTP_METHODS } from "@/lib/testing/routes";
import type { z } from "zod";
import { buildOpenApiDocument, documentedRoutes, type OpenApiDocument } from "./document";

// The OpenAPI document must cover every route under app/api, and only those (issue 3): a new route
// file or a new exported method fails here until it is documented.

/** What a catch-all route documents: better-auth serves many paths under /api/auth; scripts need sign-in only. */
const CATCH_ALL_DOCUMENTED: Record<string, string[]> = { "/api/auth": ["POST /api/auth/sign-in/email"] };

type RouteFile = { file: string; path: string; catchAll: boolean; handlers: Record<string, unknown>; methods: string[] };

let routes: RouteFile[];
let document: OpenApiDocument;
/** Every documented operation as `METHOD /path`. */
let documented: string[];

beforeAll(async () => {
  routes = (await apiRoutes()).map(({ file, path, catchAll, handlers }) => ({ file, path, catchAll, handlers, methods: Object.keys(handlers) }));
  document = buildOpenApiDocument();
  documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((m) => (item as Record<string, unknown>)[m.toLowerCase()] !== undefined).map((m) => `${m} ${path}`),
  );
});

describe("the OpenAPI document covers app/api", () => {
  it("finds the route files", () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.map((r) => r.path)).toContain("/api/issues/{id}");
  });

  it("documents every exported method of every route file", () => {
    const missing = routes.flatMap((route) =>
      route.catchAll
        ? (CATCH_ALL_DOCUMENTED[route.path] ?? [`(any operation under ${route.path}/*)`]).filter((op) => !documented.includes(op)).map((op) => `${op}  (${route.file})`)
        : route.methods.map((m) => `${m} ${route.path}`).filter((op) => !documented.includes(op)).map((op) => `${op}  (${route.file})`),
    );
    expect(missing, `Not in lib/openapi/<resource>/:\n${missing.join("\n")}`).toEqual([]);
  });

  it("documents no path or method that has no route", () => {
    const served = (operation: string) => {
      const [method, path] = operation.split(" ") as [string, string];
      return routes.some((route) =>
        route.catchAll
          ? (CATCH_ALL_DOCUMENTED[route.path] ?? []).includes(operation) && route.methods.includes(method)
          : route.path === path && route.methods.includes(method),
      );
    };
    const orphans = documented.filter((operation) => !served(operation));
    expect(orphans, `Documented but no app/api route serves it:\n${orphans.join("\n")}`).toEqual([]);
  });

  it("documents only the sign-in path of the better-auth catch-all", () => {
    expect(documented.filter((op) => op.split(" ")[1]!.startsWith("/api/auth/"))).toEqual(["POST /api/auth/sign-in/email"]);
  });
});

describe("each operation agrees with its route's declaration", () => {
  type Documented = {
    description?: string;
    security?: unknown[];
    parameters?: Array<{ name: string; in: string }>;
    requestBody?: { content: Record<string, { schema?: { $ref?: string } }> };
  };
  const documentedOperation = (method: string, path: string) =>
    ((document.paths ?? {})[path] as Record<string, Documented | undefined>)[method.toLowerCase()]!;
  const componentOf = (ref: string | undefined) =>
    (document.components?.schemas ?? {})[ref?.replace("#/components/schemas/", "") ?? ""] as { properties?: Record<string, unknown> } | undefined;
  const keysOf = (schema: z.ZodType | undefined) => Object.keys((schema as z.ZodObject | undefined)?.shape ?? {}).sort();
  const agreements = () =>
    documentedRoutes().map(({ method, path, route }) => {
      const file = routes.find((r) => r.path === path && !r.catchAll);
      return { name: `${method.toUpperCase()} ${path}`, file, exported: file && (file.handlers as Record<string, unknown>)[method.toUpperCase()], route, documented: documentedOperation(method, path) };
    });

  it("reads each operation from the handler the route file exports for its method and path", () => {
    const strays = agreements().filter(({ exported, route }) => exported !== route).map(({ name }) => name);
    expect(strays, "documented from another route's handler").toEqual([]);
  });

  it("states the route's role: public operations need no credentials, the others name the role", () => {
    for (const { name, route, documented } of agreements()) {
      if (route.role === "public") expect(documented.security, name).toEqual([]);
      else expect(documented.description, name).toMatch(new RegExp(`^Needs the ${route.role} role\\.`));
    }
  });

  it("documents the route's body and query, field by field", () => {
    for (const { name, route, documented } of agreements()) {
      const json = documented.requestBody?.content["application/json"]?.schema;
      if (route.body) expect(Object.keys(componentOf(json?.$ref)?.properties ?? {}).sort(), `${name} body`).toEqual(keysOf(route.body));
      const query = (documented.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name).sort();
      expect(query, `${name} query`).toEqual(keysOf(route.query));
    }
  });
});

describe("the OpenAPI document is valid OpenAPI 3.1", () => {
  it("passes the OpenAPI 3.1 schema", async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(document)) as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has every $ref resolving inside the document", () => {
    const refs: string[] = [];
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object") {
        for (const [key, inner] of Object.entries(value)) {
          if (key === "$ref" && typeof inner === "string") refs.push(inner);
          else walk(inner);
        }
      }
    };
    walk(document);
    expect(refs.length).toBeGreaterThan(0);
    const unresolved = refs.filter((ref) => {
      if (!ref.startsWith("#/")) return true;
      let node: unknown = document;
      for (const key of ref.slice(2).split("/").map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"))) {
        node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
      }
      return node === undefined;
    });
    expect(unresolved).toEqual([]);
  });

  type Operation = {
    operationId?: string;
    summary?: string;
    security?: unknown[];
    parameters?: Array<{ name: string; in: string; required?: boolean }>;
    responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema?: { $ref?: string } }> }>;
  };
  const operations = () =>
    Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      HTTP_METHODS.flatMap((m) => {
        const operation = (item as Record<string, Operation | undefined>)[m.toLowerCase()];
        return operation ? [{ method: m, path, operation }] : [];
      }),
    );

  it("gives each operation a unique operationId, a summary and its path parameters", () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, operation } of operations()) {
      expect(operation.summary, `${method} ${path}`).toBeTruthy();
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (operation.parameters ?? []).filter((p) => p.in === "path" && p.required).map((p) => p.name);
      expect(declared, `${method} ${path}`).toEqual(templated);
    }
  });

  it("describes the API's errors with ErrorBody, and 401 and 429 wherever sign-in is needed", () => {
    for (const { method, path, operation } of operations()) {
      if (path.startsWith("/api/auth/")) continue; // better-auth's own error body
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      if (!isPublic) expect(Object.keys(operation.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["401", "429"]));
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content?.["application/json"]?.schema?.$ref, `${method} ${path} ${status}`).toBe("#/components/schemas/ErrorBody");
      }
    }
  });

  it("declares both ways to authenticate, and public operations opt out", () => {
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(["bearerToken", "sessionCookie"]);
    expect(document.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
    const publicOps = operations().filter(({ operation }) => Array.isArray(operation.security) && operation.security.length === 0);
    expect(publicOps.map(({ method, path }) => `${method} ${path}`).sort()).toEqual([
      "GET /api/health",
      "GET /api/notifications/feed.atom",
      "GET /api/notifications/unsubscribe",
      "GET /api/openapi.json",
      "POST /api/auth/sign-in/email",
      "POST /api/invitations/accept",
      "POST /api/notifications/unsubscribe",
    ]);
  });

  it("documents optimistic concurrency: ETag on reads and writes, If-Match on PATCH and DELETE", () => {
    const op = (method: string, path: string) => operations().find((o) => o.method === method && o.path === path)!.operation;
    for (const [method, path, status] of [["GET", "/api/issues/{id}", "200"], ["PATCH", "/api/issues/{id}", "200"], ["PATCH", "/api/issues/{id}", "412"], ["POST", "/api/issues", "201"]] as const) {
      expect(op(method, path).responses[status]?.headers?.ETag, `${method} ${path} ${status}`).toBeDefined();
    }
    for (const method of ["PATCH", "DELETE"]) {
      expect(op(method, "/api/issues/{id}").parameters).toContainEqual(expect.objectContaining({ name: "If-Match", in: "header", required: true }));
      expect(Object.keys(op(method, "/api/issues/{id}").responses)).toEqual(expect.arrayContaining(["412", "428"]));
    }
  });
});

describe("GET /api/openapi.json", () => {
  it("serves the document without credentials, the same on every request", async () => {
    const { GET } = await import("@/app/api/openapi.json/route");
    const first = await call(GET, "GET", "/api/openapi.json");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    expect(first.json).toEqual(JSON.parse(JSON.stringify(document)));
    const second = await call(GET, "GET", "/api/openapi.json");
    expect(second.text).toBe(first.text);
  });
});
