import { createHmac, timingSafeEqual } from "node:crypto";

// X-SW-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body"> (issue 15). The time is signed with the body
// so a receiver can refuse an old message replayed; docs/webhooks.md shows a receiver checking it.

export const SIGNATURE_HEADER = "X-SW-Signature";

export function signatureOf(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${v1}`;
}

/** Whether `header` signs `body` with `secret`, at most `toleranceSeconds` from `nowSeconds`. */
export function verifySignature(secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, body, t).split("v1=")[1]!, "hex");
  const given = Buffer.from(parts.v1, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
