import "server-only";
import { AppError, toErrorResponse } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { recordSecurityEvent } from "@/lib/services/events";
import { clear, clientAddress, hit, limits, peek } from "@/lib/services/rate-limits";

/**
 * Rate limits around better-auth's email sign-in: attempts per address (when a trusted proxy reports
 * it) and failures per account, whatever the address. Failed and blocked sign-ins go into the history
 * of the account's team, for the admins' audit page.
 */
export async function guardSignIn(request: Request, signIn: (request: Request) => Promise<Response>): Promise<Response> {
  const body = (await request.clone().json().catch(() => null)) as { email?: unknown } | null;
  const email = typeof body?.email === "string" ? body.email.trim().toLowerCase().slice(0, 320) : null;
  const address = clientAddress(request.headers);
  const failuresKey = email ? `sign-in:failures:${email}` : null;

  const verdicts = [
    address ? await hit(`sign-in:address:${address}`, limits.signInPerAddress) : null,
    failuresKey ? await peek(failuresKey, limits.signInFailuresPerAccount) : null,
  ];
  const refused = verdicts.find((v) => v && !v.allowed);
  if (refused) {
    await record("sign_in_blocked", email, address);
    return rateLimited(refused.retryAfterSeconds);
  }

  const response = await signIn(request);
  if (failuresKey && response.status >= 400 && response.status < 500) {
    await hit(failuresKey, limits.signInFailuresPerAccount);
    await record("sign_in_failed", email, address);
  } else if (failuresKey && response.ok) {
    await clear(failuresKey);
  }
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
