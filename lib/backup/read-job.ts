import { AppError, validationDetails } from "@/lib/errors";
import { parseJson, storable } from "@/lib/api/json";
import { teamBackupSchema } from "@/lib/validation/backup";
import { restorePlan } from "./restore-plan";

/**
 * An uploaded team backup, parsed and checked as the route wrapper checks any body (UTF-8 JSON, depth,
 * storable text), then against teamBackupSchema; its team and its rows in batches, with fresh ids.
 * Runs in the restore worker (read-worker.mjs).
 */
export function readTeamBackup(bytes: Uint8Array) {
  const parsed = teamBackupSchema.safeParse(storable(parseJson(bytes)));
  if (!parsed.success) throw new AppError("validation_failed", "The request is not valid", validationDetails(parsed.error));
  return restorePlan(parsed.data);
}
