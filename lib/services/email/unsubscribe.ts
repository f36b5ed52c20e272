import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { storedSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { notificationKinds, type NotificationKind } from "@/lib/notifications/recipients";

// One-click unsubscribe (RFC 8058): each email's link carries a signed token naming the person and the kinds the
// email was about. It works without a session (a mail client POSTs it), so the signature is the only proof:
// HMAC-SHA256 with a secret the app keeps in the database. It turns those kinds' email off and nothing else.

const SECRET = "email-unsubscribe";

type Claims = { userId: string; kinds: NotificationKind[] };

async function signature(payload: string) {
  return createHmac("sha256", await storedSecret(SECRET)).update(payload).digest("base64url");
}

export async function unsubscribeToken(userId: string, kinds: NotificationKind[]): Promise<string> {
  const payload = Buffer.from(JSON.stringify({ u: userId, k: [...new Set(kinds)].sort() })).toString("base64url");
  return `${payload}.${await signature(payload)}`;
}

export async function unsubscribeUrl(userId: string, kinds: NotificationKind[]): Promise<string> {
  return `${env().appUrl}/api/notifications/unsubscribe?token=${await unsubscribeToken(userId, kinds)}`;
}

/** The claims of a genuine token; null for anything else. */
export async function readUnsubscribeToken(token: string | undefined): Promise<Claims | null> {
  const [payload, sig, extra] = (token ?? "").split(".");
  if (!payload || !sig || extra !== undefined) return null;
  const expected = Buffer.from(await signature(payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { u?: unknown; k?: unknown };
    const kinds = Array.isArray(claims.k) ? claims.k.filter((k): k is NotificationKind => (notificationKinds as readonly unknown[]).includes(k)) : [];
    return typeof claims.u === "string" && kinds.length ? { userId: claims.u, kinds } : null;
  } catch {
    return null;
  }
}

/** Turns the token's kinds to "off" for its person; null when the token is not genuine or names nobody. */
export async function unsubscribe(token: string | undefined): Promise<Claims | null> {
  const claims = await readUnsubscribeToken(token);
  if (!claims) return null;
  const user = await db.user.findUnique({ where: { id: claims.userId }, select: { id: true } });
  if (!user) return null;
  await db.$transaction(
    claims.kinds.map((kind) =>
      db.emailPreference.upsert({ where: { userId_kind: { userId: claims.userId, kind } }, create: { userId: claims.userId, kind, delivery: "off" }, update: { delivery: "off" } }),
    ),
  );
  return claims;
}
