import "server-only";
import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { ISSUE_MATCHES_SHOWN } from "@/lib/analysis/analyze";
import { teamBackupSchema } from "@/lib/validation/backup";
import { errorBodySchema, errorStatus } from "@/lib/api/errors";
import type { ErrorCode } from "@/lib/errors";
import { briefingFormatInfo, BRIEFING_FORMAT_NAMES } from "@/lib/briefings/export/formats";
import { briefingSnapshotSchema } from "@/lib/briefings/snapshot";
import type { Role } from "@/lib/generated/prisma/enums";
import type { listAuditEvents } from "@/lib/services/audit";
import type { analyzeForTeam } from "@/lib/services/documents";
import type { checkHealth } from "@/lib/services/health";
import type { acceptInvitation } from "@/lib/services/invitations";
import type { issueHistory } from "@/lib/services/issues";
import type { listSanctionsLists, releaseChanges } from "@/lib/services/sanctions/lists";
import type { listMyTeams } from "@/lib/services/teams";
import {
  briefingDetailSchema,
  briefingPageSchema,
  createBriefingSchema,
  exportBriefingQuerySchema,
  listBriefingsQuerySchema,
} from "@/lib/validation/briefings";
import { captureSchema, createCaptureSchema, snapshotQuerySchema } from "@/lib/validation/captures";
import { idSchema, pageOf } from "@/lib/validation/common";
import {
  analyzeDocumentSchema,
  createDocumentSchema,
  documentDetailSchema,
  documentPageSchema,
  MAX_UPLOAD_BYTES,
  searchDocumentsQuerySchema,
} from "@/lib/validation/documents";
import { evidenceSchema, linkEvidenceSchema, updateEvidenceSchema } from "@/lib/validation/evidence";
import { jobSchema, jobsPageSchema, jobsQuerySchema } from "@/lib/validation/jobs";
import {
  createIssueSchema,
  eventSchema,
  issueDetailSchema,
  issuePageSchema,
  issueSorts,
  likelihoodSchema,
  listIssuesQuerySchema,
  statusSchema,
  updateIssueSchema,
} from "@/lib/validation/issues";
import {
  changePageSchema,
  changesQuerySchema,
  entrySchema,
  importReleaseFieldsSchema,
  MAX_LIST_FILE_BYTES,
  MAX_SCREENING_NAMES,
  releaseSummarySchema,
  sanctionsListsSchema,
  screeningRequestSchema,
  screeningResponseSchema,
} from "@/lib/validation/sanctions";
import {
  createEntitySchema,
  decideHitSchema,
  entityDetailSchema,
  entityHistorySchema,
  entityPageSchema,
  hitSchema,
  listEntitiesQuerySchema,
  mergeEntitySchema,
  trackActorsSchema,
  trackDocumentNamesSchema,
  trackedEntitiesSchema,
  updateEntitySchema,
} from "@/lib/validation/entities";
import { createSourceSchema, sourceSchema, updateSourceSchema } from "@/lib/validation/sources";
import { statsSchema } from "@/lib/validation/stats";
import {
  acceptInvitationSchema,
  apiTokenSchema,
  auditQuerySchema,
  changeRoleSchema,
  createApiTokenSchema,
  createInvitationSchema,
  invitationSchema,
  memberSchema,
  switchTeamSchema,
  teamSchema,
} from "@/lib/validation/team";
import packageJson from "@/package.json";

// The OpenAPI 3.1 document of /api (issue 3), generated from the zod schemas in lib/validation that the
// routes parse and answer with: no shape is written twice. One `operation()` per route file and
// exported method; lib/openapi/document.test.ts fails when a route under app/api is missing here.
//
// zod 4's `.meta()` carries the OpenAPI metadata (zod-to-openapi reads it: `id` names a component,
// `param` describes a parameter). `.meta()` returns a copy, so the schemas in lib/validation stay as
// they are; the flip side is that a schema nested in another (IssueSummary in IssuePage) is inlined
// there rather than referenced. No `extendZodWithOpenApi`: it patches zod's prototype, which fails
// when a second copy of zod is loaded (tsx scripts load zod-to-openapi's CommonJS build).

const component = <T extends z.ZodType>(id: string, schema: T, description?: string): T =>
  schema.meta({ id, ...(description ? { description } : {}) }) as T;

/** `{ items: [...] }`, the body of the list routes that do not page. */
const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** Cookie that better-auth sets on sign-in (`__Secure-` prefixed when APP_URL is https). */
const SESSION_COOKIE = "sanctions-watch.session_token";

// ---- shapes that lib/validation has no schema for (each checked against its service's type below) ----

const healthSchema = z.object({ status: z.literal("ok"), db: z.enum(["pglite", "postgres"]), version: z.string() });
const issueHistorySchema = itemsOf(eventSchema);
const auditPageSchema = pageOf(
  eventSchema.extend({
    count: z.number().int().min(1).meta({ description: "How often the event occurred: a security event's repeats within 15 minutes are counted, not logged one by one" }),
    lastAt: z.string().meta({ description: "When it last occurred (`at` for a single occurrence)" }),
  }),
);
const acceptedInvitationSchema = z.object({ email: z.string(), teamId: z.string() });
const switchedTeamSchema = z.object({ teamId: z.string() });
/**
 * The analysis of POST /api/documents/analyze. Its full shape is a TypeScript interface in
 * lib/analysis/analyze.ts with no zod schema yet, so only the top level is described here.
 */
const documentAnalysisSchema = z.object({
  title: z.string(),
  publisher: z.string().nullable(),
  publishedDate: z.string().nullable().meta({ description: "YYYY-MM-DD, or null when the document gives no date" }),
  wordCount: z.number().int(),
  people: z.array(z.unknown()),
  organizations: z.array(z.unknown()),
  places: z.array(z.unknown()),
  keyPassages: z.array(z.unknown()).meta({ description: "The passages worth quoting, with their offsets in `text`" }),
  categories: z.array(z.unknown()).meta({ description: "Suggested categories, best first" }),
  hsCodes: z.array(z.unknown()).meta({ description: "Suggested HS codes, best first" }),
  jurisdictions: z.array(z.unknown()),
  issues: z.array(z.unknown()).meta({ description: `The team's issues this document may evidence, best first, with the matching passages: the ${ISSUE_MATCHES_SHOWN} most relevant` }),
  issuesMatched: z.number().int().meta({ description: `How many of the team's issues match; \`issues\` holds the ${ISSUE_MATCHES_SHOWN} most relevant` }),
  text: z.string().meta({ description: "The text analysed (an upload's extracted text)" }),
  duplicateOf: z.string().nullable().meta({ description: "The id of a stored document with the same text, if any" }),
});

