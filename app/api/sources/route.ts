// GET /api/sources – the team's sources with their Admiralty reliability
// POST /api/sources – add a source
import { json, route } from "@/lib/api/route";
import { createSource, listSources } from "@/lib/services/sources";
import { createSourceSchema } from "@/lib/validation/sources";

export const GET = route({ role: "viewer" }, async ({ actor }) => json({ items: await listSources(actor) }));

export const POST = route({ role: "analyst", body: createSourceSchema }, async ({ actor, body }) => json(await createSource(actor, body), { status: 201 }));
