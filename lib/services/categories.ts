import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export async function listCategories(actor: Actor) {
  return db.category.findMany({ where: { teamId: actor.teamId }, orderBy: { name: "asc" }, select: { slug: true, name: true } });
}
