import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resolveActor, type Actor } from "./actor";

/** For server pages: the signed-in actor, or a redirect to the sign-in page (which brings them back). */
export async function requireActor(): Promise<Actor> {
  const requestHeaders = await headers();
  const actor = await resolveActor(requestHeaders);
  if (!actor) {
    const returnTo = requestHeaders.get("x-return-to"); // set by proxy.ts
    redirect(returnTo && returnTo !== "/" ? `/sign-in?next=${encodeURIComponent(returnTo)}` : "/sign-in");
  }
  return actor;
}

export async function currentActor(): Promise<Actor | null> {
  return resolveActor(await headers());
}
