import "server-only";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import type { ScheduledList } from "@/lib/env";
import { releaseImported } from "@/lib/jobs/release-imported";
import { downloadListFile } from "./download";
import { importRelease } from "./import";

// A configured list URL, fetched on the schedule (issue 13, SANCTIONS_LIST_URLS) and imported as the list's newest
// release. Conditional GET: the validators of the last good download are kept, so an unchanged file costs a 304.

export type ScheduledImport =
  | { outcome: "unchanged"; url: string; reason: string }
  | { outcome: "imported"; url: string; releaseId: string; list: string; entries: number; added: number; removed: number; changed: number };

/** Imports the file behind a configured URL when it changed. A refused file (422) throws, with the importer's reason. */
export async function importListFromUrl({ url, list }: ScheduledList): Promise<ScheduledImport> {
  const previous = await db.sanctionsListDownload.findUnique({ where: { url } });
  const download = await downloadListFile(url, previous);
  if (!download.changed) {
    await db.sanctionsListDownload.update({ where: { url }, data: { checkedAt: new Date() } });
    return { outcome: "unchanged", url, reason: "the server answered 304 Not Modified" };
  }
  // Remembered only once the file is a release (or already was): a refused file is downloaded and refused again.
  const remember = () => {
    const data = { ...download.validators, checkedAt: new Date() };
    return db.sanctionsListDownload.upsert({ where: { url }, create: { url, ...data }, update: data });
  };
  try {
    const release = await importRelease(download.file, { ...(list ? { list } : {}), importedBy: "schedule" });
    await remember();
    await releaseImported(release.id);
    return { outcome: "imported", url, releaseId: release.id, ...release };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "conflict") throw refusal(url, error);
    await remember();
    return { outcome: "unchanged", url, reason: error.message };
  }
}

/** The import's refusal (422, 413) as the job's error: its message and details, which the Jobs page shows. */
function refusal(url: string, error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  const details = error.details ? ` (${JSON.stringify(error.details)})` : "";
  return new Error(`${url}: ${error.message}${details}`, { cause: error });
}
