import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { resolveSignedIn, type Actor, type MyTeam } from "./actor";

/** Once per request: the layout, the page and its metadata all ask, and each answer costs a session read. */
const signedInOfRequest = cache(async () => resolveSignedIn(await headers()));

/** For server pages: the signed-in actor, or a redirect to the sign-in page (which brings them back). */
export async function requireActor(): Promise<Actor> {
  return (await requireSignedIn()).actor;
}

/** For server pages: the teams of the person signed in, read with their session (the team switcher). */
export async function myTeams(): Promise<MyTeam[]> {
  return (await requireSignedIn()).teams;
}

async function requireSignedIn() {
  const signedIn = await signedInOfRequest();
  if (!signedIn) {
    const returnTo = (await headers()).get("x-return-to"); // set by proxy.ts
    redirect(returnTo && returnTo !== "/" ? `/sign-in?next=${encodeURIComponent(returnTo)}` : "/sign-in");
  }
  return signedIn;
}

export async function currentActor(): Promise<Actor | null> {
  return (await signedInOfRequest())?.actor ?? null;
}
