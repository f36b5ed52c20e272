import "server-only";
import { FetchError, safeFetch } from "@/lib/fetch/fetch";
import { MAX_LIST_FILE_BYTES } from "@/lib/validation/sanctions";

// Downloads a configured list file (SANCTIONS_LIST_URLS) through the SSRF-safe fetch (lib/fetch): operators
// configure these URLs, but the same guard keeps a mistyped or hijacked one from reaching internal addresses.

/** A list file can be large and its server slow; past this the download fails and the job is retried. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

/** What list servers send: CSV, XML or JSON lines, often gzipped, sometimes as plain bytes. */
const LIST_MEDIA_TYPES = [
  "text/csv", "application/csv", "text/plain", "application/xml", "text/xml", "application/json",
  "application/x-ndjson", "application/jsonl", "application/gzip", "application/x-gzip", "application/octet-stream",
];

/** The validators of the last download, sent back so an unchanged file answers 304. */
export type Validators = { etag: string | null; lastModified: string | null };

export type Download = { changed: false } | { changed: true; file: Uint8Array; validators: Validators };

export class DownloadError extends Error {}

export async function downloadListFile(url: string, previous: Validators | null): Promise<Download> {
  try {
    const fetched = await safeFetch(url, {
      accept: LIST_MEDIA_TYPES,
      maxBytes: MAX_LIST_FILE_BYTES,
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
      etag: previous?.etag,
      lastModified: previous?.lastModified,
    });
    if (fetched.notModified) return { changed: false };
    return { changed: true, file: fetched.body, validators: { etag: fetched.etag, lastModified: fetched.lastModified } };
  } catch (error) {
    // The Jobs page shows why: refused address, too large, timed out, unknown host, an error status.
    if (error instanceof FetchError) throw new DownloadError(`${url}: ${error.message}`);
    throw error;
  }
}
