import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";

/**
 * Accounts and sessions (better-auth): email + password, sessions stored in the database so that
 * several app instances share them and signing out ends the session everywhere. Accounts are made by
 * the seed or by an admin's invitation, so public sign-up is off.
 */
function createAuth() {
  const { appUrl, authSecret } = env();
  return betterAuth({
    appName: "Sanctions Watch",
    baseURL: appUrl,
    secret: authSecret,
    database: prismaAdapter(db, { provider: "postgresql" }),
    trustedOrigins: [appUrl],
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12 },
    session: {
      expiresIn: 60 * 60 * 24 * 7, // absolute lifetime: a week
      updateAge: 60 * 60 * 24, // refreshed at most daily while in use
    },
    advanced: {
      useSecureCookies: appUrl.startsWith("https://"),
      cookiePrefix: "sanctions-watch",
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

let instance: ReturnType<typeof createAuth> | undefined;
/** Built on first use, so importing it opens no database (scripts, `next build`). */
export function getAuth() {
  instance ??= createAuth();
  return instance;
}

/** better-auth's password hasher, for accounts created outside its sign-up endpoint (seed, invitations). */
export async function hashPassword(password: string): Promise<string> {
  const context = await getAuth().$context;
  return context.password.hash(password);
}
