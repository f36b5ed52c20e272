import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { storedSecret } from "./secret";

/**
 * Accounts and sessions (better-auth): email + password, sessions stored in the database so that
 * several app instances share them and signing out ends the session everywhere. Accounts are made by
 * the seed or by an admin's invitation, so public sign-up is off.
 */
async function createAuth() {
  const { appUrl, authSecret } = env();
  return betterAuth({
    appName: "Sanctions Watch",
    baseURL: appUrl,
    // Unset, a random secret kept in the database (README, configuration).
    secret: authSecret ?? (await storedSecret("better-auth")),
    database: prismaAdapter(db, { provider: "postgresql" }),
    trustedOrigins: [appUrl],
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12 },
    session: {
      // Idle timeout: a session unused for 12 hours ends; use extends it (at most hourly writes).
      // The absolute limit (SESSION_MAX_AGE_MS) is enforced in lib/auth/actor.ts.
      expiresIn: 60 * 60 * 12,
      updateAge: 60 * 60,
    },
    // Our own limits (lib/auth/sign-in-guard.ts) are kept in the database and shared by all instances.
    rateLimit: { enabled: false },
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
/** Built on first use, so importing it opens no database (scripts, `next build`); a failed build is retried. */
export function getAuth() {
  instance ??= createAuth().catch((error: unknown) => {
    instance = undefined;
    throw error;
  });
  return instance;
}

/** better-auth's password hasher, for accounts created outside its sign-up endpoint (seed, invitations). */
export async function hashPassword(password: string): Promise<string> {
  const context = await (await getAuth()).$context;
  return context.password.hash(password);
}
