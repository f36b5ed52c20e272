// POST /api/admin/restore – restore a team backup into a new, empty team (admins; up to 320 MB)
import { readJsonBytes } from "@/lib/api/body";
import { json, route } from "@/lib/api/route";
import { restoreUpload } from "@/lib/services/backup";

/**
 * The largest backup accepted. The bench's large team (bench/lib/dataset.ts LARGE: 10,000 issues,
 * 100,000 documents of ~750 characters, 100,000 evidence links, 216,000 history events) backs up to
 * 272 MB; 320 MB takes it with about a sixth to grow. Past that a team is moved with the whole-database
 * backup (scripts/db.ts), since reading holds the parsed file in memory (~2 GB at 272 MB).
 */
const MAX_RESTORE_BYTES = 320 * 1024 * 1024;

// The body is parsed and checked in a worker thread (lib/backup/read-off-thread.ts), not by route().
export const POST = route({ role: "admin" }, async ({ actor, request }) =>
  json(await restoreUpload(actor, await readJsonBytes(request, MAX_RESTORE_BYTES)), { status: 201 }),
);
