import "server-only";
import { toErrorResponse } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { recordSecurityEvent } from "@/lib/auth/security-events";
import { clear, clientAddress, hit, limits, type Verdict } from "@/lib/auth/rate-limits";
import { getAuth } from "./auth";

/**
 * Rate limits around better-auth's password checks: attempts per address (when a trusted proxy reports
 * it) and password guesses per account, whatever the address, shared by sign-in and password change.
 * Each attempt is counted before the password is checked, in one statement that increments and returns
 * the count, so parallel guesses cannot slip between a read and a write; a success clears the count.
 * Failed and blocked attempts go into the history of the account's team, for the admins' audit page.
 *
 * The bodies reach these guards as JSON only: the auth route refuses every other media type (415)
 * before better-auth, which would also parse form, multipart and text bodies, sees them.
 */
export async function guardSignIn(request: Request, signIn: (request: Request) => Promise<Response>): Promise<Response> {
  const body = await jsonBody(request);
  const email = typeof body?.email === "string" ? body.email.trim().toLowerCase().slice(0, 320) : null;
  const address = clientAddress(request.headers);
  const verdicts = [address ? await hit(`sign-in:address:${address}`, limits.signInPerAddress) : null, email ? await countGuess(email) : null];
  return guarded(request, signIn, email, address, verdicts);
}

/**
 * Changing a password proves the current one, so it is a guess like a sign-in and shares the account's
 * budget. The change ends every other session (someone who changes a password because it leaked
 * expects the other sessions to end): better-auth's `revokeOtherSessions` is forced on.
 */
export async function guardPasswordChange(request: Request, changePassword: (request: Request) => Promise<Response>): Promise<Response> {
  const session = await (await getAuth()).api.getSession({ headers: request.headers });
  const body = await jsonBody(request);
  if (!session || !body) return changePassword(request);
  const email = session.user.email.toLowerCase();
  const forced = new Request(request.url, { method: "POST", headers: request.headers, body: JSON.stringify({ ...body, revokeOtherSessions: true }), signal: request.signal });
  return guarded(forced, changePassword, email, clientAddress(request.headers), [await countGuess(email)]);
}

async function jsonBody(request: Request): Promise<Record<string, unknown> | null> {
  const body: unknown = await request.clone().json().catch(() => null);
  return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

const guessesKey = (email: string) => `sign-in:failures:${email}`;
const countGuess = (email: string) => hit(guessesKey(email), limits.signInFailuresPerAccount);

async function guarded(request: Request, check: (request: Request) => Promise<Response>, email: string | null, address: string | null, verdicts: Array<Verdict | null>): Promise<Response> {
  const refused = verdicts.find((v) => v && !v.allowed);
  if (refused) {
    await record("sign_in_blocked", email, address);
    return rateLimited(refused.retryAfterSeconds);
  }
  const response = await check(request);
  if (email && response.status >= 400 && response.status < 500) await record("sign_in_failed", email, address);
  else if (email && response.ok) await clear(guessesKey(email));
  return response;
}

function rateLimited(retryAfterSeconds: number): Response {
  const { status, body } = toErrorResponse(new AppError("rate_limited", `Too many sign-in attempts. Try again in ${retryAfterSeconds} seconds.`));
  return Response.json(body, { status, headers: { "Retry-After": String(retryAfterSeconds) } });
}

async function record(action: "sign_in_failed" | "sign_in_blocked", email: string | null, address: string | null) {
  const user = email ? await db.user.findUnique({ where: { email }, select: { id: true, memberships: { select: { teamId: true }, take: 1, orderBy: { createdAt: "asc" } } } }) : null;
  await recordSecurityEvent({
    teamId: user?.memberships[0]?.teamId ?? null,
    actorId: user?.id ?? null,
    actorLabel: email ?? "unknown",
    entityType: "account",
    entityId: email ?? "unknown",
    action,
    after: { address },
  });
}
