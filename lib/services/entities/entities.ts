import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { db, type Tx } from "@/lib/db/client";
import { containsPattern } from "@/lib/db/like";
import { distinctAliases, hitToKeep, mergedAliases, nameKey, screenedFieldsChanged, type EntityIdentifier } from "@/lib/domain/entities";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EntryType } from "@/lib/sanctions/entry";
import { ANALYSIS_TIMEOUT_MS } from "@/lib/services/documents";
import { changedFields, recordEvent, toHistoryEvent } from "@/lib/services/events";
import { runOffThread } from "@/lib/workers/pool";
import type {
  CreateEntityInput,
  EntityDetail,
  EntityPage,
  ListEntitiesQuery,
  TrackActorsInput,
  TrackDocumentNamesInput,
  TrackedEntities,
  UpdateEntityInput,
} from "@/lib/validation/entities";
import type { HistoryEvent } from "@/lib/validation/issues";
import { screenTeamEntities } from "./hits";
import { entitySummarySelect, hitSelect, toEntitySummary, toHit, waitingForReview } from "./views";

// The entities a team tracks (issue 13): made by hand, from an issue's actors or from the names a document's
// analysis finds; screened at once when made or when their names, type or country change.

/** The fields of an entity that its history records. */
function recorded(entity: { [key: string]: unknown }) {
  const { type, name, aliases, country, identifiers, notes } = entity;
  return { type, name, aliases, country, identifiers, notes };
}

function staleVersion(current: number) {
  return new AppError("precondition_failed", `The entity was changed by someone else (now at version ${current}); reload it and apply your change again`, { currentVersion: current }, { ETag: `"${current}"` });
}

/** Identifiers kept once each by value. */
function distinctIdentifiers(identifiers: EntityIdentifier[]): EntityIdentifier[] {
  const seen = new Set<string>();
  return identifiers.filter(({ value }) => !seen.has(value.toLowerCase()) && seen.add(value.toLowerCase()));
}

/** An entity with its hits, issues and documents; another team's id is "not found", like an absent one. */
export async function getEntity(actor: Actor, id: string): Promise<EntityDetail> {
  const row = await db.entity.findFirst({
    where: { id, teamId: actor.teamId },
    select: {
      ...entitySummarySelect,
      documents: { orderBy: { createdAt: "asc" }, select: { document: { select: { id: true, title: true, publishedAt: true } } } },
    },
  });
  if (!row) throw notFound("Entity");
  const hits = await db.hit.findMany({ where: { entityId: id }, orderBy: [{ score: "desc" }, { id: "asc" }], select: hitSelect });
  return {
    ...toEntitySummary(row),
    documents: row.documents.map(({ document }) => ({ ...document, publishedAt: document.publishedAt?.toISOString() ?? null })),
    hits: hits.map(toHit),
  };
}

