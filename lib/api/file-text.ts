// The text of an uploaded file. Runs on a worker thread (lib/workers/jobs.ts), so it imports nothing
// server-only; its AppErrors reach the route with their codes.
import { HtmlTooDeepError, htmlToText } from "@/lib/analysis/html";
import { PdfTooLargeError, pdfToText } from "@/lib/analysis/pdf";
import { AppError } from "@/lib/errors";

/** .txt/.md as UTF-8, .html without scripts and styles, .pdf through PDF.js; anything else is a 415. */
export async function extractFileText(fileName: string, bytes: Uint8Array): Promise<string> {
  const extension = fileName.toLowerCase().split(".").pop() ?? "";
  switch (extension) {
    case "txt":
    case "md":
      return decodeUtf8(bytes);
    case "html":
    case "htm":
      try {
        return htmlToText(decodeUtf8(bytes));
      } catch (error) {
        if (error instanceof HtmlTooDeepError) throw unreadable(error.message);
        throw error;
      }
    case "pdf": {
      if (!startsWith(bytes, "%PDF-")) throw new AppError("unsupported_media_type", "This file is not a PDF");
      try {
        return await pdfToText(bytes);
      } catch (error) {
        if (error instanceof PdfTooLargeError) throw unreadable(error.message);
        throw new AppError("validation_failed", "The PDF could not be read", { fields: { file: ["The PDF is damaged or encrypted"] } });
      }
    }
    default:
      throw new AppError("unsupported_media_type", "Upload a .txt, .md, .html or .pdf file");
  }
}

/** A file the server will not read, said beside the file control. */
export function unreadable(reason: string): AppError {
  return new AppError("validation_failed", "The file is too complex to read", { fields: { file: [reason] } });
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("validation_failed", "The file is not UTF-8 text", { fields: { file: ["Save the file as UTF-8 and try again"] } });
  }
}

function startsWith(bytes: Uint8Array, prefix: string): boolean {
  return [...prefix].every((char, i) => bytes[i] === char.charCodeAt(0));
}