// better-auth owns its sign-in endpoint; these describe what it accepts and answers (see its
// routes/sign-in), so that scripts can get a session cookie.
const signInBodySchema = z.object({
  email: z.email(),
  password: z.string(),
  rememberMe: z.boolean().optional().meta({ description: "false: the session ends with the browser session. Default true." }),
  callbackURL: z.string().optional(),
});
const signInResponseSchema = z.object({
  redirect: z.boolean(),
  token: z.string().meta({ description: "The session id. It is not an API token: authenticate with the Set-Cookie cookie." }),
  url: z.string().nullable().optional(),
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    emailVerified: z.boolean(),
    image: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
});
const authErrorSchema = z.object({ code: z.string().meta({ example: "INVALID_EMAIL_OR_PASSWORD" }), message: z.string() });

/** Compile-time: what each service returns fits the schema documented for it (tsc fails on drift). */
type Fits<Actual, Documented> = [Actual] extends [Documented] ? true : false;
type Result<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
export type DocumentedShapesFit = [
  Fits<Result<typeof checkHealth>, z.infer<typeof healthSchema>>,
  Fits<{ items: Result<typeof issueHistory> }, z.infer<typeof issueHistorySchema>>,
  Fits<Result<typeof listAuditEvents>, z.infer<typeof auditPageSchema>>,
  Fits<Result<typeof acceptInvitation>, z.infer<typeof acceptedInvitationSchema>>,
  Fits<Result<typeof analyzeForTeam>, z.infer<typeof documentAnalysisSchema>>,
  Fits<{ items: Result<typeof listMyTeams> }, z.infer<ReturnType<typeof itemsOf<typeof teamSchema>>>>,
  Fits<Result<typeof listSanctionsLists>, z.infer<typeof sanctionsListsSchema>>,
  Fits<Result<typeof releaseChanges>, z.infer<typeof changePageSchema>>,
] extends true[]
  ? true
  : never;
const documentedShapesFit: DocumentedShapesFit = true;
void documentedShapesFit;

// ---- errors -----------------------------------------------------------------------------------

type ApiError = Exclude<ErrorCode, "internal">;

const errorDescriptions: Record<ApiError, string> = {
  bad_request: "Malformed request: the body is not valid UTF-8 JSON (or multipart), or If-Match is not a version",
  unauthenticated: "Not signed in: no session cookie and no valid API token",
  forbidden: "Not allowed: the role is too low, or a cross-origin/cross-site browser request to a mutating endpoint",
  not_found: "Absent, deleted, or belonging to another team",
  conflict: "A record with the same unique value exists",
  precondition_failed: "Stale If-Match: someone changed the record since you read it. `details.currentVersion` and the ETag header carry the current version",
  payload_too_large: "The body is larger than the limit (1 MB for JSON; 10 MB for document uploads)",
  unsupported_media_type: "The body is not application/json (or, where uploads are accepted, multipart/form-data with a .txt, .md, .html or .pdf file)",
  validation_failed:
    "Validation failed: `details.fields` maps each invalid field path (e.g. `title`, `jurisdictions.0`, `(body)`) to its messages. " +
    "Text may not contain NUL (U+0000) or unpaired surrogate characters.",
  precondition_required: 'If-Match is missing: send the version you last read, e.g. `If-Match: "3"`',
  rate_limited: "Too many requests; the Retry-After header says in how many seconds to try again",
  bad_gateway: "A server the app fetched from on your behalf failed: `details.reason` is `timeout`, `unreachable` or `bad_status` (with `details.status`)",
  service_unavailable: "The server is shutting down and stopped the work of this request; try again in a moment",
};

// ---- operations ---------------------------------------------------------------------------------

type Access = Role | "public";
type Tag = "Issues" | "Evidence" | "Briefings" | "Dashboard" | "Team" | "Operations" | "Auth" | "Sanctions" | "Entities";

type Operation = {
  method: "get" | "post" | "patch" | "put" | "delete";
  path: string;
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /** Who may call it: the minimum role, or "public". */
  access: Access;
  /** What `{id}` in the path names, e.g. "issue". */
  id?: string;
  query?: z.ZodObject;
  body?: { description: string; json: z.ZodType; multipart?: z.ZodType };
  ifMatch?: boolean;
  /** The successful responses. */
  responses: RouteConfig["responses"];
  /** Errors beyond those the wrapper implies, with what they mean here. */
  errors?: Partial<Record<ApiError, string>>;
};

const MUTATING = new Set(["post", "patch", "put", "delete"]);

function buildRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();

  registry.registerComponent("securitySchemes", "bearerToken", {
    type: "http",
    scheme: "bearer",
    description: "An API token made by a team admin (POST /api/team/tokens), sent as `Authorization: Bearer <token>`. It acts for its team with its role.",
  });
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description:
      "The browser session from `POST /api/auth/sign-in/email`. The cookie `sanctions-watch.team` (POST /api/teams/switch) picks the team when the user belongs to several. " +
      "Mutating requests with an Origin or Sec-Fetch-Site header must come from this site.",
  });
  const etagHeader = registry.registerComponent("headers", "ETag", {
    description: 'The issue\'s version in quotes, e.g. `"3"`: send it back as If-Match to change or delete the issue.',
    schema: { type: "string", example: '"3"' },
  });
  const retryAfterHeader = registry.registerComponent("headers", "RetryAfter", {
    description: "Seconds to wait before trying again",
    schema: { type: "integer" },
  });
  const locationHeader = { description: "Where the new record can be read", schema: { type: "string" } } as const;

  // Components: every schema a request or response refers to, named once.
  const ErrorBody = component("ErrorBody", errorBodySchema);
  const schemas = {
    TeamBackup: component("TeamBackup", teamBackupSchema, "A team's data: categories, sources, documents, issues, evidence, history and briefings."),
    RestoredTeam: component("RestoredTeam", z.object({ teamId: z.string(), name: z.string(), counts: z.record(z.string(), z.number().int()) })),
    IssuePage: component("IssuePage", issuePageSchema),
    IssueDetail: component("IssueDetail", issueDetailSchema),
    CreateIssue: component("CreateIssue", createIssueSchema),
    UpdateIssue: component("UpdateIssue", updateIssueSchema, "The fields to change (at least one besides `rationale`); unknown fields are refused."),
    IssueHistory: component("IssueHistory", issueHistorySchema),
    Evidence: component("Evidence", evidenceSchema),
    LinkEvidence: component("LinkEvidence", linkEvidenceSchema),
    UpdateEvidence: component("UpdateEvidence", updateEvidenceSchema, "The fields to change (at least one)."),
    DocumentPage: component("DocumentPage", documentPageSchema),
    DocumentDetail: component("DocumentDetail", documentDetailSchema),
    CreateDocument: component("CreateDocument", createDocumentSchema),
    CreateDocumentUpload: component(
      "CreateDocumentUpload",
      createDocumentSchema.omit({ text: true, evidence: true }).extend({
        file: z.string().optional().meta({ description: "A .txt, .md, .html or .pdf file (10 MB at most); or send `text`", contentMediaType: "application/octet-stream" }),
        text: createDocumentSchema.shape.text.optional(),
        evidence: z.string().optional().meta({ description: "The evidence links as a JSON array, as in the JSON body's `evidence`" }),
      }),
      "The same fields as CreateDocument, as form fields, with the text taken from `file`.",
    ),
    AnalyzeDocument: component("AnalyzeDocument", analyzeDocumentSchema),
    AnalyzeDocumentUpload: component(
      "AnalyzeDocumentUpload",
      analyzeDocumentSchema.partial({ text: true }).extend({
        file: z.string().optional().meta({ description: "A .txt, .md, .html or .pdf file (10 MB at most); or send `text`", contentMediaType: "application/octet-stream" }),
      }),
    ),
    DocumentAnalysis: component("DocumentAnalysis", documentAnalysisSchema),
    CreateCapture: component("CreateCapture", createCaptureSchema),
    Capture: component("Capture", captureSchema),
    Source: component("Source", sourceSchema),
    SourceList: component("SourceList", itemsOf(sourceSchema)),
    CreateSource: component("CreateSource", createSourceSchema),
    UpdateSource: component("UpdateSource", updateSourceSchema, "The fields to change (at least one)."),
    Stats: component("Stats", statsSchema),
    BriefingPage: component("BriefingPage", briefingPageSchema),
    BriefingDetail: component("BriefingDetail", briefingDetailSchema),
    BriefingSnapshot: component("BriefingSnapshot", briefingSnapshotSchema),
    CreateBriefing: component("CreateBriefing", createBriefingSchema, "A title, a marking, and either a watchlist `filter` (the query parameters of GET /api/issues without paging; numbers and booleans are accepted for `impact` and `reviewDue`) or `issueIds` (not both)."),
    AuditPage: component("AuditPage", auditPageSchema),
    Job: component("Job", jobSchema),
    JobPage: component("JobPage", jobsPageSchema),
    Member: component("Member", memberSchema),
    MemberList: component("MemberList", itemsOf(memberSchema)),
    ChangeRole: component("ChangeRole", changeRoleSchema),
    Invitation: component("Invitation", invitationSchema),
    InvitationList: component("InvitationList", itemsOf(invitationSchema)),
    CreateInvitation: component("CreateInvitation", createInvitationSchema),
    AcceptInvitation: component("AcceptInvitation", acceptInvitationSchema),
    AcceptedInvitation: component("AcceptedInvitation", acceptedInvitationSchema),
    ApiToken: component("ApiToken", apiTokenSchema),
    ApiTokenList: component("ApiTokenList", itemsOf(apiTokenSchema)),
    CreateApiToken: component("CreateApiToken", createApiTokenSchema),
    TeamList: component("TeamList", itemsOf(teamSchema)),
    SwitchTeam: component("SwitchTeam", switchTeamSchema),
    SwitchedTeam: component("SwitchedTeam", switchedTeamSchema),
    Health: component("Health", healthSchema),
    SignInBody: component("SignInBody", signInBodySchema),
    SignInResponse: component("SignInResponse", signInResponseSchema),
    AuthError: component("AuthError", authErrorSchema),
  };
  const s = schemas;

  const jsonContent = (schema: z.ZodType) => ({ "application/json": { schema } });
  const ok = (description: string, schema: z.ZodType, headers?: ResponseConfig["headers"]): ResponseConfig => ({
    description,
    ...(headers ? { headers } : {}),
    content: jsonContent(schema),
  });
  const created = (description: string, schema: z.ZodType, headers: ResponseConfig["headers"] = {}): ResponseConfig => ok(description, schema, headers);
  const noContent: ResponseConfig = { description: "Done; no body" };
  const errorResponse = (code: ApiError, description?: string): ResponseConfig => ({
    description: description || errorDescriptions[code],
    ...(code === "precondition_failed" ? { headers: { ETag: etagHeader.ref } } : {}),
    ...(code === "rate_limited" ? { headers: { "Retry-After": retryAfterHeader.ref } } : {}),
    content: jsonContent(ErrorBody),
  });

  const ifMatch = z.object({
    "If-Match": z.string().meta({
      param: { name: "If-Match", in: "header", required: true, description: "The version you last read (its ETag). Missing: 428; not a version: 400; stale: 412." },
      example: '"3"',
    }),
  });
  const idParam = (what: string) =>
    z.object({ id: idSchema.meta({ param: { name: "id", in: "path", description: `The ${what}'s id` }, example: "0190a000-0000-7000-8000-000000000000" }) });

  function operation(op: Operation) {
    const codes = new Map<ApiError, string | undefined>();
    const add = (code: ApiError, description?: string) => codes.set(code, description ?? codes.get(code));
    if (op.access !== "public") {
      add("unauthenticated");
      add("rate_limited", "Too many requests with this API token; the Retry-After header says when to try again");
    }
    if (op.access === "analyst" || op.access === "admin") add("forbidden", `The role is below ${op.access}, or a cross-origin browser request`);
    else if (MUTATING.has(op.method)) add("forbidden", "A cross-origin or cross-site browser request");
    if (op.body) ["bad_request", "payload_too_large", "unsupported_media_type", "validation_failed"].forEach((code) => add(code as ApiError));
    if (op.query) add("validation_failed");
    if (op.id) add("not_found", `No such ${op.id} in your team`);
    if (op.ifMatch) ["bad_request", "precondition_failed", "precondition_required"].forEach((code) => add(code as ApiError));
    for (const [code, description] of Object.entries(op.errors ?? {})) add(code as ApiError, description);

    const errors = Object.fromEntries(
      [...codes.entries()].sort(([a], [b]) => errorStatus[a] - errorStatus[b]).map(([code, description]) => [errorStatus[code], errorResponse(code, description)]),
    );
    const access = op.access === "public" ? "No sign-in needed." : `Needs the ${op.access} role.`;
    registry.registerPath({
      method: op.method,
      path: op.path,
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      description: [access, op.description].filter(Boolean).join(" "),
      ...(op.access === "public" ? { security: [] } : {}),
      request: {
        ...(op.id ? { params: idParam(op.id) } : {}),
        ...(op.query ? { query: op.query } : {}),
        ...(op.ifMatch ? { headers: ifMatch } : {}),
        ...(op.body
          ? {
              body: {
                description: op.body.description,
                required: true,
                content: { ...jsonContent(op.body.json), ...(op.body.multipart ? { "multipart/form-data": { schema: op.body.multipart } } : {}) },
              },
            }
          : {}),
      },
      responses: { ...op.responses, ...errors },
    });
  }

  // ---- Issues ----
  operation({
    method: "get",
    path: "/api/issues",
    operationId: "listIssues",
    tag: "Issues",
    summary: "The watchlist, filtered, sorted and paged",
    description: "Deleted issues are left out.",
    access: "viewer",
    query: listIssuesQuery(),
    responses: { 200: ok("A page of issues with the total count", s.IssuePage) },
  });
  operation({
    method: "post",
    path: "/api/issues",
    operationId: "createIssue",
    tag: "Issues",
    summary: "Add an issue to the watchlist",
    description: "Records a `created` event in the issue's history.",
    access: "analyst",
    body: { description: "The new issue; fields left out take their defaults", json: s.CreateIssue },
    responses: { 201: created("The issue as stored", s.IssueDetail, { ETag: etagHeader.ref, Location: locationHeader }) },
  });
  operation({
    method: "get",
    path: "/api/issues/{id}",
    operationId: "getIssue",
    tag: "Issues",
    summary: "One issue with its evidence",
    description: "The ETag is the version to send as If-Match when changing it.",
    access: "viewer",
    id: "issue",
    responses: { 200: ok("The issue", s.IssueDetail, { ETag: etagHeader.ref }) },
  });
  operation({
    method: "patch",
    path: "/api/issues/{id}",
    operationId: "updateIssue",
    tag: "Issues",
    summary: "Change an issue",
    description:
      "Send only the fields that change; a status or likelihood move needs a `rationale`. " +
      "A change records one event and increments the version; a body that changes nothing returns the issue as it is.",
    access: "analyst",
    id: "issue",
    ifMatch: true,
    body: { description: "The fields to change, and why", json: s.UpdateIssue },
    responses: { 200: ok("The issue as stored", s.IssueDetail, { ETag: etagHeader.ref }) },
  });
  operation({
    method: "delete",
    path: "/api/issues/{id}",
    operationId: "deleteIssue",
    tag: "Issues",
    summary: "Soft-delete an issue",
    description: "The issue leaves the watchlist and keeps its history; an admin can restore it.",
    access: "analyst",
    id: "issue",
    ifMatch: true,
    responses: { 204: noContent },
  });
  operation({
    method: "get",
    path: "/api/issues/{id}/history",
    operationId: "issueHistory",
    tag: "Issues",
    summary: "The issue's timeline, oldest first",
    description: "Every event about the issue and its evidence, deleted issues included, and the screening's hit events (`entityType` `hit`: hit_found, hit_decided, hit_reopened, hit_gone; `after.entityId` names the entity) on the entities tracked as its actors.",
    access: "viewer",
    id: "issue",
    responses: { 200: ok("The events", s.IssueHistory) },
  });
  operation({
    method: "post",
    path: "/api/issues/{id}/restore",
    operationId: "restoreIssue",
    tag: "Issues",
    summary: "Bring a deleted issue back",
    description: "No body. 404 when the issue is not deleted.",
    access: "admin",
    id: "issue",
    responses: { 200: ok("The restored issue", s.IssueDetail, { ETag: etagHeader.ref }) },
  });

  // ---- Evidence ----
  operation({
    method: "post",
    path: "/api/issues/{id}/evidence",
    operationId: "linkEvidence",
    tag: "Evidence",
    summary: "Link a quoted passage of a stored document to the issue, graded",
    description: "The quote must be an exact passage of the document's text (422 otherwise).",
    access: "analyst",
    id: "issue",
    body: { description: "The document, the passage and its grade", json: s.LinkEvidence },
    responses: { 201: created("The evidence link", s.Evidence) },
    errors: { not_found: "No such issue or document in your team", conflict: "This passage is already evidence for the issue (`details.evidenceId`)" },
  });
  operation({
    method: "patch",
    path: "/api/evidence/{id}",
    operationId: "updateEvidence",
    tag: "Evidence",
    summary: "Change a link's quote, grade, stance or note",
    access: "analyst",
    id: "evidence link",
    body: { description: "The fields to change", json: s.UpdateEvidence },
    responses: { 200: ok("The evidence link", s.Evidence) },
  });
  operation({
    method: "delete",
    path: "/api/evidence/{id}",
    operationId: "deleteEvidence",
    tag: "Evidence",
    summary: "Remove an evidence link (the history keeps it)",
    access: "analyst",
    id: "evidence link",
    responses: { 204: noContent },
  });
  operation({
    method: "get",
    path: "/api/documents",
    operationId: "searchDocuments",
    tag: "Evidence",
    summary: "The evidence library: full-text search, filters, ranked, with snippets",
    access: "viewer",
    query: searchDocumentsQuerySchema,
    responses: { 200: ok("A page of documents, best match first with `q`", s.DocumentPage) },
  });
  operation({
    method: "post",
    path: "/api/documents",
    operationId: "createDocument",
    tag: "Evidence",
    summary: "Store a document, with optional evidence links",
    description: `JSON, or a multipart upload of a .txt, .md, .html or .pdf file (up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB). The same text twice is a 409.`,
    access: "analyst",
    body: { description: "The document's text (or file) and metadata", json: s.CreateDocument, multipart: s.CreateDocumentUpload },
    responses: { 201: created("The stored document", s.DocumentDetail, { Location: locationHeader }) },
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
    access: "analyst",
    body: { description: "The page's address", json: s.CreateCapture },
    responses: { 201: created("The capture and what was read from it", s.Capture, { Location: locationHeader }) },
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
    access: "viewer",
    id: "capture",
    query: snapshotQuerySchema,
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
    access: "viewer",
    id: "document",
    responses: { 200: ok("The document", s.DocumentDetail) },
  });
  operation({
    method: "post",
    path: "/api/documents/analyze",
    operationId: "analyzeDocument",
    tag: "Evidence",
    summary: "Suggestions for a document before saving it; writes nothing",
    description: "Title, publisher, date, names, key passages, categories, HS codes and the issues it may evidence. JSON or a multipart upload, as for POST /api/documents.",
    access: "analyst",
    body: { description: "The text (or file) to analyse", json: s.AnalyzeDocument, multipart: s.AnalyzeDocumentUpload },
    responses: { 200: ok("The suggestions", s.DocumentAnalysis) },
  });
  operation({
    method: "get",
    path: "/api/sources",
    operationId: "listSources",
    tag: "Evidence",
    summary: "The team's sources with their Admiralty reliability",
    access: "viewer",
    responses: { 200: ok("The sources", s.SourceList) },
  });
  operation({
    method: "post",
    path: "/api/sources",
    operationId: "createSource",
    tag: "Evidence",
    summary: "Add a source",
    access: "analyst",
    body: { description: "The source", json: s.CreateSource },
    responses: { 201: created("The source", s.Source) },
    errors: { conflict: "A source with this name exists (`details.sourceId`)" },
  });
  operation({
    method: "patch",
    path: "/api/sources/{id}",
    operationId: "updateSource",
    tag: "Evidence",
    summary: "Edit a source; reliability changes are kept in the history",
    access: "analyst",
    id: "source",
    body: { description: "The fields to change", json: s.UpdateSource },
    responses: { 200: ok("The source", s.Source) },
    errors: { conflict: "Another source has this name (`details.sourceId`)" },
  });

  // ---- Briefings ----
  operation({
    method: "get",
    path: "/api/briefings",
    operationId: "listBriefings",
    tag: "Briefings",
    summary: "The team's briefings, newest first, with their download links",
    access: "viewer",
    query: listBriefingsQuerySchema,
    responses: { 200: ok("A page of briefings", s.BriefingPage) },
  });
  operation({
    method: "post",
    path: "/api/briefings",
    operationId: "createBriefing",
    tag: "Briefings",
    summary: "Snapshot the watchlist (a filter or chosen issues) as a briefing",
    description: "The snapshot is immutable; it records the changes since the team's previous briefing.",
    access: "analyst",
    body: { description: "What to include", json: s.CreateBriefing },
    responses: { 201: created("The briefing with its snapshot", s.BriefingDetail, { Location: locationHeader }) },
  });
  operation({
    method: "get",
    path: "/api/briefings/{id}",
    operationId: "getBriefing",
    tag: "Briefings",
    summary: "One briefing with its immutable snapshot",
    access: "viewer",
    id: "briefing",
    responses: { 200: ok("The briefing", s.BriefingDetail) },
  });
  operation({
    method: "get",
    path: "/api/briefings/{id}/export",
    operationId: "exportBriefing",
    tag: "Briefings",
    summary: "The briefing as a file (the same bytes every time)",
    description: `\`format\`: ${BRIEFING_FORMAT_NAMES.map((f) => `\`${f}\``).join(", ")}. The JSON export is the snapshot itself.`,
    access: "viewer",
    id: "briefing",
    query: exportBriefingQuerySchema,
    responses: {
      200: {
        description: "The file, as an attachment",
        headers: { "Content-Disposition": { description: 'attachment; filename="…"', schema: { type: "string" } } },
        content: Object.fromEntries(
          BRIEFING_FORMAT_NAMES.map((format) => {
            const { mediaType, label } = briefingFormatInfo[format];
            return [mediaType, { schema: format === "json" ? s.BriefingSnapshot : z.string().meta({ description: label, contentMediaType: mediaType }) }];
          }),
        ),
      },
    },
  });

  // ---- Dashboard ----
  operation({
    method: "get",
    path: "/api/stats",
    operationId: "getStats",
    tag: "Dashboard",
    summary: "The team's risk picture",
    description: "Counts by status and category, the likelihood × impact matrix, weekly activity, recent changes, reviews due, and the designation watch (hits waiting for review, recent confirmed designations).",
    access: "viewer",
    responses: { 200: ok("The numbers", s.Stats) },
  });

  // ---- Operations ----
  operation({
    method: "get",
    path: "/api/admin/backup",
    operationId: "backupTeam",
    tag: "Team",
    summary: "The team's data as a versioned JSON file (an attachment)",
    access: "admin",
    responses: { 200: ok("The backup", s.TeamBackup) },
  });
  operation({
    method: "post",
    path: "/api/admin/restore",
    operationId: "restoreTeam",
    tag: "Team",
    summary: "Restore a team backup into a new, empty team (fresh ids; up to 320 MB)",
    description: "You become the new team's admin; switch to it with POST /api/teams/switch.",
    access: "admin",
    body: { json: s.TeamBackup, description: "A file from GET /api/admin/backup" },
    responses: { 201: ok("The new team", s.RestoredTeam) },
  });

  operation({
    method: "get",
    path: "/api/admin/jobs",
    operationId: "listJobs",
    tag: "Operations",
    summary: "The job queue: queued, running, completed and failed jobs, newest first",
    description: "The instance's jobs (scheduled list imports) and your team's own; never another team's.",
    access: "admin",
    query: jobsQuerySchema,
    responses: { 200: ok("A page of jobs", s.JobPage) },
  });
  operation({
    method: "post",
    path: "/api/admin/jobs/{id}/retry",
    operationId: "retryJob",
    tag: "Operations",
    summary: "Run a failed job again (one more attempt)",
    access: "admin",
    id: "job",
    responses: { 200: ok("The job, waiting to run", s.Job) },
    errors: { conflict: "The job has not failed", service_unavailable: "The job queue is not running in this server" },
  });

  // ---- Team ----
  operation({
    method: "get",
    path: "/api/audit",
    operationId: "listAuditEvents",
    tag: "Team",
    summary: "The team's event log, filtered; `format=csv` downloads it",
    access: "admin",
    query: auditQuerySchema,
    responses: {
      200: {
        description: "A page of events, newest first (JSON), or every matching event up to 50,000 (CSV, as an attachment)",
        content: { ...jsonContent(s.AuditPage), "text/csv": { schema: z.string().meta({ contentMediaType: "text/csv" }) } },
      },
    },
  });
  operation({
    method: "get",
    path: "/api/team/members",
    operationId: "listMembers",
    tag: "Team",
    summary: "The current team's members and their roles",
    access: "viewer",
    responses: { 200: ok("The members", s.MemberList) },
  });
  operation({
    method: "patch",
    path: "/api/team/members/{id}",
    operationId: "changeRole",
    tag: "Team",
    summary: "Change a member's role",
    description: "The team keeps at least one admin.",
    access: "admin",
    id: "membership",
    body: { description: "The new role", json: s.ChangeRole },
    responses: { 200: ok("The member", s.Member) },
    errors: { conflict: "The team needs at least one other admin first" },
  });
  operation({
    method: "delete",
    path: "/api/team/members/{id}",
    operationId: "removeMember",
    tag: "Team",
    summary: "Remove a member; their sessions end at once",
    access: "admin",
    id: "membership",
    responses: { 204: noContent },
    errors: { conflict: "The team needs at least one other admin first" },
  });
  operation({
    method: "get",
    path: "/api/team/invitations",
    operationId: "listInvitations",
    tag: "Team",
    summary: "Invitations sent by the team's admins, with their status",
    access: "admin",
    responses: { 200: ok("The invitations", s.InvitationList) },
  });
  operation({
    method: "post",
    path: "/api/team/invitations",
    operationId: "createInvitation",
    tag: "Team",
    summary: "Invite someone by email",
    description: "The response holds the link to hand to the invitee, shown once (no mail is sent).",
    access: "admin",
    body: { description: "Who, and with which role", json: s.CreateInvitation },
    responses: { 201: created("The invitation, with its `link`", s.Invitation) },
    errors: { conflict: "This person is already a member of the team" },
  });
  operation({
    method: "delete",
    path: "/api/team/invitations/{id}",
    operationId: "revokeInvitation",
    tag: "Team",
    summary: "Revoke a pending invitation",
    access: "admin",
    id: "invitation",
    responses: { 204: noContent },
  });
  operation({
    method: "post",
    path: "/api/invitations/accept",
    operationId: "acceptInvitation",
    tag: "Team",
    summary: "Join a team with an invitation link's token",
    description: "Creates the account, or adds the team to the signed-in one. Then sign in with the email and password.",
    access: "public",
    body: { description: "The invitation token and the new account's name and password", json: s.AcceptInvitation },
    responses: { 201: created("Joined", s.AcceptedInvitation) },
    errors: {
      not_found: "The invitation is no longer valid (used, revoked or expired)",
      conflict: "An account with the invited email exists: sign in as it, then accept again",
    },
  });
  operation({
    method: "get",
    path: "/api/team/tokens",
    operationId: "listApiTokens",
    tag: "Team",
    summary: "The team's API tokens (never their secrets)",
    access: "admin",
    responses: { 200: ok("The tokens", s.ApiTokenList) },
  });
  operation({
    method: "post",
    path: "/api/team/tokens",
    operationId: "createApiToken",
    tag: "Team",
    summary: "Create an API token with a role and an optional expiry",
    description: "The secret (`token`) is in this response only; it is stored hashed.",
    access: "admin",
    body: { description: "The token's name, role and expiry", json: s.CreateApiToken },
    responses: { 201: created("The token, with its secret", s.ApiToken) },
  });
  operation({
    method: "delete",
    path: "/api/team/tokens/{id}",
    operationId: "revokeApiToken",
    tag: "Team",
    summary: "Revoke an API token; it stops working at once",
    access: "admin",
    id: "token",
    responses: { 204: noContent },
  });
  operation({
    method: "get",
    path: "/api/teams",
    operationId: "listMyTeams",
    tag: "Team",
    summary: "The teams you belong to, the current one marked",
    description: "With an API token: only the token's team.",
    access: "viewer",
    responses: { 200: ok("The teams", s.TeamList) },
  });
  operation({
    method: "post",
    path: "/api/teams/switch",
    operationId: "switchTeam",
    tag: "Team",
    summary: "Work in another of your teams",
    description: "Sets the team cookie for the browser session; an API token stays with its team (404).",
    access: "viewer",
    body: { description: "The team to switch to", json: s.SwitchTeam },
    responses: {
      200: ok("Switched", s.SwitchedTeam, { "Set-Cookie": { description: "`sanctions-watch.team=<teamId>; HttpOnly; SameSite=Lax`", schema: { type: "string" } } }),
    },
    errors: { not_found: "You are not a member of that team (or you use an API token)" },
  });

  // ---- Operations ----
  operation({
    method: "get",
    path: "/api/health",
    operationId: "health",
    tag: "Operations",
    summary: "Liveness, which database, which version",
    description: "Makes a round trip to the database.",
    access: "public",
    responses: {
      200: ok("Up, and the database answers", s.Health),
      500: { description: "The database does not answer", content: jsonContent(ErrorBody) },
    },
  });
  operation({
    method: "get",
    path: "/api/openapi.json",
    operationId: "openapi",
    tag: "Operations",
    summary: "This OpenAPI 3.1 document",
    access: "public",
    responses: { 200: { description: "The document", content: { "application/json": { schema: { type: "object" } } } } },
  });

  // ---- Sanctions lists and screening (issue 13): the instance's lists, the same for every team ----
  const ReleaseSummary = component("ReleaseSummary", releaseSummarySchema, "An imported release with its changes since the list's release before (none for a list's first).");
  const SanctionsListList = component("SanctionsListList", sanctionsListsSchema);
  const ImportRelease = component(
    "ImportRelease",
    importReleaseFieldsSchema.extend({
      file: z.string().meta({ description: `The list file, gzipped or not (${MAX_LIST_FILE_BYTES / 1024 / 1024} MB at most, decompressed)`, contentMediaType: "application/octet-stream" }),
      force: z.enum(["true", "false", "1", "0"]).optional().meta({ description: "Import even a file that shrinks the list by more than 20 %" }),
      publishedAt: z.string().optional().meta({ description: "The publication date, when the file does not state it (the UN list does); default: now" }),
    }),
  );
  operation({
    method: "get",
    path: "/api/sanctions/lists",
    operationId: "listSanctionsLists",
    tag: "Sanctions",
    summary: "The sanctions lists and their releases, newest first",
    description: "`canImport` says whether the caller may import releases (their email is in LIST_ADMINS), so a page can offer the upload.",
    access: "viewer",
    responses: { 200: ok("The lists", SanctionsListList) },
  });
  operation({
    method: "post",
    path: "/api/sanctions/releases",
    operationId: "importSanctionsRelease",
    tag: "Sanctions",
    summary: "Import a list file as the list's newest release",
    description:
      "Only for the people whose email is in LIST_ADMINS. Formats: OFAC sdn.csv, UN consolidated XML, OpenSanctions targets.simple.csv, FollowTheMoney JSON lines (sniffed unless `format` says). " +
      "The import is all or nothing.",
    access: "viewer",
    body: { description: "A multipart upload (JSON is refused with 415)", json: ImportRelease, multipart: ImportRelease },
    responses: { 201: created("The release", ReleaseSummary, { Location: locationHeader }) },
    errors: {
      forbidden: "Not a list admin (LIST_ADMINS), or a cross-origin browser request",
      conflict: "This file is already a release of the list",
      payload_too_large: `The file is larger than ${MAX_LIST_FILE_BYTES / 1024 / 1024} MB (decompressed)`,
      validation_failed: "An empty, unknown, malformed (`details.line`, `details.record`) or older file, or one that shrinks the list by more than 20 % without `force`",
    },
  });
  operation({
    method: "get",
    path: "/api/sanctions/releases/{id}/changes",
    operationId: "sanctionsReleaseChanges",
    tag: "Sanctions",
    summary: "What a release changed: added, removed and changed entries, filtered and paged",
    description:
      "Filters: `program` and `country` as the list writes them, `type`, and `q` (words of the name or an alias, case-insensitive, or the list's own id). " +
      "`facets` holds each filter's values among the release's changes of the `kind` asked, with their counts.",
    access: "viewer",
    id: "release",
    query: changesQuerySchema,
    responses: { 200: ok("A page of changes and the release", component("ChangePage", changePageSchema)) },
    errors: { not_found: "No such release" },
  });
  operation({
    method: "get",
    path: "/api/sanctions/entries/{id}",
    operationId: "getSanctionsEntry",
    tag: "Sanctions",
    summary: "One entry of a release, whole",
    access: "viewer",
    id: "entry",
    responses: { 200: ok("The entry", component("SanctionsEntry", entrySchema)) },
    errors: { not_found: "No such entry" },
  });
  operation({
    method: "post",
    path: "/api/screening",
    operationId: "screenNames",
    tag: "Sanctions",
    summary: `Match up to ${MAX_SCREENING_NAMES} names against the latest release of every list`,
    description: "Each result's matches are best first, only those at or above the review threshold; writes nothing.",
    access: "viewer",
    body: { description: "The names, with an optional type and country each", json: component("ScreeningRequest", screeningRequestSchema) },
    responses: { 200: ok("The matches of each name, in the order sent", component("ScreeningResponse", screeningResponseSchema)) },
  });

  // ---- Entities the team tracks and their hits (issue 13) ----
  const EntityDetail = component("EntityDetail", entityDetailSchema, "A tracked entity with its hits (best first), issues and documents.");
  const TrackedEntities = component("TrackedEntities", trackedEntitiesSchema);
  operation({
    method: "get",
    path: "/api/entities",
    operationId: "listEntities",
    tag: "Entities",
    summary: "The entities the team tracks, by name, filtered and paged",
    access: "viewer",
    query: listEntitiesQuerySchema,
    responses: { 200: ok("A page of entities with the total count", component("EntityPage", entityPageSchema)) },
  });
  operation({
    method: "post",
    path: "/api/entities",
    operationId: "createEntity",
    tag: "Entities",
    summary: "Track an entity",
    description: "It is screened at once against every list's latest release; its hits come back with it.",
    access: "analyst",
    body: { description: "The entity, and the issues and documents to link it to", json: component("CreateEntity", createEntitySchema) },
    responses: { 201: created("The entity as stored, screened", EntityDetail, { ETag: etagHeader.ref, Location: locationHeader }) },
    errors: { not_found: "An issue or document not in your team" },
  });
  operation({
    method: "get",
    path: "/api/entities/{id}",
    operationId: "getEntity",
    tag: "Entities",
    summary: "One entity with its hits, issues and documents",
    access: "viewer",
    id: "entity",
    responses: { 200: ok("The entity", EntityDetail, { ETag: etagHeader.ref }) },
  });
  operation({
    method: "patch",
    path: "/api/entities/{id}",
    operationId: "updateEntity",
    tag: "Entities",
    summary: "Change an entity",
    description: "New names, type, country or identifiers are screened at once.",
    access: "analyst",
    id: "entity",
    ifMatch: true,
    body: { description: "The fields to change", json: component("UpdateEntity", updateEntitySchema) },
    responses: { 200: ok("The entity as stored", EntityDetail, { ETag: etagHeader.ref }) },
  });
  operation({
    method: "delete",
    path: "/api/entities/{id}",
    operationId: "deleteEntity",
    tag: "Entities",
    summary: "Stop tracking an entity",
    description: "Its links and hits go; its history stays.",
    access: "analyst",
    id: "entity",
    ifMatch: true,
    responses: { 204: noContent },
  });
  operation({
    method: "post",
    path: "/api/entities/{id}/merge",
    operationId: "mergeEntities",
    tag: "Entities",
    summary: "Merge another entity into this one",
    description: "The other's name and aliases become aliases; its issues, documents and hits move over (decisions kept); then it is deleted.",
    access: "analyst",
    id: "entity",
    ifMatch: true,
    body: { description: "The entity to merge into this one", json: component("MergeEntity", mergeEntitySchema) },
    responses: { 200: ok("The merged entity", EntityDetail, { ETag: etagHeader.ref }) },
    errors: { not_found: "No such entity, or no such entity to merge, in your team", validation_failed: "An entity merged into itself" },
  });
  operation({
    method: "get",
    path: "/api/entities/{id}/history",
    operationId: "entityHistory",
    tag: "Entities",
    summary: "The entity's timeline: changes, hits found and decisions, oldest first",
    access: "viewer",
    id: "entity",
    responses: { 200: ok("The events", component("EntityHistory", entityHistorySchema)) },
  });
  operation({
    method: "patch",
    path: "/api/hits/{id}",
    operationId: "decideHit",
    tag: "Entities",
    summary: "Confirm a hit or mark it a false positive, with a note",
    description: "The decision holds for later releases unless the entry itself changes; `null` takes it back.",
    access: "analyst",
    id: "hit",
    body: { description: "The decision and a note", json: component("DecideHit", decideHitSchema) },
    responses: { 200: ok("The hit as stored", component("Hit", hitSchema)) },
  });
  operation({
    method: "post",
    path: "/api/issues/{id}/entities",
    operationId: "trackIssueActors",
    tag: "Entities",
    summary: "Track the issue's actors as entities",
    description: "All of them, or those named; an entity of the same name (or alias) is linked rather than made again. New ones are screened at once.",
    access: "analyst",
    id: "issue",
    body: { description: "Which actors, and their type", json: component("TrackActors", trackActorsSchema) },
    responses: { 201: created("The entities made and those linked", TrackedEntities) },
    errors: { validation_failed: "The issue names no actors" },
  });
  operation({
    method: "post",
    path: "/api/documents/{id}/entities",
    operationId: "trackDocumentNames",
    tag: "Entities",
    summary: "Track the people and organisations a document names",
    description: "Those given, or every one the document's analysis finds; an entity of the same name (or alias) is linked rather than made again.",
    access: "analyst",
    id: "document",
    body: { description: "The names and their types; leave out `names` for all the analysis finds", json: component("TrackDocumentNames", trackDocumentNamesSchema) },
    responses: { 201: created("The entities made and those linked", TrackedEntities) },
    errors: { validation_failed: "The document names no people or organisations" },
  });

  // ---- Auth: better-auth, under /api/auth/* (app/api/auth/[...all]); only the path that scripts use ----
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-in/email",
    operationId: "signInEmail",
    tags: ["Auth"],
    summary: "Sign in with email and password",
    description:
      "No sign-in needed. Served by better-auth: on success it sets the session cookie (Set-Cookie); send that cookie with later requests. " +
      "Its errors use better-auth's body `{ code, message }`; the rate limit's 429 uses the API's error body.",
    security: [],
    request: { body: { description: "The account's email and password", required: true, content: jsonContent(s.SignInBody) } },
    responses: {
      200: ok("Signed in", s.SignInResponse, {
        "Set-Cookie": { description: `\`${SESSION_COOKIE}=…; HttpOnly; SameSite=Lax\``, schema: { type: "string" } },
      }),
      400: { description: "Malformed JSON, a missing field or an invalid email", content: jsonContent(s.AuthError) },
      401: { description: "Wrong email or password", content: jsonContent(s.AuthError) },
      403: { description: "A browser request from another origin", content: jsonContent(s.AuthError) },
      415: { description: "The body is neither JSON nor a form", content: jsonContent(s.AuthError) },
      429: errorResponse("rate_limited", "Too many sign-in attempts from this address or for this account; the Retry-After header says when to try again"),
    },
  });

  return registry;
}

