// The text and details of a fetched page (POST /api/captures). Runs on a worker thread
// (lib/workers/jobs.ts) like the uploads' extraction, so it imports nothing server-only.
import { readArticle, type Article } from "@/lib/analysis/article";
import { HtmlTooDeepError } from "@/lib/analysis/html";
import { AppError } from "@/lib/errors";
import { extractFileText } from "./file-text";

export const PAGE_TYPES = ["text/html", "application/xhtml+xml", "application/pdf", "text/plain"] as const;

/** A page as Readability reads it, a PDF through the uploads' PDF path, plain text as it is. */
export async function extractPageText(contentType: string | null, bytes: Uint8Array): Promise<Article> {
  const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const none = { title: null, byline: null, publisher: null, publishedAt: null };
  if (mediaType === "application/pdf") return { ...none, text: await extractFileText("page.pdf", bytes) };
  const text = decode(bytes, contentType);
  if (mediaType === "text/plain") return { ...none, text: text.trim() };
  try {
    return readArticle(text);
  } catch (error) {
    if (error instanceof HtmlTooDeepError) throw new AppError("validation_failed", "The page is too complex to read", { fields: { url: [error.message] } });
    throw error;
  }
}

/** The charset the server named (or the page's <meta charset>), UTF-8 otherwise; bad bytes become U+FFFD. */
function decode(bytes: Uint8Array, contentType: string | null): string {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024));
  const charset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? "")?.[1] ?? /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ?? "utf-8";
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
