import { z } from "zod";
import { stances } from "@/lib/domain/stance";

export const stanceSchema = z.enum(stances);
export const credibilitySchema = z.number().int().min(1).max(6);

export const linkEvidenceSchema = z
  .strictObject({
    documentId: z.string().min(1).max(64),
    /** Must be an exact substring of the document's stored text. */
    quote: z.string().min(1).max(5_000),
    /** Where the quote starts in the text; found automatically when omitted. */
    quoteStart: z.number().int().min(0).optional(),
    credibility: credibilitySchema,
    stance: stanceSchema,
    note: z.string().trim().max(5_000).default(""),
  });
export type LinkEvidenceInput = z.infer<typeof linkEvidenceSchema>;

export const updateEvidenceSchema = z
  .strictObject({
    quote: z.string().min(1).max(5_000).optional(),
    quoteStart: z.number().int().min(0).optional(),
    credibility: credibilitySchema.optional(),
    stance: stanceSchema.optional(),
    note: z.string().trim().max(5_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "Change at least one field" });
export type UpdateEvidenceInput = z.infer<typeof updateEvidenceSchema>;

export const evidenceSchema = z.object({
  id: z.string(),
  issueId: z.string(),
  documentId: z.string(),
  quote: z.string(),
  quoteStart: z.number().int(),
  quoteEnd: z.number().int(),
  credibility: z.number().int(),
  stance: stanceSchema,
  grade: z.string(),
  note: z.string(),
  createdAt: z.string(),
});
export type EvidenceView = z.infer<typeof evidenceSchema>;
