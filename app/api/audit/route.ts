// GET /api/audit – the team's event log filtered by actor, entity, action and date; ?format=csv downloads it (admins)
import { json, route } from "@/lib/api/route";
import { exportAuditCsv, listAuditEvents } from "@/lib/services/audit";
import { auditQuerySchema } from "@/lib/validation/team";

export const GET = route({ role: "admin", query: auditQuerySchema }, async ({ actor, query }) => {
  if (query.format === "csv") {
    return new Response(await exportAuditCsv(actor, query), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="audit-log.csv"' },
    });
  }
  return json(await listAuditEvents(actor, query));
});
