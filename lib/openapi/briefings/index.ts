import "server-only";
import { BRIEFING_FORMAT_NAMES, briefingFormatInfo } from "@/lib/briefings/export/formats";
import { briefingSnapshotSchema } from "@/lib/briefings/snapshot";
import { briefingDetailSchema, briefingPageSchema } from "@/lib/validation/briefings";
import { z } from "zod";
import { component, type OpenApiKit } from "../kit";
import * as briefingsByIdExportRoute from "@/app/api/briefings/[id]/export/route";
import * as briefingsByIdRoute from "@/app/api/briefings/[id]/route";
import * as briefingsRoute from "@/app/api/briefings/route";
import { registerBriefingSchedules } from "./schedules";

export function registerBriefings(kit: OpenApiKit) {
  registerBriefingSchedules(kit);
  const { operation, ok, created, locationHeader } = kit;
  const BriefingDetail = component("BriefingDetail", briefingDetailSchema);
  const BriefingPage = component("BriefingPage", briefingPageSchema);
  const BriefingSnapshot = component("BriefingSnapshot", briefingSnapshotSchema);
  operation({
    method: "get",
    path: "/api/briefings",
    operationId: "listBriefings",
    tag: "Briefings",
    summary: "The team's briefings, newest first, with their download links",
    route: briefingsRoute.GET,
    responses: { 200: ok("A page of briefings", BriefingPage) },
  });
  operation({
    method: "post",
    path: "/api/briefings",
    operationId: "createBriefing",
    tag: "Briefings",
    summary: "Snapshot the watchlist (a filter or chosen issues) as a briefing",
    description: "The snapshot is immutable; it records the changes since the team's previous briefing.",
    route: briefingsRoute.POST,
    body: { id: "CreateBriefing", description: "What to include", about: "A title, a marking, and either a watchlist `filter` (the query parameters of GET /api/issues without paging; numbers and booleans are accepted for `impact` and `reviewDue`) or `issueIds` (not both)." },
    responses: { 201: created("The briefing with its snapshot", BriefingDetail, { Location: locationHeader }) },
  });
  operation({
    method: "get",
    path: "/api/briefings/{id}",
    operationId: "getBriefing",
    tag: "Briefings",
    summary: "One briefing with its immutable snapshot",
    route: briefingsByIdRoute.GET,
    id: "briefing",
    responses: { 200: ok("The briefing", BriefingDetail) },
  });
  operation({
    method: "get",
    path: "/api/briefings/{id}/export",
    operationId: "exportBriefing",
    tag: "Briefings",
    summary: "The briefing as a file (the same bytes every time)",
    description: `\`format\`: ${BRIEFING_FORMAT_NAMES.map((f) => `\`${f}\``).join(", ")}. The JSON export is the snapshot itself.`,
    route: briefingsByIdExportRoute.GET,
    id: "briefing",
    responses: {
      200: {
        description: "The file, as an attachment",
        headers: { "Content-Disposition": { description: 'attachment; filename="…"', schema: { type: "string" } } },
        content: Object.fromEntries(
          BRIEFING_FORMAT_NAMES.map((format) => {
            const { mediaType, label } = briefingFormatInfo[format];
            return [mediaType, { schema: format === "json" ? BriefingSnapshot : z.string().meta({ description: label, contentMediaType: mediaType }) }];
          }),
        ),
      },
    },
  });
}
