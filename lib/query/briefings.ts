import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import { ApiError, apiFetch, type ApiErrorCode } from "./api";
import { issueKeys } from "./issues";
import type { BriefingDetail, createBriefingSchema } from "@/lib/validation/briefings";
import type { IssuePage } from "@/lib/validation/issues";

// Briefings in the browser: the query keys, the builder's preview of the issues it would include, the
// create request and the download of an export with its progress.

export const briefingKeys = {
  all: ["briefings"] as const,
  detail: (id: string) => [...briefingKeys.all, "detail", id] as const,
};

export type CreateBriefingRequest = z.input<typeof createBriefingSchema>;

export const briefingRequests = {
  create: (input: CreateBriefingRequest) => apiFetch<BriefingDetail>("/api/briefings", { method: "POST", body: input }),
};

/**
 * The issues the watchlist shows for these filters (the first 100, with the total): what a briefing made
 * from them would include. Kept under the issues' key, so any change to an issue refreshes it.
 */
export const briefingPreviewQueryOptions = (search: string) =>
  queryOptions({
    queryKey: [...issueKeys.all, "briefing-preview", search] as const,
    queryFn: ({ signal }) => apiFetch<IssuePage>(`/api/issues?${search}`, { signal }),
  });

/** The file name the server gave in `Content-Disposition: attachment; filename="…"`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? fallback;
}

/** Fetches an export as a file; failures are ApiErrors like every other call. */
export async function fetchBriefingFile(href: string, fallbackName: string): Promise<{ blob: Blob; fileName: string }> {
  let response: Response;
  try {
    response = await fetch(href, { credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", "The server could not be reached. Check your connection and try again.");
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
    const code = (body?.error?.code ?? (response.status >= 500 ? "internal" : "bad_request")) as ApiErrorCode;
    throw new ApiError(response.status, code, body?.error?.message ?? `The server answered ${response.status}. Try again.`);
  }
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get("content-disposition"), fallbackName) };
}

/** Hands a fetched file to the browser as a download. */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
