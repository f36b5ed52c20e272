import type { z } from "zod";

// The failures services, domain code and workers raise, free of HTTP: lib/api/errors.ts maps each code to
// a status and the API's error body (DESIGN.md lists the codes).
export const errorCodes = [
  "bad_request",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "precondition_failed",
  "payload_too_large",
  "unsupported_media_type",
  "validation_failed",
  "precondition_required",
  "rate_limited",
  "internal",
  /** A server the app fetched from on the caller's behalf failed (lib/fetch): unreachable, too slow, an error status. */
  "bad_gateway",
  "service_unavailable",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export const isErrorCode = (value: unknown): value is ErrorCode => (errorCodes as readonly unknown[]).includes(value);

/** Marks AppErrors across copies of this module (below). */
const APP_ERROR = Symbol.for("sanctions-watch.AppError");

/** An expected failure with one of the codes above; services throw it, the route wrapper maps it. */
export class AppError extends Error {
  readonly [APP_ERROR] = true;

  /**
   * Next.js bundles server code once per layer, so a page and a route handler can each have their own copy of this
   * class. The worker pool is one per process: when a page started it, the AppErrors it rebuilt from its workers
   * came from the page's copy and failed the route's `instanceof AppError` (a 415 became a 500). The brand is
   * shared by every copy.
   */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [APP_ERROR]?: unknown })[APP_ERROR] === true;
  }

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Sent with the error's response (Retry-After on a rate limit). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);

/** Field-level details of a validation failure: `{ "title": ["Required"], ... }`. */
export function validationDetails(error: z.ZodError) {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "(body)";
    (fields[key] ??= []).push(issue.message);
  }
  return { fields };
}
