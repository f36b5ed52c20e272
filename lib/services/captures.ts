import "server-only";
import { createHash } from "node:crypto";
import { AppError, notFound } from "@/lib/errors";
import { PAGE_TYPES } from "@/lib/api/page-text";
import { EXTRACTION_TIMEOUT_MS } from "@/lib/api/upload";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { FetchError, safeFetch } from "@/lib/fetch/fetch";
import type { Capture, CreateCaptureInput } from "@/lib/validation/captures";
import { runOffThread } from "@/lib/workers/pool";

// Capture by URL (issue 14): the page is fetched through the SSRF guard, kept as it came (the snapshot),
// and read like an upload on a worker thread. Nothing is stored unless both worked.

export async function captureUrl(actor: Actor, input: CreateCaptureInput): Promise<Capture> {
  const page = await safeFetch(input.url, { accept: PAGE_TYPES }).catch((error: unknown) => {
    throw error instanceof FetchError ? fetchFailure(error) : error;
  });
  const article = await runOffThread("extractPageText", [page.contentType, new Uint8Array(page.body)], {
    timeoutMs: EXTRACTION_TIMEOUT_MS,
    overBudget: () => unreadablePage(`Reading it took longer than ${EXTRACTION_TIMEOUT_MS / 1000} s or needed too much memory`),
  }).catch((error: unknown) => {
    throw aboutTheUrl(error);
  });
  if (!article.text.trim()) throw unreadablePage("The page has no text to keep");
  const capture = await db.capture.create({
    data: {
      teamId: actor.teamId,
      url: input.url,
      finalUrl: page.url,
      httpStatus: page.status,
      contentType: page.contentType,
      sha256: createHash("sha256").update(page.body).digest("hex"),
      createdById: actor.userId,
      body: new Uint8Array(page.body),
    },
    select: { id: true, url: true, finalUrl: true, httpStatus: true, contentType: true, sha256: true, fetchedAt: true },
  });
  return { ...capture, fetchedAt: capture.fetchedAt.toISOString(), snapshotUrl: `/api/captures/${capture.id}/snapshot`, ...article };
}

/** The stored page, for the snapshot view. */
export async function getSnapshot(actor: Actor, id: string) {
  const capture = await db.capture.findFirst({ where: { id, teamId: actor.teamId }, select: { body: true, contentType: true } });
  if (!capture) throw notFound("Capture");
  return capture;
}

/**
 * Why the page could not be had, beside the URL field: refused or unusable (422), or the other server
 * failed (502). `details.reason` is lib/fetch's code.
 */
export function fetchFailure(error: FetchError): AppError {
  const theirs = error.reason === "timeout" || error.reason === "unreachable" || error.reason === "bad_status";
  const details = { reason: error.reason, ...(error.status ? { status: error.status } : {}), fields: { url: [error.message] } };
  return new AppError(theirs ? "bad_gateway" : "validation_failed", "The page could not be fetched", details);
}

function unreadablePage(reason: string): AppError {
  return new AppError("validation_failed", "The page could not be read", { fields: { url: [reason] } });
}

/** The extraction's field errors name the upload's `file`; here the URL is what the analyst gave. */
function aboutTheUrl(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const fields = (error.details as { fields?: Record<string, string[]> } | undefined)?.fields;
  if (error.code === "unsupported_media_type") return unreadablePage(error.message);
  if (!fields?.file) return error;
  return new AppError(error.code, error.message, { fields: { url: fields.file } });
}
