import { AppError } from "@/lib/errors";

// Requests the production server (server.ts) answers itself, before Next.js: Next.js failed on
// them with a 500, or would pass them on to a page that queries the database.

/** Methods a fetch Request cannot carry: Next.js could not build one for them (a 500). */
const UNSUPPORTED_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

/** The error to answer with instead of serving the request, or null to serve it. */
export function refusal(method: string, url: string): AppError | null {
  if (UNSUPPORTED_METHODS.has(method.toUpperCase())) return new AppError("bad_request", `${method.toUpperCase()} requests are not accepted`);
  const path = url.split(/[?#]/, 1)[0] ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // `/api/issues/%E0%A4%A`: Next.js's decoding of the route parameters threw (a 500).
    return new AppError("bad_request", "The address has malformed percent-encoding");
  }
  // No record's id or path holds a NUL, and PostgreSQL refuses one in a query (a 500 from a page).
  if (decoded.includes("\u0000")) return new AppError("not_found", "Not found");
  return null;
}
