// GET /api/documents/{id} – one stored document with its text and the evidence quoting it
import { json, route } from "@/lib/api/route";
import { getDocument } from "@/lib/services/documents";

export const GET = route({ role: "viewer" }, async ({ actor, params }) => json(await getDocument(actor, params.id!)));
