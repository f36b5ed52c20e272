import "server-only";
import type { z } from "zod";
import { env } from "@/lib/env";
import { resolveActor, type Actor } from "@/lib/auth/actor";
import { hasRole } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";
import { recordSecurityEvent } from "@/lib/auth/security-events";
import { AppError, validationDetails } from "@/lib/errors";
import { toErrorResponse } from "./errors";
import { readJson } from "./body";
import { isUnstorable, storable } from "./json";

// The one wrapper every API route goes through: origin check, authentication, role, parsing,
// and the mapping of every failure to the API's error body. Handlers only call services.

const MUTATING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type RouteOptions<B extends z.ZodType | undefined, Q extends z.ZodType | undefined> = {
  /** Minimum role; `"public"` skips authentication (health, OpenAPI). */
  role: Role | "public";
  body?: B;
  query?: Q;
  /** Largest JSON body accepted (413 above); 1 MB unless a route needs more (restore). */
  maxBytes?: number;
  /**
   * The credential is a signed token in the URL, never a cookie, so another site cannot act with the user's
   * session through it: other sites may post (a webmail's one-click unsubscribe, RFC 8058, may send its Origin).
   */
  crossSite?: true;
};

type RouteContext<B, Q, Authed extends boolean> = {
  request: Request;
  actor: Authed extends true ? Actor : null;
  body: B extends z.ZodType ? z.infer<B> : undefined;
  query: Q extends z.ZodType ? z.infer<Q> : undefined;
  params: Record<string, string>;
};

type NextContext = { params: Promise<Record<string, string | string[]>> };

export function route<B extends z.ZodType | undefined = undefined, Q extends z.ZodType | undefined = undefined, R extends Role | "public" = Role | "public">(
  options: RouteOptions<B, Q> & { role: R },
  handler: (context: RouteContext<B, Q, R extends "public" ? false : true>) => Promise<Response>,
) {
  const handle = async (request: Request, next?: NextContext): Promise<Response> => {
    let actor: Actor | null = null;
    try {
      if (MUTATING.has(request.method) && !options.crossSite) assertSameOrigin(request);
      if (options.role !== "public") {
        actor = await resolveActor(request.headers);
        if (!actor) throw new AppError("unauthenticated", "Sign in or send a valid API token");
        if (!hasRole(actor.role, options.role)) {
          throw new AppError("forbidden", `This needs the ${options.role} role; you are ${actor.role}`);
        }
      }
      const body = options.body ? parse(options.body, storable(await readJson(request, options.maxBytes))) : undefined;
      const query = options.query ? parse(options.query, storable(queryObject(new URL(request.url).searchParams))) : undefined;
      const rawParams = (await next?.params) ?? {};
      const params = Object.fromEntries(Object.entries(rawParams).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : v]));
      // `/api/issues/%00` names no record (and a NUL would fail in the database: a 500).
      if (Object.values(params).some(isUnstorable)) throw new AppError("not_found", "Not found");
      return await handler({ request, actor, body, query, params } as RouteContext<B, Q, R extends "public" ? false : true>);
    } catch (error) {
      const { status, body, headers } = toErrorResponse(error);
      if (status === 403 || (status === 401 && presentedCredentials(request))) await recordDenied(request, actor, status, body.error.message);
      return Response.json(body, { status, headers });
    }
  };
  // The declaration travels with the handler: the access-matrix test derives what to expect from the role,
  // and the OpenAPI document reads each operation's role, body and query from it (lib/openapi).
  const declaration: RouteDeclaration = { role: options.role, body: options.body, query: options.query, crossSite: options.crossSite };
  return Object.assign(handle, declaration);
}

/** What a route declares, as its handler carries it. */
export type RouteDeclaration = { role: Role | "public"; body?: z.ZodType; query?: z.ZodType; crossSite?: true };

function presentedCredentials(request: Request): boolean {
  return request.headers.has("authorization") || /sanctions-watch\.session_token=/.test(request.headers.get("cookie") ?? "");
}

/** Denied requests go into the history (of the actor's team when known) for the admins' audit page. */
async function recordDenied(request: Request, actor: Actor | null, status: number, reason: string) {
  const url = new URL(request.url);
  await recordSecurityEvent({
    teamId: actor?.teamId ?? null,
    actorId: actor?.userId ?? null,
    actorLabel: actor?.label ?? "anonymous",
    entityType: "request",
    entityId: `${request.method} ${url.pathname}`,
    action: "request_denied",
    after: { status, reason, origin: request.headers.get("origin") },
  }).catch((error) => console.error("[sanctions-watch] could not record a denied request", error));
}

/** JSON response helper: `json(issue)`, `json(issue, { status: 201, headers: { ETag } })`. */
export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

/**
 * Browsers tell where a request comes from; a mutating request from another site is refused
 * (CSRF). Scripts with a bearer token send neither header and pass.
 */
export function assertSameOrigin(request: Request) {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("forbidden", "Cross-site requests are not allowed");
  }
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== env().appUrl && origin !== new URL(request.url).origin) {
    throw new AppError("forbidden", "Cross-origin requests are not allowed");
  }
}

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("validation_failed", "The request is not valid", validationDetails(result.error));
  return result.data;
}

/** Query string to an object; repeated keys become arrays (`?status=a&status=b`). */
function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    result[key] = values.length > 1 ? values : (values[0] ?? "");
  }
  return result;
}
