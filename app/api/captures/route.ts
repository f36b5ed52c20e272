// POST /api/captures – fetch a page by URL (guarded: public addresses only), keep it as a snapshot, answer its main text, title, byline and date
import { createCaptureSchema } from "@/lib/validation/captures";
import { json, route } from "@/lib/api/route";
import { captureUrl } from "@/lib/services/captures";

export const POST = route({ role: "analyst", body: createCaptureSchema }, async ({ actor, body }) => {
  const capture = await captureUrl(actor, body);
  return json(capture, { status: 201, headers: { Location: `/api/captures/${capture.id}` } });
});
