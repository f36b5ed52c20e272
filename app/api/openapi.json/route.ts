// GET /api/openapi.json – the OpenAPI 3.1 document of this API (no sign-in needed)
import { json, route } from "@/lib/api/route";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/openapi/document";

// Built on the first request and kept: it depends only on the code.
let document: OpenApiDocument | undefined;

export const GET = route({ role: "public" }, async () => json((document ??= buildOpenApiDocument())));
