// GET /api/admin/backup – the team's data as a versioned JSON file (admins)
import { route } from "@/lib/api/route";
import { backupTeam } from "@/lib/services/backup";

export const GET = route({ role: "admin" }, async ({ actor }) => {
  const backup = await backupTeam(actor);
  return new Response(JSON.stringify(backup), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="sanctions-watch-${backup.team.slug}-${backup.exportedAt.slice(0, 10)}.json"`,
    },
  });
});
