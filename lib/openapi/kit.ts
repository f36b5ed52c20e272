import "server-only";
import { type OpenAPIRegistry, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { errorBodySchema, errorStatus } from "@/lib/api/errors";
import type { RouteDeclaration } from "@/lib/api/route";
import type { ErrorCode } from "@/lib/errors";
import { idSchema } from "@/lib/validation/common";

// What every resource's operations share (lib/openapi/<resource>/): components, responses, errors and
// `operation()`, which reads an operation's role, body and query from the route's own declaration.
//
// zod 4's `.meta()` carries the OpenAPI metadata (zod-to-openapi reads it: `id` names a component,
// `param` describes a parameter). `.meta()` returns a copy, so the schemas in lib/validation stay as
// they are; the flip side is that a schema nested in another (IssueSummary in IssuePage) is inlined
// there rather than referenced. No `extendZodWithOpenApi`: it patches zod's prototype, which fails
// when a second copy of zod is loaded (tsx scripts load zod-to-openapi's CommonJS build).

export const component = <T extends z.ZodType>(id: string, schema: T, description?: string): T =>
  schema.meta({ id, ...(description ? { description } : {}) }) as T;

/** `{ items: [...] }`, the body of the list routes that do not page. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Cookie that better-auth sets on sign-in (`__Secure-` prefixed when APP_URL is https). */
export const SESSION_COOKIE = "sanctions-watch.session_token";

/**
 * Compile-time: what a service returns fits the schema documented for it, for the shapes lib/validation has no
 * schema for (tsc fails on drift): `void (true satisfies Fits<Result<typeof checkHealth>, z.infer<typeof healthSchema>>)`.
 */
export type Fits<Actual, Documented> = [Actual] extends [Documented] ? true : false;
export type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;

export const listDescription = (values: readonly (string | number)[]) =>
  `One or more of ${values.map((v) => `\`${v}\``).join(", ")}: comma-separated or repeated.`;

export const jsonContent = (schema: z.ZodType) => ({ "application/json": { schema } });

// ---- errors -----------------------------------------------------------------------------------

export type ApiError = Exclude<ErrorCode, "internal">;

const errorDescriptions: Record<ApiError, string> = {
  bad_request: "Malformed request: the body is not valid UTF-8 JSON (or multipart), or If-Match is not a version",
  unauthenticated: "Not signed in: no session cookie and no valid API token",
  forbidden: "Not allowed: the role is too low, or a cross-origin/cross-site browser request to a mutating endpoint",
  not_found: "Absent, deleted, or belonging to another team",
  conflict: "A record with the same unique value exists",
  precondition_failed: "Stale If-Match: someone changed the record since you read it. `details.currentVersion` and the ETag header carry the current version",
  payload_too_large: "The body is larger than the limit (1 MB for JSON; 10 MB for document uploads)",
  unsupported_media_type: "The body is not application/json (or, where uploads are accepted, multipart/form-data with a .txt, .md, .html or .pdf file)",
  validation_failed:
    "Validation failed: `details.fields` maps each invalid field path (e.g. `title`, `jurisdictions.0`, `(body)`) to its messages. " +
    "Text may not contain NUL (U+0000) or unpaired surrogate characters.",
  precondition_required: 'If-Match is missing: send the version you last read, e.g. `If-Match: "3"`',
  rate_limited: "Too many requests; the Retry-After header says in how many seconds to try again",
  bad_gateway: "A server the app fetched from on your behalf failed: `details.reason` is `timeout`, `unreachable` or `bad_status` (with `details.status`)",
  service_unavailable: "The server is shutting down and stopped the work of this request; try again in a moment",
};

// ---- operations ---------------------------------------------------------------------------------

export type Tag = "Issues" | "Evidence" | "Briefings" | "Dashboard" | "Team" | "Operations" | "Auth" | "Sanctions" | "Entities" | "Comments" | "Notifications" | "Monitoring";
export type Method = "get" | "post" | "patch" | "put" | "delete";

export type Operation = {
  /** The exported handler (`issues.POST`): the operation's role, body and query are the ones it declares. */
  route: RouteDeclaration;
  method: Method;
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** What `{id}` in the path names, e.g. "issue". */
  id?: string;
  /** Descriptions of the declared query's parameters. */
  queryDescriptions?: Record<string, string>;
  /**
   * The request body. A declared body is documented as the component `id`; a route that reads its body
   * itself (uploads, restores) names the schema here as `json` (and `multipart`).
   */
  body?: { description: string; id?: string; about?: string; json?: z.ZodType; multipart?: z.ZodType };
  ifMatch?: boolean;
  /** The successful responses. */
  responses: RouteConfig["responses"];
  /** Errors beyond those the wrapper implies, with what they mean here. */
  errors?: Partial<Record<ApiError, string>>;
};

/** An operation as documented, with the declaration it was read from (lib/openapi/document.test.ts compares them). */
export type DocumentedRoute = { method: Method; path: string; route: RouteDeclaration };

const MUTATING = new Set(["post", "patch", "put", "delete"]);

/** The registry's shared components and the helpers every resource module registers its operations with. */
export function openApiKit(registry: OpenAPIRegistry) {
  const documented: DocumentedRoute[] = [];

  registry.registerComponent("securitySchemes", "bearerToken", {
    type: "http",
    scheme: "bearer",
    description: "An API token made by a team admin (POST /api/team/tokens), sent as `Authorization: Bearer <token>`. It acts for its team with its role.",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The browser session from `POST /api/auth/sign-in/email`. The cookie `sanctions-watch.team` (POST /api/teams/switch) picks the team when the user belongs to several. " +
      "Mutating requests with an Origin or Sec-Fetch-Site header must come from this site.",
  });
  const etagHeader = registry.registerComponent("headers", "ETag", {
    description: 'The issue\'s version in quotes, e.g. `"3"`: send it back as If-Match to change or delete the issue.',
    schema: { type: "string", example: '"3"' },
  });
  const retryAfterHeader = registry.registerComponent("headers", "RetryAfter", {
    description: "Seconds to wait before trying again",
    schema: { type: "integer" },
  });
  const locationHeader = { description: "Where the new record can be read", schema: { type: "string" } } as const;
  const ErrorBody = component("ErrorBody", errorBodySchema);

  const ok = (description: string, schema: z.ZodType, headers?: ResponseConfig["headers"]): ResponseConfig => ({
    description,
    ...(headers ? { headers } : {}),
    content: jsonContent(schema),
  });
  const created = (description: string, schema: z.ZodType, headers: ResponseConfig["headers"] = {}): ResponseConfig => ok(description, schema, headers);
  const noContent: ResponseConfig = { description: "Done; no body" };
  const errorResponse = (code: ApiError, description?: string): ResponseConfig => ({
    description: description || errorDescriptions[code],
    ...(code === "precondition_failed" ? { headers: { ETag: etagHeader.ref } } : {}),
    ...(code === "rate_limited" ? { headers: { "Retry-After": retryAfterHeader.ref } } : {}),
    content: jsonContent(ErrorBody),
  });

  const ifMatch = z.object({
    "If-Match": z.string().meta({
      param: { name: "If-Match", in: "header", required: true, description: "The version you last read (its ETag). Missing: 428; not a version: 400; stale: 412." },
      example: '"3"',
    }),
  });
  const idParam = (what: string) =>
    z.object({ id: idSchema.meta({ param: { name: "id", in: "path", description: `The ${what}'s id` }, example: "0190a000-0000-7000-8000-000000000000" }) });

  function requestBody(op: Operation): z.ZodType | undefined {
    const declared = op.route.body;
    const where = `${op.method.toUpperCase()} ${op.path}`;
    if (declared && op.body?.json) throw new Error(`${where}: the route declares its body; do not name it again`);
    if (declared && !op.body?.id) throw new Error(`${where}: name the declared body's component (body.id)`);
    if (declared) return component(op.body!.id!, declared, op.body!.about);
    return op.body?.json;
  }

  function requestQuery(op: Operation): z.ZodObject | undefined {
    const declared = op.route.query as z.ZodObject | undefined;
    if (!declared || !op.queryDescriptions) return declared;
    return declared.extend(
      Object.fromEntries(Object.entries(op.queryDescriptions).map(([name, description]) => [name, (declared.shape[name] as z.ZodType).meta({ description })])),
    );
  }

  function operation(op: Operation) {
    const access = op.route.role;
    const body = requestBody(op);
    const query = requestQuery(op);
    const codes = new Map<ApiError, string | undefined>();
    const add = (code: ApiError, description?: string) => codes.set(code, description ?? codes.get(code));
    if (access !== "public") {
      add("unauthenticated");
      add("rate_limited", "Too many requests with this API token; the Retry-After header says when to try again");
    }
    if (access === "analyst" || access === "admin") add("forbidden", `The role is below ${access}, or a cross-origin browser request`);
    else if (MUTATING.has(op.method)) add("forbidden", "A cross-origin or cross-site browser request");
    if (body) ["bad_request", "payload_too_large", "unsupported_media_type", "validation_failed"].forEach((code) => add(code as ApiError));
    if (query) add("validation_failed");
    if (op.id) add("not_found", `No such ${op.id} in your team`);
    if (op.ifMatch) ["bad_request", "precondition_failed", "precondition_required"].forEach((code) => add(code as ApiError));
    for (const [code, description] of Object.entries(op.errors ?? {})) add(code as ApiError, description);

    const errors = Object.fromEntries(
      [...codes.entries()].sort(([a], [b]) => errorStatus[a] - errorStatus[b]).map(([code, description]) => [errorStatus[code], errorResponse(code, description)]),
    );
    const needs = access === "public" ? "No sign-in needed." : `Needs the ${access} role.`;
    registry.registerPath({
      method: op.method,
      path: op.path,
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: [needs, op.description].filter(Boolean).join(" "),
      ...(access === "public" ? { security: [] } : {}),
      request: {
        ...(op.id ? { params: idParam(op.id) } : {}),
        ...(query ? { query } : {}),
        ...(op.ifMatch ? { headers: ifMatch } : {}),
        ...(body
          ? {
              body: {
                description: op.body!.description,
                required: true,
                content: { ...jsonContent(body), ...(op.body!.multipart ? { "multipart/form-data": { schema: op.body!.multipart } } : {}) },
              },
            }
          : {}),
      },
      responses: { ...op.responses, ...errors },
    });
    documented.push({ method: op.method, path: op.path, route: op.route });
  }

  return { registry, documented, operation, ok, created, noContent, errorResponse, etagHeader, locationHeader, ErrorBody };
}

export type OpenApiKit = ReturnType<typeof openApiKit>;
