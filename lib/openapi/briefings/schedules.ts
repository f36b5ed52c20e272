import "server-only";
import type { getBriefingSchedule, listBriefingSchedules } from "@/lib/services/briefing-schedules";
import { briefingScheduleListSchema, briefingScheduleSchema } from "@/lib/validation/briefing-schedules";
import type { z } from "zod";
import { component, type Fits, type OpenApiKit, type Result } from "../kit";
import * as schedulesByIdRoute from "@/app/api/briefings/schedules/[id]/route";
import * as schedulesRoute from "@/app/api/briefings/schedules/route";

// Scheduled briefings (issue 15, item 5).

void (true satisfies Fits<Result<typeof listBriefingSchedules>, z.infer<typeof briefingScheduleListSchema>>);
void (true satisfies Fits<Result<typeof getBriefingSchedule>, z.infer<typeof briefingScheduleSchema>>);

const TIMING =
  "A schedule runs `daily`, or `weekly` on `dayOfWeek` (1 Monday … 7 Sunday), at `hour` (0–23) on the team's clock (its time zone, PATCH /api/team). " +
  "An hour that daylight saving skips runs when the clock jumps past it; an hour that happens twice runs at its first occurrence. " +
  "Each due time makes one briefing (as POST /api/briefings does), and the schedule's followers (its maker by default; PUT /api/follows with kind `briefing_schedule`) " +
  "are notified with the download links. Due times missed while no server ran are made once, late.";

export function registerBriefingSchedules(kit: OpenApiKit) {
  const { operation, ok, created, noContent, locationHeader } = kit;
  const Schedule = component("BriefingSchedule", briefingScheduleSchema);
  const ScheduleList = component("BriefingScheduleList", briefingScheduleListSchema);
  operation({
    method: "get",
    path: "/api/briefings/schedules",
    operationId: "listBriefingSchedules",
    tag: "Briefings",
    summary: "The team's scheduled briefings, with when each runs next",
    route: schedulesRoute.GET,
    responses: { 200: ok("The schedules and the team's time zone", ScheduleList) },
  });
  operation({
    method: "post",
    path: "/api/briefings/schedules",
    operationId: "createBriefingSchedule",
    tag: "Briefings",
    summary: "Schedule a briefing: a watchlist filter, title and marking, daily or weekly at an hour",
    description: `${TIMING} A filter matching more than 500 issues is refused (422); \`owner: "me"\` is kept as your own id.`,
    route: schedulesRoute.POST,
    body: { id: "CreateBriefingSchedule", description: "What to include and when" },
    responses: { 201: created("The schedule", Schedule, { Location: locationHeader }) },
  });
  operation({
    method: "get",
    path: "/api/briefings/schedules/{id}",
    operationId: "getBriefingSchedule",
    tag: "Briefings",
    summary: "One scheduled briefing",
    route: schedulesByIdRoute.GET,
    id: "briefing schedule",
    responses: { 200: ok("The schedule", Schedule) },
  });
  operation({
    method: "patch",
    path: "/api/briefings/schedules/{id}",
    operationId: "updateBriefingSchedule",
    tag: "Briefings",
    summary: "Change a scheduled briefing, pause it or resume it",
    description: "`paused: true` stops its runs; `paused: false` resumes from now (due times missed while paused are not made). A new hour, day or cadence also counts from now.",
    route: schedulesByIdRoute.PATCH,
    id: "briefing schedule",
    body: { id: "UpdateBriefingSchedule", description: "The fields to change, or `paused`" },
    responses: { 200: ok("The schedule", Schedule) },
  });
  operation({
    method: "delete",
    path: "/api/briefings/schedules/{id}",
    operationId: "deleteBriefingSchedule",
    tag: "Briefings",
    summary: "Delete a scheduled briefing (the briefings it made stay)",
    route: schedulesByIdRoute.DELETE,
    id: "briefing schedule",
    responses: { 204: noContent },
  });
}
