// POST /api/screening – match up to 1,000 names against the latest release of every sanctions list
import { json, route } from "@/lib/api/route";
import { screenNames } from "@/lib/services/sanctions/screening";
import { screeningRequestSchema } from "@/lib/validation/sanctions";

export const POST = route({ role: "viewer", body: screeningRequestSchema }, async ({ body }) => json(await screenNames(body)));
