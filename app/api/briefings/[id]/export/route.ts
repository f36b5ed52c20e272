// GET /api/briefings/{id}/export?format=md|docx|pdf|csv|json – the briefing as a file (same bytes every time)
import { route } from "@/lib/api/route";
import { exportBriefing } from "@/lib/services/briefings";
import { exportBriefingQuerySchema } from "@/lib/validation/briefings";

export const GET = route({ role: "viewer", query: exportBriefingQuerySchema }, async ({ actor, params, query }) => {
  const file = await exportBriefing(actor, params.id!, query.format);
  return new Response(file.body as Uint8Array<ArrayBuffer>, {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Disposition": file.contentDisposition,
      "Content-Length": String(file.body.byteLength),
      // A marked briefing (TLP:AMBER, RED…) is not left in shared caches.
      "Cache-Control": "private, no-store",
    },
  });
});
