import "server-only";
import { statsSchema } from "@/lib/validation/stats";
import { component, type OpenApiKit } from "../kit";
import * as statsRoute from "@/app/api/stats/route";

export function registerDashboard(kit: OpenApiKit) {
  const { operation, ok } = kit;
  const Stats = component("Stats", statsSchema);
  operation({
    method: "get",
    path: "/api/stats",
    operationId: "getStats",
    tag: "Dashboard",
    summary: "The team's risk picture",
    description: "Counts by status and category, the likelihood × impact matrix, weekly activity, recent changes, reviews due, and the designation watch (hits waiting for review, recent confirmed designations).",
    route: statsRoute.GET,
    responses: { 200: ok("The numbers", Stats) },
  });
}
