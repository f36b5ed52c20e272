// GET /api/briefings/schedules – the team's scheduled briefings, with when each runs next
// POST /api/briefings/schedules – schedule a briefing (filter, title, marking; daily or weekly at an hour on the team's clock)
import { json, route } from "@/lib/api/route";
import { createBriefingSchedule, listBriefingSchedules } from "@/lib/services/briefing-schedules";
import { createBriefingScheduleSchema } from "@/lib/validation/briefing-schedules";

export const GET = route({ role: "viewer" }, async ({ actor }) => json(await listBriefingSchedules(actor)));

export const POST = route({ role: "analyst", body: createBriefingScheduleSchema }, async ({ actor, body }) => {
  const schedule = await createBriefingSchedule(actor, body);
  return json(schedule, { status: 201, headers: { Location: `/api/briefings/schedules/${schedule.id}` } });
});
