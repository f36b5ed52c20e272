import { z } from "zod";

// Pages captured by URL (POST /api/captures): the snapshot kept, and what the Add evidence form is filled with.

export const createCaptureSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "Enter a web address starting with http:// or https://" }).max(2000),
});
export type CreateCaptureInput = z.infer<typeof createCaptureSchema>;

export const captureSchema = z.object({
  id: z.string(),
  url: z.string(),
  finalUrl: z.string().describe("Where the page came from after redirects"),
  httpStatus: z.number().int(),
  contentType: z.string().nullable(),
  sha256: z.string().describe("SHA-256 of the stored body, hex"),
  fetchedAt: z.string(),
  /** `GET` it to see the page as fetched, never executed. */
  snapshotUrl: z.string(),
  title: z.string().nullable(),
  byline: z.string().nullable(),
  publisher: z.string().nullable().describe("The site's name, as the page gives it (og:site_name)"),
  publishedAt: z.iso.date().nullable().describe("The day the page says it was published (meta tags, JSON-LD)"),
  text: z.string().describe("The main text (Readability), or a PDF's text"),
});
export type Capture = z.infer<typeof captureSchema>;

export const snapshotQuerySchema = z.object({
  as: z.enum(["html", "text"]).default("html").describe("`html`: the page under a sandboxing Content-Security-Policy; `text`: its source as plain text"),
});
