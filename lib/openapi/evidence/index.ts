import "server-only";
import { captureSchema } from "@/lib/validation/captures";
import { analyzeDocumentSchema, createDocumentSchema, documentDetailSchema, documentPageSchema, MAX_UPLOAD_BYTES } from "@/lib/validation/documents";
import { stances } from "@/lib/domain/stance";
import { evidenceSchema } from "@/lib/validation/evidence";
import { issueEvidencePageSchema } from "@/lib/validation/issues";
import { sourceSchema } from "@/lib/validation/sources";
import { z } from "zod";
import { ISSUE_MATCHES_SHOWN } from "@/lib/analysis/analyze";
import { LEARNED, LEARNED_CAP, MIN_EXAMPLES } from "@/lib/analysis/learned";
import { BASE, RELATED_AT } from "@/lib/analysis/relevance";
import type { analyzeForTeam } from "@/lib/services/documents";
import { component, itemsOf, listDescription, type Fits, type OpenApiKit, type Result } from "../kit";
import * as capturesByIdSnapshotRoute from "@/app/api/captures/[id]/snapshot/route";
import * as capturesRoute from "@/app/api/captures/route";
import * as documentsAnalyzeRoute from "@/app/api/documents/analyze/route";
import * as documentsByIdRoute from "@/app/api/documents/[id]/route";
import * as documentsRoute from "@/app/api/documents/route";
import * as evidenceByIdRoute from "@/app/api/evidence/[id]/route";
import * as issuesByIdEvidenceRoute from "@/app/api/issues/[id]/evidence/route";
import * as sourcesByIdRoute from "@/app/api/sources/[id]/route";
import * as sourcesRoute from "@/app/api/sources/route";

// Documents, captures, sources and the evidence linking them to issues.

const relevanceExplainedSchema = z
  .object({
    issueId: z.string().nullable().meta({ description: "The issue the document is most relevant to; null when the team has no issues" }),
    issueTitle: z.string().nullable(),
    reasons: z
      .array(
        z.object({
          part: z.enum(["topic", "names", "context", "place", LEARNED]).meta({
            description:
              "`topic`: the issue's category terms and HS headings; `names`: its tags and named actors; `context`: sanctions and export-control vocabulary; `place`: the issue's share of the places the document names; " +
              `\`learned\`: what the team's own decisions taught (inbox items accepted or dismissed, documents linked as evidence), retrained in the background; present once the team has decided at least ${MIN_EXAMPLES} items each way, at most ±${LEARNED_CAP}`,
          }),
          weight: z.number().meta({ description: `How much it moved the score, in log-odds added to ${BASE}; only \`learned\` can be negative (the team dismissed documents like it)` }),
          found: z.array(z.string()).meta({
            description: "What was found: terms, \"HS 8542\", names, \"Russia (12)\" and the most-named place not the issue's; for `learned`, the words and names that moved it most",
          }),
        }),
      )
      .meta({ description: "What moved the relevance, largest first" }),
    notCounted: z.array(z.string()).meta({ description: "Ambiguous words not counted, their sense not ours: \"engine: full-text search engine library\"" }),
  })
  .meta({ description: "Why the document is as relevant as it is" });

const namedEntitySchema = z.object({
  name: z.string().meta({ description: "The clean name: no possessive, legal form kept (\"Haas Automation, Inc.\"), a known body by its own name" }),
  aliases: z.array(z.string()).meta({ description: "The other ways the text writes it (\"Commerce Department\", \"BIS\", \"Alan Estevez\"), first seen first" }),
  mentions: z.number().int().min(1).meta({ description: "How often the text names it, in any of its forms" }),
  start: z.number().int().meta({ description: "Offset of the first mention in `text`" }),
  end: z.number().int(),
});

/**
 * The analysis of POST /api/documents/analyze. Its full shape is a TypeScript interface in
 * lib/analysis/analyze.ts with no zod schema yet, so only the top level and the names are described here.
 */
const documentAnalysisSchema = z.object({
  title: z.string(),
  publisher: z.string().nullable(),
  publishedDate: z.string().nullable().meta({ description: "YYYY-MM-DD, or null when the document gives no date" }),
  wordCount: z.number().int(),
  people: z.array(namedEntitySchema).meta({ description: "The people named, most mentioned first, each once with its variants as aliases" }),
  organizations: z.array(namedEntitySchema).meta({ description: "The organisations named, most mentioned first, each once with its variants and acronyms as aliases" }),
  places: z.array(namedEntitySchema),
  keyPassages: z.array(z.unknown()).meta({ description: "The passages worth quoting, with their offsets in `text`" }),
  categories: z.array(z.unknown()).meta({ description: "Suggested categories, best first" }),
  hsCodes: z.array(z.unknown()).meta({ description: "Suggested HS codes, best first" }),
  jurisdictions: z.array(z.unknown()),
  issues: z.array(z.unknown()).meta({ description: `The team's issues this document may evidence, best first, with the matching passages: the ${ISSUE_MATCHES_SHOWN} most relevant` }),
  issuesMatched: z.number().int().meta({ description: `How many of the team's issues match; \`issues\` holds the ${ISSUE_MATCHES_SHOWN} most relevant` }),
  relevance: z.number().min(0).max(1).meta({
    description: "How relevant the document is to the team's watchlist, 0 to 1, comparable across documents: low but not zero for another sanctions theater or an unrelated text. Once the team has decided enough inbox items, its learned part moves it (\`relevanceExplained.reasons\`, part \`learned\`)",
  }),
  related: z.boolean().meta({ description: `Whether it is related to the watchlist: \`relevance\` ≥ ${RELATED_AT}` }),
  relevanceExplained: relevanceExplainedSchema,
  text: z.string().meta({ description: "The text analysed (an upload's extracted text)" }),
  duplicateOf: z.string().nullable().meta({ description: "The id of a stored document with the same text, if any" }),
});

