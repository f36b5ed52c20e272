import { z } from "zod";
import { linkEvidenceSchema } from "./evidence";
import { reliabilitySchema } from "./sources";
import { isoDate, listParam, pageOf, pageParams, shortText } from "./common";

/** Stored text is capped well above any article; uploads are capped at 10 MB before extraction. */
export const MAX_DOCUMENT_CHARS = 2_000_000;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const documentText = z.string().max(MAX_DOCUMENT_CHARS).refine((t) => t.trim().length > 0, { message: "The document has no text" });

export const analyzeDocumentSchema = z.strictObject({
  text: documentText,
  title: shortText(500).optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
});
export type AnalyzeDocumentInput = z.infer<typeof analyzeDocumentSchema>;

export const createDocumentSchema = z.strictObject({
  text: documentText,
  title: shortText(500).min(1).optional(),
  url: z.url({ protocol: /^https?$/ }).max(2000).nullable().optional(),
  publishedAt: isoDate.nullable().optional(),
  sourceId: z.string().max(64).nullable().optional(),
  /** The page capture the text came from (POST /api/captures); the document links to its snapshot. */
  captureId: z.string().max(64).nullable().optional(),
  /** The inbox item it is saved from: the item becomes accepted, linked to the document, in the same transaction. */
  inboxItemId: z.string().max(64).nullable().optional(),
  /** Evidence links saved with the document, in the same transaction (the intake's one-step save). */
  evidence: z.array(linkEvidenceSchema.omit({ documentId: true }).extend({ issueId: z.string().min(1).max(64) })).max(50).default([]),
});
export type CreateDocumentInput = z.infer<typeof createDocumentSchema>;

export const searchDocumentsQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  source: listParam(z.string().max(64)).optional(),
  reliability: listParam(reliabilitySchema).optional(),
  issue: z.string().max(64).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageParams,
});
export type SearchDocumentsQuery = z.infer<typeof searchDocumentsQuerySchema>;

export const documentSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  retrievedAt: z.string(),
  source: z.object({ id: z.string(), name: z.string(), reliability: reliabilitySchema }).nullable(),
  evidenceCount: z.number().int(),
  /** With `q`: the best matching passage, each match between \u0002 and \u0003 (shown as marks, never as HTML). */
  snippet: z.string().nullable(),
  rank: z.number().nullable(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

/**
 * A search ranks at most this many matches, the newest: ranking costs a pass over every match, and
 * "sanctions" in a sanctions library matches a third of it. Dates and other filters reach older ones.
 */
export const RANKED_MATCHES = 1_000;

export const documentPageSchema = pageOf(documentSummarySchema).extend({
  capped: z
    .boolean()
    .describe(`More documents match the search than the ${RANKED_MATCHES.toLocaleString("en")} newest that are ranked and counted in \`total\`; narrow the search or filter by date to reach the others`),
});
export type DocumentPage = z.infer<typeof documentPageSchema>;

export const documentDetailSchema = documentSummarySchema.omit({ snippet: true, rank: true }).extend({
  text: z.string(),
  /** The page capture it came from: its snapshot is at /api/captures/{captureId}/snapshot. */
  captureId: z.string().nullable(),
  attribution: z.string().nullable(),
  evidence: z.array(
    z.object({
      id: z.string(),
      issue: z.object({ id: z.string(), title: z.string() }),
      quote: z.string(),
      quoteStart: z.number().int(),
      quoteEnd: z.number().int(),
      credibility: z.number().int(),
      stance: z.string(),
      grade: z.string(),
    }),
  ),
});
export type DocumentDetail = z.infer<typeof documentDetailSchema>;
