import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { requireActor } from "@/lib/auth/current";
import type { Actor } from "@/lib/auth/actor";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A detail page's loader: the signed-in actor's record for the id in the address, or the not-found
 * page (status 404). An id that is not a UUID names no record and is refused before any query (a NUL
 * in it failed in the database); absent, deleted and another team's records all look the same.
 * Cached per request, so metadata and the page share one read.
 */
export function loaderOrNotFound<T>(load: (actor: Actor, id: string) => Promise<T>) {
  return cache(async (id: string) => {
    if (!UUID.test(id)) notFound();
    const actor = await requireActor();
    try {
      return { actor, record: await load(actor, id) };
    } catch (error) {
      if (error instanceof AppError && error.code === "not_found") notFound();
      throw error;
    }
  });
}
