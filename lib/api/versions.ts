import { parseIfMatch } from "@/lib/validation/common";
import { AppError } from "@/lib/errors";

/** The version a client saw, from `If-Match: "<version>"`: required on PATCH and DELETE (428 without). */
export function requireIfMatch(request: Request): number {
  const version = parseIfMatch(request.headers.get("if-match"));
  if (version === null) {
    throw new AppError("precondition_required", 'Send If-Match: "<version>" with the version you last read (the ETag)');
  }
  if (!Number.isSafeInteger(version)) throw new AppError("bad_request", 'If-Match must be a version in quotes, e.g. "3"');
  return version;
}

export const etag = (version: number) => ({ ETag: `"${version}"` });
