// POST /api/admin/restore – restore a team backup into a new, empty team (admins; up to 200 MB)
import { json, route } from "@/lib/api/route";
import { restoreTeam } from "@/lib/services/backup";
import { teamBackupSchema } from "@/lib/validation/backup";

export const POST = route({ role: "admin", body: teamBackupSchema, maxBytes: 200 * 1024 * 1024 }, async ({ actor, body }) =>
  json(await restoreTeam(actor, body), { status: 201 }),
);
