// POST /api/documents/analyze – suggestions for a document before saving it (title, names, passages, categories, HS codes, issues); writes nothing
import { json, parse, route } from "@/lib/api/route";
import { readDocumentBody } from "@/lib/api/upload";
import { analyzeForTeam } from "@/lib/services/documents";
import { analyzeDocumentSchema } from "@/lib/validation/documents";

export const POST = route({ role: "analyst" }, async ({ actor, request }) => {
  const body = await readDocumentBody(request);
  const { text, title, url } = body;
  // The text comes back too (an upload's extracted text), so the intake page can show it and quote from it.
  return json(await analyzeForTeam(actor, parse(analyzeDocumentSchema, { text, title, url })));
});
