import type { ErrorCode } from "@/lib/errors";

// The one way the browser talks to the API: JSON in, JSON out, and every `{ error: { code, message,
// details } }` body turned into a thrown ApiError, so components handle failures by code, never by
// parsing responses themselves.

/** The API's error codes, plus `network` when no answer came back at all. */
export type ApiErrorCode = ErrorCode | "network";

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** Field messages of a 422 (`details.fields`), e.g. `{ "title": ["Required"] }`; empty otherwise. */
  get fieldErrors(): Record<string, string[]> {
    const fields = (this.details as { fields?: unknown } | null | undefined)?.fields;
    if (!fields || typeof fields !== "object") return {};
    return Object.fromEntries(
      Object.entries(fields).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])),
    );
  }
}

export const isApiError = (error: unknown, code?: ApiErrorCode): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

export type ApiFetchOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Sent as JSON; a FormData is sent as multipart as it is (file uploads). */
  body?: unknown;
  /** The version the caller last read; sent as `If-Match: "<version>"` (PATCH and DELETE need it). */
  ifMatch?: number;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

/** Calls the API and returns the parsed JSON body (undefined for 204), or throws an ApiError. */
export async function apiFetch<T>(path: string, options: ApiFetchOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  const multipart = options.body instanceof FormData; // the browser sets its content type, with the boundary
  if (options.body !== undefined && !multipart) headers["content-type"] = "application/json";
  if (options.ifMatch !== undefined) headers["if-match"] = `"${options.ifMatch}"`;

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error; // a cancelled query is not a failure to report
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }

  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  throw toApiError(response.status, body);
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
  if (error && typeof error.code === "string" && typeof error.message === "string") {
    return new ApiError(status, error.code as ApiErrorCode, error.message, error.details);
  }
  // Not our error body (a proxy's page, a crash before the route wrapper): say so plainly.
  return new ApiError(status, status >= 500 ? "internal" : "bad_request", `The server answered ${status} unexpectedly. Try again.`);
}
