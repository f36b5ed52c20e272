// Sanctions list commands (package.json `lists:*` scripts):
//   import <file> [--list ofac-sdn] [--format ofac-sdn-csv] [--force] [--published 2024-05-01]
//     imports a list file (gzipped or not) as the list's newest release, as `npm run lists:import -- <file>`.
//     The database must be deployed (`npm run db:deploy`, or `npm start` once).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { errorStatus } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { parse } from "@/lib/api/route";
import { closeDatabase } from "@/lib/db/client";
import { stopQueue } from "@/lib/jobs/instance";
import { startQueue } from "@/lib/jobs/queue";
import { JOBS } from "@/lib/jobs/registry";
import { releaseImported } from "@/lib/jobs/release-imported";
import { importRelease } from "@/lib/services/sanctions/import";
import { importReleaseFieldsSchema } from "@/lib/validation/sanctions";

const USAGE = "usage: npm run lists:import -- <file> [--list ofac-sdn] [--format ofac-sdn-csv] [--force] [--published 2024-05-01]";

async function importFile(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { list: { type: "string" }, format: { type: "string" }, force: { type: "boolean" }, published: { type: "string" } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new AppError("bad_request", USAGE);
  const options = parse(importReleaseFieldsSchema, { list: values.list, format: values.format, force: values.force ? "true" : undefined, publishedAt: values.published });
  const release = await importRelease(readFileSync(file), { ...options, importedBy: "cli" });
  // The server's workers re-screen every team's entities; here the queue only sends (on PGlite they run when the
  // server next starts: the embedded database has one process at a time).
  await startQueue({ work: false, jobs: JOBS });
  try {
    await releaseImported(release.id);
  } finally {
    await stopQueue();
  }
  const date = release.publishedAt.slice(0, 10);
  console.log(`${release.list}, ${date}: ${release.entries} entries; ${release.added} added, ${release.removed} removed, ${release.changed} changed (release ${release.id}).`);
}

const [command = "", ...args] = process.argv.slice(2);
if (command !== "import") {
  console.error(USAGE);
  process.exit(2);
}
try {
  await importFile(args);
} catch (error) {
  // An expected refusal reads as the API would answer it, without a stack trace.
  if (!(error instanceof AppError)) throw error;
  console.error(`Refused (${errorStatus[error.code]} ${error.code}): ${error.message}${error.details ? `\n${JSON.stringify(error.details)}` : ""}`);
  process.exitCode = 1;
} finally {
  await closeDatabase();
}
