import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resolveActor, type Actor } from "./actor";

/** For server pages: the signed-in actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await resolveActor(await headers());
  if (!actor) redirect("/sign-in");
  return actor;
}

export async function currentActor(): Promise<Actor | null> {
  return resolveActor(await headers());
}
