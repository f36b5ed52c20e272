import "server-only";
import { MAX_UPLOAD_BYTES } from "@/lib/validation/documents";
import { runOffThread } from "@/lib/workers/pool";
import { AppError } from "@/lib/errors";
import { unreadable } from "./file-text";
import { storable } from "./json";
import { readBody, readJson } from "./body";

/**
 * The body of an intake request, as fields: JSON as is, or a multipart upload whose `file` is turned
 * into text (.txt/.md as UTF-8, .html without scripts and styles, .pdf through PDF.js). Other form
 * fields are passed through (`evidence`, if present, is JSON).
 */
export async function readDocumentBody(request: Request): Promise<Record<string, unknown>> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    const body = await readJson(request, MAX_UPLOAD_BYTES);
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new AppError("validation_failed", "The request is not valid", { fields: { "(body)": ["Expected an object"] } });
    }
    return checked(body as Record<string, unknown>);
  }
  const form = await readMultipart(request, MAX_UPLOAD_BYTES + 64 * 1024);
  const fields: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && key !== "file") fields[key] = key === "evidence" ? parseJsonField(key, value) : value;
  }
  const file = form.get("file");
  if (file instanceof File) {
    if (file.size > MAX_UPLOAD_BYTES) throw new AppError("payload_too_large", "Files are limited to 10 MB");
    fields.text = await extractText(file);
  } else if (typeof fields.text !== "string") {
    throw new AppError("validation_failed", "The request is not valid", { fields: { file: ["Attach a .txt, .md, .html or .pdf file, or send text"] } });
  }
  return checked(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== "")));
}

/** A multipart/form-data body, read within the size limit (413 past it). */
export async function readMultipart(request: Request, limit: number): Promise<FormData> {
  const bytes = await readBody(request, limit);
  try {
    return await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError("bad_request", "The multipart body could not be read");
  }
}

/** Every field but the text must be storable as is; the text is cleaned when it is stored. */
function checked(fields: Record<string, unknown>): Record<string, unknown> {
  const { text, ...rest } = fields;
  return { ...storable(rest), ...(text === undefined ? {} : { text }) };
}

function parseJsonField(key: string, value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new AppError("bad_request", `The ${key} field is not valid JSON`);
  }
}

/** How long reading one file may take: a hostile PDF or page is stopped there (issue 18). */
export const EXTRACTION_TIMEOUT_MS = 20_000;

/** The file's text, extracted on a worker thread within a time budget. */
async function extractText(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return runOffThread("extractText", [file.name, bytes], {
    timeoutMs: EXTRACTION_TIMEOUT_MS,
    overBudget: () => unreadable(`Reading it took longer than ${EXTRACTION_TIMEOUT_MS / 1000} s or needed too much memory`),
  });
}
