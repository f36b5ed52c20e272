import "server-only";
import { MAX_LIST_FILE_BYTES } from "@/lib/validation/sanctions";
import { AppError } from "@/lib/errors";
import { storable } from "./json";
import { readMultipart } from "./upload";

/** A list file upload: multipart with the file as `file` and the other form fields as strings. */
export async function readListUpload(request: Request): Promise<{ file: Uint8Array; fields: Record<string, string> }> {
  if (!(request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("unsupported_media_type", "Upload the list file as multipart/form-data, in the field `file`");
  }
  const form = await readMultipart(request, MAX_LIST_FILE_BYTES + 64 * 1024);
  const file = form.get("file");
  if (!(file instanceof File)) throw new AppError("validation_failed", "The request is not valid", { fields: { file: ["Attach the list file"] } });
  if (file.size > MAX_LIST_FILE_BYTES) throw new AppError("payload_too_large", `List files are limited to ${MAX_LIST_FILE_BYTES / 1024 / 1024} MB`);
  const fields: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (key !== "file" && typeof value === "string" && value !== "") fields[key] = value;
  return { file: new Uint8Array(await file.arrayBuffer()), fields: storable(fields) };
}
