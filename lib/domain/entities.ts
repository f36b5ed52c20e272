// The rules for tracked entities and their hits (issue 13), apart from the database.
import type { EntryType, IdentifierKind } from "@/lib/sanctions/entry";
import type { ScreeningQuery } from "@/lib/sanctions/match/score";

export type EntityIdentifier = { kind?: IdentifierKind; value: string };
export type HitDecision = "confirmed" | "false_positive";

/** Names compare case-insensitively and with spaces folded: "ACME  Ltd" and "acme ltd" are one name. */
export const nameKey = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/** Names kept once each (the first spelling wins), without the entity's own name. */
export function distinctAliases(name: string, aliases: readonly string[]): string[] {
  const seen = new Set([nameKey(name)]);
  return aliases.filter((alias) => {
    const key = nameKey(alias);
    if (!key || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Merging `from` into `into`: `into` keeps its name; `from`'s name and aliases become aliases. */
export function mergedAliases(into: { name: string; aliases: readonly string[] }, from: { name: string; aliases: readonly string[] }): string[] {
  return distinctAliases(into.name, [...into.aliases, from.name, ...from.aliases]);
}

/** What an entity is screened as: one query per name, each with its type, country and identifiers. */
export function entityQueries(entity: { type: EntryType; name: string; aliases: readonly string[]; country: string | null; identifiers: readonly EntityIdentifier[] }): ScreeningQuery[] {
  return [entity.name, ...entity.aliases].map((name, at) => ({
    name,
    type: entity.type,
    ...(entity.country ? { country: entity.country } : {}),
    // Identifiers are certain whatever the name: matching them once (with the name) is enough.
    ...(at === 0 && entity.identifiers.length ? { identifiers: [...entity.identifiers] } : {}),
  }));
}

/** Whether a screening must run again after an edit: only the fields the matcher reads count. */
export function screenedFieldsChanged(changed: readonly string[]): boolean {
  return changed.some((field) => ["name", "aliases", "type", "country", "identifiers"].includes(field));
}

/**
 * An analyst's decision holds for later releases unless the entry itself changed: then the hit goes back to
 * review (the entry may now say something that settles it otherwise).
 */
export function decisionHolds(hit: { decision: HitDecision | null; decidedContentHash: string | null }, contentHash: string): boolean {
  return hit.decision !== null && hit.decidedContentHash === contentHash;
}

type DecidedHit = { decision: HitDecision | null; decidedAt: Date | null };

/** Two merged entities with a hit on the same entry keep one: the decided one, the latest decision if both are. */
export function hitToKeep<T extends DecidedHit>(a: T, b: T): T {
  if (a.decision === null) return b.decision === null ? a : b;
  if (b.decision === null) return a;
  return (b.decidedAt?.getTime() ?? 0) > (a.decidedAt?.getTime() ?? 0) ? b : a;
}
