// GET /api/documents – the evidence library: full-text search (?q=), filters, ranked, with snippets
// POST /api/documents – store a document (JSON, or a .txt/.md/.html/.pdf upload) with optional evidence links; 409 on duplicate content
import { json, parse, route } from "@/lib/api/route";
import { readDocumentBody } from "@/lib/api/upload";
import { createDocument, searchDocuments } from "@/lib/services/documents";
import { createDocumentSchema, searchDocumentsQuerySchema } from "@/lib/validation/documents";

export const GET = route({ role: "viewer", query: searchDocumentsQuerySchema }, async ({ actor, query }) => json(await searchDocuments(actor, query)));

export const POST = route({ role: "analyst" }, async ({ actor, request }) => {
  const document = await createDocument(actor, parse(createDocumentSchema, await readDocumentBody(request)));
  return json(document, { status: 201, headers: { Location: `/api/documents/${document.id}` } });
});
