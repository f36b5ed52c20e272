// GET /api/stats – the team's risk picture: counts by status and category, the risk matrix, weekly activity, recent changes, reviews due
import { json, route } from "@/lib/api/route";
import { getStats } from "@/lib/services/stats";

export const GET = route({ role: "viewer" }, async ({ actor }) => json(await getStats(actor)));
