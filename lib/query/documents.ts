import type { z } from "zod";
import type { DocumentAnalysis } from "@/lib/analysis/analyze";
import type { createDocumentSchema, DocumentDetail } from "@/lib/validation/documents";
import { apiFetch } from "./api";

// Documents (the evidence library) in the browser's query cache: one key factory, so saving a
// document can invalidate every search and detail by prefix.
export const documentKeys = {
  all: ["documents"] as const,
  detail: (id: string) => [...documentKeys.all, "detail", id] as const,
};

/** What `POST /api/documents/analyze` answers: the suggestions, the text as it will be stored (offsets refer to it), and the id of the same document if the library has it. */
export type DocumentSuggestions = DocumentAnalysis & { text: string; duplicateOf: string | null };

/** A document to analyze: pasted text, or a file whose text the server extracts. */
export type AnalyzeRequest = { title?: string; url?: string } & ({ text: string; file?: undefined } | { file: File; text?: undefined });

export type CreateDocumentRequest = z.input<typeof createDocumentSchema>;

export const documentRequests = {
  /** JSON for pasted text, multipart for a file: the server turns an upload into text and sends it back. */
  analyze: ({ file, text, title, url }: AnalyzeRequest) => {
    if (!file) return apiFetch<DocumentSuggestions>("/api/documents/analyze", { method: "POST", body: { text, title, url } });
    const form = new FormData();
    form.set("file", file);
    if (title) form.set("title", title);
    if (url) form.set("url", url);
    return apiFetch<DocumentSuggestions>("/api/documents/analyze", { method: "POST", body: form });
  },
  /** The document and its evidence links in one request, saved in one transaction. */
  create: (input: CreateDocumentRequest) => apiFetch<DocumentDetail>("/api/documents", { method: "POST", body: input }),
};