const listDescription = (values: readonly (string | number)[]) =>
  `One or more of ${values.map((v) => `\`${v}\``).join(", ")}: comma-separated or repeated.`;

/** The watchlist query with parameter descriptions added (copies with metadata; the shapes are the route's own). */
function listIssuesQuery() {
  const shape = listIssuesQuerySchema.shape;
  return listIssuesQuerySchema.extend({
    status: shape.status.meta({ description: listDescription(statusSchema.options) }),
    category: shape.category.meta({ description: "Category slugs, e.g. `dual-use-technology`: comma-separated or repeated." }),
    jurisdiction: shape.jurisdiction.meta({ description: "ISO 3166 two-letter codes or `EU`: comma-separated or repeated; matches issues naming any of them." }),
    q: shape.q.meta({ description: "Case-insensitive text in the title or summary, or an exact actor or tag." }),
    reviewDue: shape.reviewDue.meta({ description: "`true`: only open issues whose review date has passed or is unset; `false`: the others." }),
    likelihood: shape.likelihood.meta({ description: listDescription(likelihoodSchema.options) }),
    impact: shape.impact.meta({ description: "Impacts 1–5: comma-separated or repeated (a risk matrix cell with `likelihood`)." }),
    sort: shape.sort.meta({ description: `${issueSorts.map((s) => `\`${s}\``).join(", ")}; a leading \`-\` sorts descending.` }),
  });
}

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31["generateDocument"]>;

