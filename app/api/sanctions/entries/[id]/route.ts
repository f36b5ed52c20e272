// GET /api/sanctions/entries/{id} – one entry of a release, whole
import { json, route } from "@/lib/api/route";
import { getSanctionsEntry } from "@/lib/services/sanctions/lists";

export const GET = route({ role: "viewer" }, async ({ params }) => json(await getSanctionsEntry(params.id!)));
