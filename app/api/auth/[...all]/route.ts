// /api/auth/* – better-auth: POST /api/auth/sign-in/email (rate limited), POST /api/auth/sign-out, GET /api/auth/get-session
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";
import { guardSignIn } from "@/lib/auth/sign-in-guard";

const handlers = toNextJsHandler((request: Request) => getAuth().handler(request));

export const GET = handlers.GET;

export async function POST(request: Request): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/sign-in/email")) return guardSignIn(request, handlers.POST);
  return handlers.POST(request);
}