void (true satisfies Fits<Result<typeof analyzeForTeam>, z.infer<typeof documentAnalysisSchema>>);

export function registerEvidence(kit: OpenApiKit) {
  const { operation, ok, created, noContent, locationHeader } = kit;
  const AnalyzeDocument = component("AnalyzeDocument", analyzeDocumentSchema);
  const AnalyzeDocumentUpload = component(
    "AnalyzeDocumentUpload",
    analyzeDocumentSchema.partial({ text: true }).extend({
      file: z.string().optional().meta({ description: "A .txt, .md, .html or .pdf file (10 MB at most); or send `text`", contentMediaType: "application/octet-stream" }),
    }),
  );
  const Capture = component("Capture", captureSchema);
  const CreateDocument = component("CreateDocument", createDocumentSchema);
  const CreateDocumentUpload = component(
    "CreateDocumentUpload",
    createDocumentSchema.omit({ text: true, evidence: true }).extend({
      file: z.string().optional().meta({ description: "A .txt, .md, .html or .pdf file (10 MB at most); or send `text`", contentMediaType: "application/octet-stream" }),
      text: createDocumentSchema.shape.text.optional(),
      evidence: z.string().optional().meta({ description: "The evidence links as a JSON array, as in the JSON body's `evidence`" }),
    }),
    "The same fields as CreateDocument, as form fields, with the text taken from `file`.",
  );
  const DocumentAnalysis = component("DocumentAnalysis", documentAnalysisSchema);
  const DocumentDetail = component("DocumentDetail", documentDetailSchema);
  const DocumentPage = component("DocumentPage", documentPageSchema);
  const Evidence = component("Evidence", evidenceSchema);
  const Source = component("Source", sourceSchema);
  const IssueEvidencePage = component("IssueEvidencePage", issueEvidencePageSchema);
  const SourceList = component("SourceList", itemsOf(sourceSchema));
  operation({
    method: "get",
    path: "/api/issues/{id}/evidence",
    operationId: "listIssueEvidence",
    tag: "Evidence",
    summary: "A page of the issue's evidence, newest first, filtered, with the totals by stance and grade",
    description: "`totals` counts all of the issue's evidence, whatever the filters; `total` counts the items that match them.",
    route: issuesByIdEvidenceRoute.GET,
    id: "issue",
    queryDescriptions: {
      q: "Words of the quote, case-insensitive.",
      stance: listDescription(stances),
      grade: "Admiralty grades, e.g. `B2` (source reliability A–F, F when the document has no source; credibility 1–6): comma-separated or repeated.",
    },
    responses: { 200: ok("A page of evidence with the totals", IssueEvidencePage) },
  });
  operation({
    method: "post",
    path: "/api/issues/{id}/evidence",
    operationId: "linkEvidence",
    tag: "Evidence",
    summary: "Link a quoted passage of a stored document to the issue, graded",
    description: "The quote must be an exact passage of the document's text (422 otherwise).",
    route: issuesByIdEvidenceRoute.POST,
    id: "issue",
    body: { id: "LinkEvidence", description: "The document, the passage and its grade" },
    responses: { 201: created("The evidence link", Evidence) },
    errors: { not_found: "No such issue or document in your team", conflict: "This passage is already evidence for the issue (`details.evidenceId`)" },
  });
  operation({
    method: "patch",
    path: "/api/evidence/{id}",
    operationId: "updateEvidence",
    tag: "Evidence",
    summary: "Change a link's quote, grade, stance or note",
    route: evidenceByIdRoute.PATCH,
    id: "evidence link",
    body: { id: "UpdateEvidence", description: "The fields to change", about: "The fields to change (at least one)." },
    responses: { 200: ok("The evidence link", Evidence) },
  });
  operation({
    method: "delete",
    path: "/api/evidence/{id}",
    operationId: "deleteEvidence",
    tag: "Evidence",
    summary: "Remove an evidence link (the history keeps it)",
    route: evidenceByIdRoute.DELETE,
    id: "evidence link",
    responses: { 204: noContent },
  });
  operation({
    method: "get",
    path: "/api/documents",
    operationId: "searchDocuments",
    tag: "Evidence",
    summary: "The evidence library: full-text search, filters, ranked, with snippets",
    route: documentsRoute.GET,
    responses: { 200: ok("A page of documents, best match first with `q`", DocumentPage) },
  });
  operation({
    method: "post",
    path: "/api/documents",
    operationId: "createDocument",
    tag: "Evidence",
    summary: "Store a document, with optional evidence links",
    description: `JSON, or a multipart upload of a .txt, .md, .html or .pdf file (up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB). The same text twice is a 409.`,
    route: documentsRoute.POST,
    body: { description: "The document's text (or file) and metadata", json: CreateDocument, multipart: CreateDocumentUpload },
    responses: { 201: created("The stored document", DocumentDetail, { Location: locationHeader }) },
    errors: { conflict: "This text is already in the library (`details.documentId`)", not_found: "An evidence link names an issue that is not in your team" },
  });
  operation({
    method: "post",
    path: "/api/captures",
    operationId: "createCapture",
    tag: "Evidence",
    summary: "Fetch a page by URL, keep it as a snapshot, and answer its main text, title, byline and date",
    description:
      "Public addresses only (loopback, private, link-local, metadata and other internal addresses are refused, at every redirect too), " +
      "at most 5 redirects, 10 MB and 20 s. HTML, XHTML, PDF or plain text. Nothing is stored when the page cannot be fetched or read. " +
      "The answer fills the Add evidence form: save the document with `captureId` to link it to the snapshot.",
    route: capturesRoute.POST,
    body: { id: "CreateCapture", description: "The page's address" },
    responses: { 201: created("The capture and what was read from it", Capture, { Location: locationHeader }) },
    errors: {
      validation_failed:
        "Not an http(s) URL, or the page is refused or unusable: `details.reason` is `bad_url`, `blocked_address`, `bad_content_type`, `too_large` or `too_many_redirects`, and `details.fields.url` says why",
      bad_gateway: "The page's server did not answer in time, could not be reached, or answered an error status (`details.reason`, `details.status`)",
    },
  });
  operation({
    method: "get",
    path: "/api/captures/{id}/snapshot",
    operationId: "getCaptureSnapshot",
    tag: "Evidence",
    summary: "The captured page as fetched, never executed",
    description: "HTML is served under `Content-Security-Policy: sandbox; default-src 'none'` (no scripts, nothing loaded), or as plain text with `as=text`; a PDF as a download.",
    route: capturesByIdSnapshotRoute.GET,
    id: "capture",
    responses: {
      200: {
        description: "The stored body",
        content: {
          "text/html": { schema: z.string() },
          "text/plain": { schema: z.string() },
          "application/pdf": { schema: z.string().meta({ contentMediaType: "application/pdf" }) },
        },
      },
    },
  });
  operation({
    method: "get",
    path: "/api/documents/{id}",
    operationId: "getDocument",
    tag: "Evidence",
    summary: "One stored document with its text and the evidence quoting it",
    route: documentsByIdRoute.GET,
    id: "document",
    responses: { 200: ok("The document", DocumentDetail) },
  });
  operation({
    method: "post",
    path: "/api/documents/analyze",
    operationId: "analyzeDocument",
    tag: "Evidence",
    summary: "Suggestions for a document before saving it; writes nothing",
    description:
      "Title, publisher, date, names, key passages, categories, HS codes, the issues it may evidence, and its relevance to the watchlist (0 to 1) with a related / not related verdict and the reasons. JSON or a multipart upload, as for POST /api/documents.",
    route: documentsAnalyzeRoute.POST,
    body: { description: "The text (or file) to analyse", json: AnalyzeDocument, multipart: AnalyzeDocumentUpload },
    responses: { 200: ok("The suggestions", DocumentAnalysis) },
  });
  operation({
    method: "get",
    path: "/api/sources",
    operationId: "listSources",
    tag: "Evidence",
    summary: "The team's sources with their Admiralty reliability",
    route: sourcesRoute.GET,
    responses: { 200: ok("The sources", SourceList) },
  });
  operation({
    method: "post",
    path: "/api/sources",
    operationId: "createSource",
    tag: "Evidence",
    summary: "Add a source",
    route: sourcesRoute.POST,
    body: { id: "CreateSource", description: "The source" },
    responses: { 201: created("The source", Source) },
    errors: { conflict: "A source with this name exists (`details.sourceId`)" },
  });
  operation({
    method: "patch",
    path: "/api/sources/{id}",
    operationId: "updateSource",
    tag: "Evidence",
    summary: "Edit a source; reliability changes are kept in the history",
    route: sourcesByIdRoute.PATCH,
    id: "source",
    body: { id: "UpdateSource", description: "The fields to change", about: "The fields to change (at least one)." },
    responses: { 200: ok("The source", Source) },
    errors: { conflict: "Another source has this name (`details.sourceId`)" },
  });
}
