import "server-only";
import { AppError } from "@/lib/errors";
import { parseJson } from "./json";

// Reading a request's body within a size limit: JSON for the route wrapper, raw bytes for uploads and restores.

const MAX_JSON_BYTES = 1024 * 1024;

/** Reads a JSON body within the size limit; a JSON API takes no text/plain or form bodies. */
export async function readJson(request: Request, limit = MAX_JSON_BYTES): Promise<unknown> {
  return parseJson(await readJsonBytes(request, limit));
}

/** The body's bytes, when it is JSON and within the limit (for a handler that parses it elsewhere: restores). */
export async function readJsonBytes(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  return readBody(request, limit);
}

/**
 * The request with its body read within the limit (413 past it), for handlers that read bodies
 * themselves without any limit (better-auth's, under /api/auth).
 */
export async function withBodyLimit(request: Request, limit: number): Promise<Request> {
  const body = await readBody(request, limit);
  return new Request(request.url, { method: request.method, headers: request.headers, body: body.byteLength > 0 ? body : null, signal: request.signal });
}

/** The raw body, refused with 413 past the limit (declared or actually sent). */
export async function readBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  return readLimited(request, limit);
}

async function readLimited(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    // A client that goes away mid-body is a bad request, not a server error ("Error: aborted" was logged as one).
    const { done, value } = await reader.read().catch(() => {
      throw new AppError("bad_request", "The body was not received completely");
    });
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const tooLarge = (limit: number) =>
  new AppError("payload_too_large", `The body is larger than ${limit >= 1024 * 1024 ? `${Math.round(limit / 1024 / 1024)} MB` : `${Math.round(limit / 1024)} KB`}`);
