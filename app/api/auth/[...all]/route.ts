// /api/auth/* – better-auth: POST /api/auth/sign-in/email (rate limited), POST /api/auth/sign-out, GET /api/auth/get-session,
// POST /api/auth/change-password (rate limited, ends the other sessions)
import { toNextJsHandler } from "better-auth/next-js";
import { toErrorResponse } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { withBodyLimit } from "@/lib/api/body";
import { assertSameOrigin } from "@/lib/api/route";
import { getAuth } from "@/lib/auth/auth";
import { guardPasswordChange, guardSignIn } from "@/lib/auth/sign-in-guard";
import { withoutSessionTokens } from "@/lib/auth/session-tokens";

const handlers = toNextJsHandler(async (request: Request) => (await getAuth()).handler(request));

/** Auth bodies are a few hundred bytes; better-auth itself reads any size (a 300 MB sign-in grew the server by 1.2 GB). */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

export async function GET(request: Request): Promise<Response> {
  return withoutSessionTokens(await handlers.GET(request));
}

export async function POST(request: Request): Promise<Response> {
  let bounded: Request;
  try {
    // better-auth checks origins too, but not under NODE_ENV=test; the app's own check holds everywhere.
    assertSameOrigin(request);
    bounded = await withBodyLimit(request, MAX_AUTH_BODY_BYTES);
    assertJson(bounded);
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status });
  }
  const path = new URL(bounded.url).pathname;
  if (path.endsWith("/sign-in/email")) return withoutSessionTokens(await guardSignIn(bounded, handlers.POST));
  if (path.endsWith("/change-password")) return withoutSessionTokens(await guardPasswordChange(bounded, handlers.POST));
  return withoutSessionTokens(await handlers.POST(bounded));
}

/**
 * better-auth parses JSON, but also form, multipart and text bodies; our rate limits read JSON, and a
 * form is what a cross-site page can send without a preflight. So a body must be exactly
 * application/json: a looser pattern would pass `application/x-www-form-urlencoded;+json`, which
 * better-auth reads as a form.
 */
function assertJson(request: Request) {
  if (!request.body) return;
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") throw new AppError("unsupported_media_type", "Send the body as application/json");
}
