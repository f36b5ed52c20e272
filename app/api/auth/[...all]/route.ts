// /api/auth/* – better-auth: sign-in (POST /api/auth/sign-in/email), sign-out, session.
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";

export const { GET, POST } = toNextJsHandler((request: Request) => getAuth().handler(request));