/** Builds the whole document (a few milliseconds; the route caches it). */
export function buildOpenApiDocument(): OpenApiDocument {
  const generator = new OpenApiGeneratorV31(buildRegistry().definitions);
  return generator.generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Sanctions Watch API",
      version: packageJson.version,
      description:
        "The REST API of Sanctions Watch: JSON in and out, every record scoped to the caller's team. " +
        "Errors share one body, `{ error: { code, message, details? } }` (schema ErrorBody), with the HTTP status set by the code. " +
        "Changes to an issue need `If-Match` with the version from its ETag.",
    },
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [
      { name: "Issues", description: "The watchlist" },
      { name: "Evidence", description: "Documents, sources and the evidence linking them to issues" },
      { name: "Briefings", description: "Immutable snapshots and their exports" },
      { name: "Dashboard", description: "The numbers behind the dashboard" },
      { name: "Team", description: "Members, invitations, API tokens, teams and the audit log" },
      { name: "Operations", description: "Health, the job queue and this document" },
      { name: "Auth", description: "Sessions (better-auth)" },
      { name: "Sanctions", description: "Sanctions lists, their releases and entries (the same for every team), and screening names" },
      { name: "Entities", description: "The companies, people, vessels and aircraft the team tracks, and their hits on the lists" },
    ],
  });
}
