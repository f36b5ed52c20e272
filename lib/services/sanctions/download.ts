import "server-only";
import { MAX_LIST_FILE_BYTES } from "@/lib/validation/sanctions";

// Downloads a configured list file (SANCTIONS_LIST_URLS). The one place lists are fetched from the network: when
// the SSRF-safe fetch (issue 14, lib/fetch) lands, `fetchFile` becomes it.
const fetchFile: typeof fetch = fetch;

/** A list file can be large and its server slow; past this the download fails and the job is retried. */
const DOWNLOAD_TIMEOUT_MS = 120_000;

/** The validators of the last download, sent back so an unchanged file answers 304. */
export type Validators = { etag: string | null; lastModified: string | null };

export type Download = { changed: false } | { changed: true; file: Uint8Array; validators: Validators };

export class DownloadError extends Error {}

export async function downloadListFile(url: string, previous: Validators | null): Promise<Download> {
  const headers = new Headers({ accept: "*/*" });
  if (previous?.etag) headers.set("if-none-match", previous.etag);
  if (previous?.lastModified) headers.set("if-modified-since", previous.lastModified);
  // The file as stored, not re-encoded: the import gunzips it if it is gzip, within its size limit.
  headers.set("accept-encoding", "identity");
  const response = await fetchFile(url, { headers, redirect: "follow", signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) }).catch((error: Error) => {
    // fetch says only "fetch failed"; the Jobs page shows why (refused, timed out, unknown host).
    throw new DownloadError(`${url}: ${[error.message, (error.cause as Error | undefined)?.message].filter(Boolean).join(": ")}`);
  });
  if (response.status === 304) return { changed: false };
  if (!response.ok) throw new DownloadError(`${url} answered ${response.status} ${response.statusText}`.trim());
  return {
    changed: true,
    file: await readWithin(response, MAX_LIST_FILE_BYTES),
    validators: { etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified") },
  };
}

/** The body, refused as soon as it passes the limit (a stated Content-Length is not trusted alone). */
async function readWithin(response: Response, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new DownloadError(`the file is larger than ${limit / 1024 / 1024} MB`);
  if (Number(response.headers.get("content-length") ?? 0) > limit) throw tooLarge();
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}
