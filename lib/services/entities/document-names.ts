import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { nameKey } from "@/lib/domain/entities";
import { ANALYSIS_TIMEOUT_MS } from "@/lib/services/documents";
import { runOffThread } from "@/lib/workers/pool";

// The people and organisations a document's analysis finds (issue 13), each with the entity tracking it on this
// document if there is one: the document page offers to track the others with one click.

export type FoundName = { name: string; type: "person" | "organization"; entity: { id: string; name: string } | null };

export async function documentNames(actor: Actor, documentId: string): Promise<FoundName[]> {
  const document = await db.document.findFirst({ where: { id: documentId, teamId: actor.teamId }, select: { text: true, title: true } });
  if (!document) throw notFound("Document");
  const [{ analysis }, linked] = await Promise.all([
    // The analysis is not stored: it is run again, off the request thread, as POST /api/documents/{id}/entities does.
    runOffThread("analyzeDocument", [{ text: document.text, title: document.title }, []], { timeoutMs: ANALYSIS_TIMEOUT_MS }),
    db.entity.findMany({ where: { teamId: actor.teamId, documents: { some: { documentId } } }, select: { id: true, name: true, aliases: true } }),
  ]);
  const byKey = new Map(linked.flatMap((entity) => [entity.name, ...entity.aliases].map((name) => [nameKey(name), { id: entity.id, name: entity.name }] as const)));
  return [
    ...analysis.organizations.map(({ name }) => ({ name, type: "organization" as const })),
    ...analysis.people.map(({ name }) => ({ name, type: "person" as const })),
  ].map((found) => ({ ...found, entity: byKey.get(nameKey(found.name)) ?? null }));
}
