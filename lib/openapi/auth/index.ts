import "server-only";
import { z } from "zod";
import { component, jsonContent, SESSION_COOKIE, type OpenApiKit } from "../kit";

// Auth: better-auth, under /api/auth/* (app/api/auth/[...all]); only the path that scripts use. better-auth
// declares no route() of ours, so its body and responses are written here.

// better-auth owns its sign-in endpoint; these describe what it accepts and answers (see its
// routes/sign-in), so that scripts can get a session cookie.
const signInBodySchema = z.object({
  email: z.email(),
  password: z.string(),
  rememberMe: z.boolean().optional().meta({ description: "false: the session ends with the browser session. Default true." }),
  callbackURL: z.string().optional(),
});
const signInResponseSchema = z.object({
  redirect: z.boolean(),
  token: z.string().meta({ description: "The session id. It is not an API token: authenticate with the Set-Cookie cookie." }),
  url: z.string().nullable().optional(),
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    emailVerified: z.boolean(),
    image: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
});
const authErrorSchema = z.object({ code: z.string().meta({ example: "INVALID_EMAIL_OR_PASSWORD" }), message: z.string() });

export function registerAuth({ registry, ok, errorResponse }: OpenApiKit) {
  const SignInBody = component("SignInBody", signInBodySchema);
  const SignInResponse = component("SignInResponse", signInResponseSchema);
  const AuthError = component("AuthError", authErrorSchema);
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-in/email",
    operationId: "signInEmail",
    tags: ["Auth"],
    summary: "Sign in with email and password",
    description:
      "No sign-in needed. Served by better-auth: on success it sets the session cookie (Set-Cookie); send that cookie with later requests. " +
      "Its errors use better-auth's body `{ code, message }`; the rate limit's 429 uses the API's error body.",
    security: [],
    request: { body: { description: "The account's email and password", required: true, content: jsonContent(SignInBody) } },
    responses: {
      200: ok("Signed in", SignInResponse, {
        "Set-Cookie": { description: `\`${SESSION_COOKIE}=…; HttpOnly; SameSite=Lax\``, schema: { type: "string" } },
      }),
      400: { description: "Malformed JSON, a missing field or an invalid email", content: jsonContent(AuthError) },
      401: { description: "Wrong email or password", content: jsonContent(AuthError) },
      403: { description: "A browser request from another origin", content: jsonContent(AuthError) },
      415: { description: "The body is neither JSON nor a form", content: jsonContent(AuthError) },
      429: errorResponse("rate_limited", "Too many sign-in attempts from this address or for this account; the Retry-After header says when to try again"),
    },
  });

}
