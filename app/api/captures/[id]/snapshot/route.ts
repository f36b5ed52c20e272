// GET /api/captures/{id}/snapshot – the captured page as fetched, never executed: HTML under a sandboxing CSP, or (?as=text) its source as plain text
import { route } from "@/lib/api/route";
import { getSnapshot } from "@/lib/services/captures";
import { snapshotQuerySchema } from "@/lib/validation/captures";

// The page is someone else's HTML on our origin: `sandbox` gives it an opaque origin with scripts,
// forms and plugins off, and `default-src 'none'` loads nothing (no images, styles or beacons that
// would tell the site who is reading). nosniff keeps the browser to the type sent. next.config.js sets
// the same policy for this path, since its headers override a route's.
const SANDBOX = "sandbox; default-src 'none'; form-action 'none'; frame-ancestors 'none'";

export const GET = route({ role: "viewer", query: snapshotQuerySchema }, async ({ actor, params, query }) => {
  const snapshot = await getSnapshot(actor, params.id!);
  const mediaType = (snapshot.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(snapshot.contentType ?? "")?.[1] ?? "utf-8";
  const pdf = mediaType === "application/pdf";
  const type = pdf ? "application/pdf" : query.as === "text" || mediaType === "text/plain" ? `text/plain; charset=${charset}` : `text/html; charset=${charset}`;
  return new Response(new Uint8Array(snapshot.body), {
    headers: {
      "Content-Type": type,
      "Content-Security-Policy": SANDBOX,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      // A PDF is a download: browsers' PDF viewers do not run under a sandbox.
      "Content-Disposition": pdf ? 'attachment; filename="capture.pdf"' : "inline",
    },
  });
});
