import { z } from "zod";
import { AppError, errorCodes, notFound, validationDetails, type ErrorCode } from "@/lib/errors";

// The HTTP side of the errors in lib/errors.ts: each code's status, and the API's error body (DESIGN.md).

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
  bad_gateway: 502,
  service_unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.enum(errorCodes),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Maps anything thrown while serving a request to a status and the API's error body, never a stack trace. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.details !== undefined) body.error.details = error.details;
    return { status: errorStatus[error.code], body, headers: error.headers };
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