/** Entity ids of the team whose name or an alias contains the words (case-insensitive). */
async function idsNamed(teamId: string, q: string): Promise<string[]> {
  const pattern = containsPattern(q);
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "entity" WHERE "teamId" = ${teamId}
      AND ("name" ILIKE ${pattern} OR EXISTS (SELECT 1 FROM unnest("aliases") AS a WHERE a ILIKE ${pattern}))`;
  return rows.map((row) => row.id);
}

/** The team's entities, by name, filtered and paged like the watchlist. */
export async function listEntities(actor: Actor, query: ListEntitiesQuery): Promise<EntityPage> {
  const waiting = query.level ? { ...waitingForReview, level: query.level } : waitingForReview;
  const where: Prisma.EntityWhereInput = {
    teamId: actor.teamId,
    ...(query.q ? { id: { in: await idsNamed(actor.teamId, query.q) } } : {}),
    ...(query.type ? { type: query.type } : {}),
    ...(query.issue ? { issues: { some: { issueId: query.issue } } } : {}),
    ...(query.hasHits === false ? { hits: { none: waiting } } : query.hasHits || query.level ? { hits: { some: waiting } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.entity.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (query.page - 1) * query.pageSize, take: query.pageSize, select: entitySummarySelect }),
    db.entity.count({ where }),
  ]);
  return { items: rows.map(toEntitySummary), total, page: query.page, pageSize: query.pageSize };
}

/** Issues and documents of the team, or a 404 naming which one is not. */
async function assertLinkable(tx: Tx, actor: Actor, issueIds: string[], documentIds: string[]) {
  const issues = await tx.issue.count({ where: { id: { in: issueIds }, teamId: actor.teamId, deletedAt: null } });
  if (issues !== new Set(issueIds).size) throw notFound("Issue");
  const documents = await tx.document.count({ where: { id: { in: documentIds }, teamId: actor.teamId } });
  if (documents !== new Set(documentIds).size) throw notFound("Document");
}

type NewEntity = { type: EntryType; name: string; aliases?: string[]; country?: string | null; identifiers?: EntityIdentifier[]; notes?: string };

async function insertEntity(tx: Tx, actor: Actor, input: NewEntity, origin: Record<string, string> = {}): Promise<string> {
  const data = {
    type: input.type,
    name: input.name,
    aliases: distinctAliases(input.name, input.aliases ?? []),
    country: input.country ?? null,
    identifiers: distinctIdentifiers(input.identifiers ?? []),
    notes: input.notes ?? "",
  };
  const { id } = await tx.entity.create({ data: { ...data, teamId: actor.teamId, createdById: actor.userId }, select: { id: true } });
  await recordEvent(tx, actor, { entityType: "entity", entityId: id, action: "created", after: { ...recorded(data), ...origin } });
  return id;
}

export async function createEntity(actor: Actor, input: CreateEntityInput): Promise<EntityDetail> {
  const id = await db.$transaction(async (tx) => {
    await assertLinkable(tx, actor, input.issueIds, input.documentIds);
    const id = await insertEntity(tx, actor, input);
    await tx.entityIssue.createMany({ data: [...new Set(input.issueIds)].map((issueId) => ({ entityId: id, issueId })) });
    await tx.entityDocument.createMany({ data: [...new Set(input.documentIds)].map((documentId) => ({ entityId: id, documentId })) });
    return id;
  });
  await screenTeamEntities(actor.teamId, [id]);
  return getEntity(actor, id);
}

/** Applies a change if the caller saw the current version; a change of what is screened screens it again. */
export async function updateEntity(actor: Actor, id: string, expectedVersion: number, input: UpdateEntityInput): Promise<EntityDetail> {
  const rescreen = await db.$transaction(async (tx) => {
    const current = await tx.entity.findFirst({ where: { id, teamId: actor.teamId } });
    if (!current) throw notFound("Entity");
    if (current.version !== expectedVersion) throw staleVersion(current.version);
    const name = input.name ?? current.name;
    const next = {
      ...input,
      ...(input.aliases || input.name ? { aliases: distinctAliases(name, input.aliases ?? current.aliases) } : {}),
      ...(input.identifiers ? { identifiers: distinctIdentifiers(input.identifiers) } : {}),
    };
    const diff = changedFields(recorded(current), recorded({ ...recorded(current), ...next }));
    if (diff.changed.length === 0) return false;
    const written = await tx.entity.updateMany({ where: { id, teamId: actor.teamId, version: expectedVersion }, data: { ...next, version: { increment: 1 } } });
    if (written.count !== 1) throw staleVersion(expectedVersion + 1);
    await recordEvent(tx, actor, { entityType: "entity", entityId: id, action: "updated", before: diff.before, after: { ...diff.after, version: expectedVersion + 1 } });
    return screenedFieldsChanged(diff.changed);
  });
  if (rescreen) await screenTeamEntities(actor.teamId, [id]);
  return getEntity(actor, id);
}

/** Deletes the entity with its links and hits; its history stays. */
export async function deleteEntity(actor: Actor, id: string, expectedVersion: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.entity.findFirst({ where: { id, teamId: actor.teamId }, select: { version: true, name: true } });
    if (!current) throw notFound("Entity");
    if (current.version !== expectedVersion) throw staleVersion(current.version);
    const written = await tx.entity.deleteMany({ where: { id, teamId: actor.teamId, version: expectedVersion } });
    if (written.count !== 1) throw staleVersion(current.version);
    await recordEvent(tx, actor, { entityType: "entity", entityId: id, action: "deleted", before: { name: current.name } });
  });
}

/**
 * Merges `fromId` into `id` (the same company entered twice): `from`'s name and aliases become aliases, its
 * identifiers, issues, documents and hits move over (of two hits on one entry, the decided one stays), and
 * `from` is deleted. Then the merged entity is screened under its new names.
 */
export async function mergeEntities(actor: Actor, id: string, expectedVersion: number, fromId: string): Promise<EntityDetail> {
  if (id === fromId) throw new AppError("validation_failed", "An entity cannot be merged into itself", { fields: { from: ["Choose another entity"] } });
  await db.$transaction(async (tx) => {
    const [into, from] = await Promise.all([tx.entity.findFirst({ where: { id, teamId: actor.teamId } }), tx.entity.findFirst({ where: { id: fromId, teamId: actor.teamId } })]);
    if (!into) throw notFound("Entity");
    if (!from) throw notFound("Entity to merge");
    if (into.version !== expectedVersion) throw staleVersion(into.version);
    const written = await tx.entity.updateMany({
      where: { id, version: expectedVersion },
      data: {
        aliases: mergedAliases(into, from),
        identifiers: distinctIdentifiers([...(into.identifiers as EntityIdentifier[]), ...(from.identifiers as EntityIdentifier[])]),
        country: into.country ?? from.country,
        notes: [into.notes, from.notes].filter(Boolean).join("\n\n"),
        version: { increment: 1 },
      },
    });
    if (written.count !== 1) throw staleVersion(expectedVersion + 1);
    await moveLinks(tx, fromId, id);
    await moveHits(tx, fromId, id);
    await tx.entity.delete({ where: { id: fromId } });
    await recordEvent(tx, actor, { entityType: "entity", entityId: id, action: "merged", after: { from: { id: fromId, ...recorded(from) }, version: expectedVersion + 1 } });
    await recordEvent(tx, actor, { entityType: "entity", entityId: fromId, action: "merged_into", after: { into: { id, name: into.name } } });
  });
  await screenTeamEntities(actor.teamId, [id]);
  return getEntity(actor, id);
}

async function moveLinks(tx: Tx, fromId: string, intoId: string) {
  const [issues, documents] = await Promise.all([tx.entityIssue.findMany({ where: { entityId: fromId } }), tx.entityDocument.findMany({ where: { entityId: fromId } })]);
  await tx.entityIssue.createMany({ data: issues.map(({ issueId }) => ({ entityId: intoId, issueId })), skipDuplicates: true });
  await tx.entityDocument.createMany({ data: documents.map(({ documentId }) => ({ entityId: intoId, documentId })), skipDuplicates: true });
}

/** `from`'s hits go to `into`; of two on the same entry, the one with the decision stays (the other is dropped). */
async function moveHits(tx: Tx, fromId: string, intoId: string) {
  const select = { id: true, entityId: true, listId: true, sourceId: true, decision: true, decidedAt: true } as const;
  const [fromHits, intoHits] = await Promise.all([tx.hit.findMany({ where: { entityId: fromId }, select }), tx.hit.findMany({ where: { entityId: intoId }, select })]);
  const intoByEntry = new Map(intoHits.map((hit) => [`${hit.listId} ${hit.sourceId}`, hit]));
  const dropped: string[] = [];
  for (const hit of fromHits) {
    const other = intoByEntry.get(`${hit.listId} ${hit.sourceId}`);
    if (other) dropped.push(hitToKeep(other, hit) === other ? hit.id : other.id);
  }
  await tx.hit.deleteMany({ where: { id: { in: dropped } } });
  await tx.hit.updateMany({ where: { entityId: fromId }, data: { entityId: intoId } });
}

/** The team's entities with one of these names as name or alias, by the name's key (the oldest entity where two share one). */
export async function entitiesNamed(tx: Tx, teamId: string, names: string[]): Promise<Map<string, { id: string; name: string }>> {
  const keys = names.map(nameKey);
  const rows = await tx.$queryRaw<{ id: string; name: string; aliases: string[] }[]>`
    SELECT "id", "name", "aliases" FROM "entity" WHERE "teamId" = ${teamId}
      AND (lower(regexp_replace(btrim("name"), '\\s+', ' ', 'g')) = ANY(${keys})
        OR EXISTS (SELECT 1 FROM unnest("aliases") AS a WHERE lower(regexp_replace(btrim(a), '\\s+', ' ', 'g')) = ANY(${keys})))
    ORDER BY "id"`;
  const byKey = new Map<string, { id: string; name: string }>();
  for (const row of rows) for (const name of [row.name, ...row.aliases]) if (!byKey.has(nameKey(name))) byKey.set(nameKey(name), { id: row.id, name: row.name });
  return byKey;
}

type Link = { issueId: string } | { documentId: string };

/** Links each name's entity (made when the team has none of that name), then screens the new ones. */
async function track(actor: Actor, names: { name: string; type: EntryType }[], link: Link): Promise<TrackedEntities> {
  const { created, linked } = await db.$transaction(async (tx) => {
    const existing = await entitiesNamed(tx, actor.teamId, names.map((n) => n.name));
    const created: string[] = [];
    const linked: string[] = [];
    for (const { name, type } of names) {
      const key = nameKey(name);
      const known = existing.get(key)?.id;
      if (known) {
        if (!linked.includes(known) && !created.includes(known)) linked.push(known);
        continue;
      }
      const id = await insertEntity(tx, actor, { type, name }, "issueId" in link ? { issueId: link.issueId } : { documentId: link.documentId });
      existing.set(key, { id, name });
      created.push(id);
    }
    const ids = [...created, ...linked];
    if ("issueId" in link) await tx.entityIssue.createMany({ data: ids.map((entityId) => ({ entityId, issueId: link.issueId })), skipDuplicates: true });
    else await tx.entityDocument.createMany({ data: ids.map((entityId) => ({ entityId, documentId: link.documentId })), skipDuplicates: true });
    return { created, linked };
  });
  if (created.length) await screenTeamEntities(actor.teamId, created);
  const rows = await db.entity.findMany({ where: { id: { in: [...created, ...linked] } }, select: entitySummarySelect });
  const byId = new Map(rows.map((row) => [row.id, toEntitySummary(row)]));
  return { created: created.map((id) => byId.get(id)!), linked: linked.map((id) => byId.get(id)!) };
}

/** Tracks an issue's actors (all, or those named) as entities linked to the issue. */
export async function trackIssueActors(actor: Actor, issueId: string, input: TrackActorsInput): Promise<TrackedEntities> {
  const issue = await db.issue.findFirst({ where: { id: issueId, teamId: actor.teamId, deletedAt: null }, select: { actors: true } });
  if (!issue) throw notFound("Issue");
  const actors = input.actors ?? issue.actors;
  if (actors.length === 0) throw new AppError("validation_failed", "The issue names no actors", { fields: { actors: ["Add actors to the issue, or name them here"] } });
  return track(actor, actors.map((name) => ({ name, type: input.type })), { issueId });
}

/** Tracks the people and organisations a document names: those given, or every one its analysis finds. */
export async function trackDocumentNames(actor: Actor, documentId: string, input: TrackDocumentNamesInput): Promise<TrackedEntities> {
  const document = await db.document.findFirst({ where: { id: documentId, teamId: actor.teamId }, select: { text: true, title: true } });
  if (!document) throw notFound("Document");
  let names = input.names;
  if (!names) {
    const { analysis } = await runOffThread("analyzeDocument", [{ text: document.text, title: document.title }, []], { timeoutMs: ANALYSIS_TIMEOUT_MS });
    names = [...analysis.people.map(({ name }) => ({ name, type: "person" as const })), ...analysis.organizations.map(({ name }) => ({ name, type: "organization" as const }))];
  }
  if (names.length === 0) throw new AppError("validation_failed", "The document names no people or organisations", { fields: { names: ["Name them here"] } });
  return track(actor, names, { documentId });
}

/** The entity's timeline: its own events, its hits' and its comments', and those of the entities merged into it, oldest first. */
export async function entityHistory(actor: Actor, id: string): Promise<HistoryEvent[]> {
  const entity = await db.entity.findFirst({ where: { id, teamId: actor.teamId }, select: { id: true } });
  if (!entity) throw notFound("Entity");
  const ids = [id];
  for (let at = 0; at < ids.length; at++) {
    const merges = await db.event.findMany({ where: { teamId: actor.teamId, entityType: "entity", entityId: ids[at]!, action: "merged" }, select: { after: true } });
    for (const { after } of merges) ids.push((after as { from: { id: string } }).from.id);
  }
  const events = await db.event.findMany({
    where: { teamId: actor.teamId, OR: ids.flatMap((entityId) => [
        { entityType: "entity", entityId },
        ...(["hit", "comment"] as const).map((entityType) => ({ entityType, after: { path: ["entityId"], equals: entityId } })),
      ]) },
    orderBy: [{ at: "asc" }, { id: "asc" }],
  });
  return events.map(toHistoryEvent);
}
