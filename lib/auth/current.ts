import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { resolveActor, type Actor } from "./actor";

/** Once per request: the layout, the page and its metadata all ask, and each answer costs a session read. */
const actorOfRequest = cache(async () => resolveActor(await headers()));

/** For server pages: the signed-in actor, or a redirect to the sign-in page (which brings them back). */
export async function requireActor(): Promise<Actor> {
  const actor = await actorOfRequest();
  if (!actor) {
    const returnTo = (await headers()).get("x-return-to"); // set by proxy.ts
    redirect(returnTo && returnTo !== "/" ? `/sign-in?next=${encodeURIComponent(returnTo)}` : "/sign-in");
  }
  return actor;
}

export async function currentActor(): Promise<Actor | null> {
  return actorOfRequest();
}
