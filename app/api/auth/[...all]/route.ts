// /api/auth/* – better-auth: POST /api/auth/sign-in/email (rate limited), POST /api/auth/sign-out, GET /api/auth/get-session
import { toNextJsHandler } from "better-auth/next-js";
import { toErrorResponse } from "@/lib/api/errors";
import { withBodyLimit } from "@/lib/api/route";
import { getAuth } from "@/lib/auth/auth";
import { guardSignIn } from "@/lib/auth/sign-in-guard";

const handlers = toNextJsHandler((request: Request) => getAuth().handler(request));

/** Auth bodies are a few hundred bytes; better-auth itself reads any size (a 300 MB sign-in grew the server by 1.2 GB). */
const MAX_AUTH_BODY_BYTES = 64 * 1024;

export const GET = handlers.GET;

export async function POST(request: Request): Promise<Response> {
  let bounded: Request;
  try {
    bounded = await withBodyLimit(request, MAX_AUTH_BODY_BYTES);
  } catch (error) {
    const { status, body } = toErrorResponse(error);
    return Response.json(body, { status });
  }
  if (new URL(bounded.url).pathname.endsWith("/sign-in/email")) return guardSignIn(bounded, handlers.POST);
  return handlers.POST(bounded);
}
