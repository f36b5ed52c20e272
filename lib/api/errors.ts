import { z } from "zod";

// The API's error codes and their HTTP statuses (DESIGN.md). Every error body is built from here.
export const errorStatus = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal: 500,
  /** A server the app fetched from on the caller's behalf failed (lib/fetch): unreachable, too slow, an error status. */
  bad_gateway: 502,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** An expected failure with a code from the table above; services throw it, the route wrapper maps it. */
/** Marks AppErrors across copies of this module (below). */
const APP_ERROR = Symbol.for("sanctions-watch.AppError");

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
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return errorStatus[this.code];
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

/** Maps anything thrown while serving a request to a status and the API's error body, never a stack trace. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: error.status, body, headers: error.headers };
  }
  if (error instanceof z.ZodError) {
    return toErrorResponse(new AppError("validation_failed", "The request is not valid", validationDetails(error)));
  }
  const prismaCode = (error as { code?: unknown } | null)?.code;
  if (prismaCode === "P2025") return toErrorResponse(notFound("Record"));
  if (prismaCode === "P2002") return toErrorResponse(new AppError("conflict", "A record with the same unique value exists"));
  console.error("[sanctions-watch] unexpected error", error);
  return { status: 500, body: { error: { code: "internal", message: "Something went wrong on our side" } } };
}
