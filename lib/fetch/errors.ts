/**
 * Why a fetch failed, for the people who asked for it: the address is refused, the answer is too large,
 * too slow, an error status, of a type the caller does not read, redirects too often, the URL is not
 * http(s), or the server cannot be reached at all.
 */
export type FetchFailure = "blocked_address" | "too_large" | "timeout" | "bad_status" | "bad_content_type" | "too_many_redirects" | "bad_url" | "unreachable";

export class FetchError extends Error {
  constructor(
    readonly reason: FetchFailure,
    message: string,
    /** With bad_status: the status the server answered. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "FetchError";
  }
}
