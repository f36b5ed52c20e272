import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { db } from "@/lib/db/client";
import { nameKey } from "@/lib/domain/entities";
import type { NamedEntity } from "@/lib/analysis/entities";
import { THRESHOLDS } from "@/lib/sanctions/match/score";
import { ANALYSIS_TIMEOUT_MS } from "@/lib/services/documents";
import { screenEntities } from "@/lib/services/sanctions/screening";
import { runOffThread } from "@/lib/workers/pool";
import type { DocumentNames, FoundName } from "@/lib/validation/entities";
import { entitiesNamed } from "./entities";

// The people and organisations a document's analysis finds (issues 13 and 16), each tied to what is known of it:
// the team's entity of that name or alias, whether or not it is linked to this document (the page offers to
// track or link it with one click), and the entries of the sanctions lists it matches.

/** The list entries shown per name: the best few; tracking the name screens it in full. */
const ENTRIES_PER_NAME = 3;

/** The names a found name is known by: its own, and the aliases of more than one word ("BIS" or "Blinken" alone name too much). */
function namesOf(found: NamedEntity): string[] {
  return [found.name, ...found.aliases.filter((alias) => alias.trim().includes(" "))];
}

export async function documentNames(actor: Actor, documentId: string): Promise<DocumentNames> {
  const document = await db.document.findFirst({ where: { id: documentId, teamId: actor.teamId }, select: { text: true, title: true } });
  if (!document) throw notFound("Document");
  // The analysis is not stored: it is run again, off the request thread, as POST /api/documents/{id}/entities does.
  const { analysis } = await runOffThread("analyzeDocument", [{ text: document.text, title: document.title }, []], { timeoutMs: ANALYSIS_TIMEOUT_MS });
  const found = [
    ...analysis.organizations.map((named) => ({ named, type: "organization" as const, knownBy: namesOf(named) })),
    ...analysis.people.map((named) => ({ named, type: "person" as const, knownBy: namesOf(named) })),
  ];
  if (found.length === 0) return { names: [] };
  const [entities, screened] = await Promise.all([
    entitiesNamed(db, actor.teamId, found.flatMap(({ knownBy }) => knownBy)),
    // On the worker threads, which keep the lists' indexes: a long document names hundreds.
    screenEntities(found.map(({ knownBy, type }) => knownBy.map((name) => ({ name, type })))),
  ]);
  const entityIds = [...new Set([...entities.values()].map(({ id }) => id))];
  const onDocument = new Set(
    (await db.entityDocument.findMany({ where: { documentId, entityId: { in: entityIds } }, select: { entityId: true } })).map(({ entityId }) => entityId),
  );
  return {
    names: found.map(({ named, type, knownBy }, at): FoundName => {
      const entity = knownBy.map((name) => entities.get(nameKey(name))).find(Boolean) ?? null;
      return {
        name: named.name,
        type,
        aliases: named.aliases,
        mentions: named.mentions,
        entity: entity && { ...entity, onDocument: onDocument.has(entity.id) },
        listEntries: screened.results[at]!
          .filter((match) => match.score >= THRESHOLDS.match)
          .slice(0, ENTRIES_PER_NAME)
          .map(({ entryId, list, sourceId, name, score }) => ({ entryId, list, sourceId, name, score })),
      };
    }),
  };
}
