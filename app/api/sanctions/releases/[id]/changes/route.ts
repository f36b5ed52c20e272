// GET /api/sanctions/releases/{id}/changes?kind=added|removed|changed&program=&country=&type=&q= – what the
// release changed, filtered and paged, with the values each filter can take
import { json, route } from "@/lib/api/route";
import { releaseChanges } from "@/lib/services/sanctions/lists";
import { changesQuerySchema } from "@/lib/validation/sanctions";

export const GET = route({ role: "viewer", query: changesQuerySchema }, async ({ params, query }) => json(await releaseChanges(params.id!, query)));
