// POST /api/inbox/{id}/accept – what the review form needs to save the item as a document with its evidence
import { json, route } from "@/lib/api/route";
import { prepareAcceptance } from "@/lib/services/inbox";

export const POST = route({ role: "analyst" }, async ({ actor, params }) => json(await prepareAcceptance(actor, params.id!)));
