// GET /api/briefings/schedules/{id} – one scheduled briefing
// PATCH /api/briefings/schedules/{id} – change it, pause it (`paused: true`) or resume it
// DELETE /api/briefings/schedules/{id} – stop it (the briefings it made stay)
import { json, route } from "@/lib/api/route";
import { deleteBriefingSchedule, getBriefingSchedule, updateBriefingSchedule } from "@/lib/services/briefing-schedules";
import { updateBriefingScheduleSchema } from "@/lib/validation/briefing-schedules";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => json(await getBriefingSchedule(actor, params.id!)));

export const PATCH = route({ role: "analyst", body: updateBriefingScheduleSchema }, async ({ actor, params, body }) =>
  json(await updateBriefingSchedule(actor, params.id!, body)),
);

export const DELETE = route({ role: "analyst" }, async ({ actor, params }) => {
  await deleteBriefingSchedule(actor, params.id!);
  return new Response(null, { status: 204 });
});
