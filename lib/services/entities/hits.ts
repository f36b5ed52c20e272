import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { db, type Tx } from "@/lib/db/client";
import { decisionHolds, entityQueries, type EntityIdentifier } from "@/lib/domain/entities";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordEvent, recordSystemEvents, type EventInput } from "@/lib/services/events";
import { screenEntities, type StoredMatch } from "@/lib/services/sanctions/screening";
import type { DecideHitInput, HitView } from "@/lib/validation/entities";
import { hitSelect, toHit } from "./views";

// Hits: tracked entities screened against every list's latest release, stored by the list's own id so that an
// analyst's decision carries over to later releases (unless the entry changed: lib/domain/entities.ts).

/** How the history names the screening when no member caused it. */
export const SCREENING_LABEL = "Screening";
const BATCH = 500;

const screenedSelect = { id: true, teamId: true, type: true, name: true, aliases: true, country: true, identifiers: true } satisfies Prisma.EntitySelect;
type ScreenedEntity = Prisma.EntityGetPayload<{ select: typeof screenedSelect }>;

export type ScreeningCounts = { newHits: number; reopened: number; gone: number };

/** The hits' summary the history keeps. */
const hitRecord = (entityId: string, match: StoredMatch) => ({
  entityId,
  list: match.list,
  sourceId: match.sourceId,
  name: match.name,
  matchedName: match.matchedName,
  score: match.score,
  level: match.level,
  programs: match.programs,
});

/**
 * Screens the entities and brings their hits up to date in one transaction: new matches become hits (in review),
 * matches already known point at the latest entry (their decision kept unless the entry changed), and hits no
 * longer found on a screened list are dropped while undecided, or marked gone when decided (kept for history).
 * Counts per team.
 */
async function screenAndStore(entities: ScreenedEntity[]): Promise<Map<string, ScreeningCounts>> {
  const counts = new Map<string, ScreeningCounts>();
  if (entities.length === 0) return counts;
  const { listIds, results } = await screenEntities(entities.map((e) => entityQueries({ ...e, identifiers: e.identifiers as EntityIdentifier[] })));
  await db.$transaction(
    async (tx) => {
      const existing = await tx.hit.findMany({
        where: { entityId: { in: entities.map((e) => e.id) } },
        select: { id: true, entityId: true, listId: true, sourceId: true, entryId: true, score: true, level: true, decision: true, decidedContentHash: true, goneAt: true },
      });
      const entityAt = new Map(entities.map((e, at) => [e.id, at]));
      const known = new Map(existing.map((hit) => [`${hit.entityId} ${hit.listId} ${hit.sourceId}`, hit]));
      const now = new Date();
      const created: Prisma.HitCreateManyInput[] = [];
      const updated: object[] = [];
      const events: (EventInput & { teamId: string })[] = [];
      const found = new Set<string>();
      entities.forEach((entity, at) => {
        const tally = counts.get(entity.teamId) ?? { newHits: 0, reopened: 0, gone: 0 };
        counts.set(entity.teamId, tally);
        for (const match of results[at]!) {
          const key = `${entity.id} ${match.listId} ${match.sourceId}`;
          found.add(key);
          const hit = known.get(key);
          const fields = { entryId: match.entryId, score: match.score, level: match.level, matchedName: match.matchedName, explanation: match.explanation };
          if (!hit) {
            created.push({ teamId: entity.teamId, entityId: entity.id, listId: match.listId, sourceId: match.sourceId, firstReleaseId: match.releaseId, ...fields });
            tally.newHits++;
            continue;
          }
          const reopen = hit.decision !== null && !decisionHolds(hit, match.contentHash);
          if (!reopen && hit.entryId === match.entryId && hit.score === match.score && hit.level === match.level && hit.goneAt === null) continue;
          updated.push({ id: hit.id, ...fields, reopen });
          if (reopen) {
            tally.reopened++;
            events.push({ teamId: entity.teamId, entityType: "hit", entityId: hit.id, action: "hit_reopened", before: { decision: hit.decision }, after: { ...hitRecord(entity.id, match), reason: "The entry changed on the list" } });
          }
        }
      });
      const screenedLists = new Set(listIds);
      const lost = existing.filter((hit) => screenedLists.has(hit.listId) && !found.has(`${hit.entityId} ${hit.listId} ${hit.sourceId}`));
      await tx.hit.deleteMany({ where: { id: { in: lost.filter((hit) => hit.decision === null).map((hit) => hit.id) } } });
      const goneNow = lost.filter((hit) => hit.decision !== null && hit.goneAt === null);
      await tx.hit.updateMany({ where: { id: { in: goneNow.map((hit) => hit.id) } }, data: { goneAt: now } });
      for (const hit of goneNow) {
        const teamId = entities[entityAt.get(hit.entityId)!]!.teamId;
        counts.get(teamId)!.gone++;
        events.push({ teamId, entityType: "hit", entityId: hit.id, action: "hit_gone", after: { entityId: hit.entityId, sourceId: hit.sourceId, decision: hit.decision } });
      }
      if (created.length) {
        const rows = await tx.hit.createManyAndReturn({ data: created, select: { id: true, entityId: true, teamId: true, listId: true, sourceId: true } });
        for (const row of rows) {
          const match = results[entityAt.get(row.entityId)!]!.find((m) => m.listId === row.listId && m.sourceId === row.sourceId)!;
          events.push({ teamId: row.teamId, entityType: "hit", entityId: row.id, action: "hit_found", after: hitRecord(row.entityId, match) });
        }
      }
      await updateHits(tx, updated);
      await recordSystemEvents(tx, SCREENING_LABEL, events);
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  return counts;
}

/**
 * Known hits moved to the latest entry, in one statement (a release gives every entry a new id, so after an
 * import most hits change). A reopened hit loses its decision: it waits for review again.
 */
async function updateHits(tx: Tx, rows: object[]) {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    UPDATE "hit" h SET "entryId" = x."entryId", "score" = x."score", "level" = x."level"::"HitLevel", "matchedName" = x."matchedName",
      "explanation" = x."explanation", "goneAt" = NULL, "updatedAt" = now(),
      "decision" = CASE WHEN x."reopen" THEN NULL ELSE h."decision" END,
      "decidedById" = CASE WHEN x."reopen" THEN NULL ELSE h."decidedById" END,
      "decidedBy" = CASE WHEN x."reopen" THEN NULL ELSE h."decidedBy" END,
      "decidedAt" = CASE WHEN x."reopen" THEN NULL ELSE h."decidedAt" END,
      "decidedContentHash" = CASE WHEN x."reopen" THEN NULL ELSE h."decidedContentHash" END
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
      AS x("id" text, "entryId" text, "score" double precision, "level" text, "matchedName" text, "explanation" jsonb, "reopen" boolean)
    WHERE h."id" = x."id"`;
}

/** Screens some of a team's entities now (after a create, an edit or a merge). */
export async function screenTeamEntities(teamId: string, entityIds: string[]): Promise<ScreeningCounts> {
  const entities = await db.entity.findMany({ where: { teamId, id: { in: entityIds } }, select: screenedSelect });
  return (await screenAndStore(entities)).get(teamId) ?? { newHits: 0, reopened: 0, gone: 0 };
}

/**
 * Screens every team's entities against every list's latest release, in batches, as a background job does after a
 * release is imported. New hits go into review, decisions hold unless the entry changed. Counts per team id.
 */
export async function rescreenAllTeams(): Promise<Map<string, ScreeningCounts>> {
  const totals = new Map<string, ScreeningCounts>();
  let after: string | undefined;
  for (;;) {
    const batch = await db.entity.findMany({ select: screenedSelect, orderBy: { id: "asc" }, take: BATCH, ...(after ? { cursor: { id: after }, skip: 1 } : {}) });
    if (batch.length === 0) break;
    for (const [teamId, counts] of await screenAndStore(batch)) {
      const total = totals.get(teamId) ?? { newHits: 0, reopened: 0, gone: 0 };
      totals.set(teamId, { newHits: total.newHits + counts.newHits, reopened: total.reopened + counts.reopened, gone: total.gone + counts.gone });
    }
    after = batch.at(-1)!.id;
  }
  return totals;
}

/** An analyst confirms a hit or marks it a false positive (or takes the decision back), with a note. */
export async function decideHit(actor: Actor, id: string, input: DecideHitInput): Promise<HitView> {
  await db.$transaction(async (tx) => {
    const hit = await tx.hit.findFirst({ where: { id, teamId: actor.teamId }, select: { decision: true, decisionNote: true, entityId: true, sourceId: true, matchedName: true, entry: { select: { contentHash: true, name: true } } } });
    if (!hit) throw notFound("Hit");
    await tx.hit.update({
      where: { id },
      data: {
        decision: input.decision,
        decisionNote: input.note,
        decidedById: input.decision ? actor.userId : null,
        decidedBy: input.decision ? actor.label : null,
        decidedAt: input.decision ? new Date() : null,
        decidedContentHash: input.decision ? hit.entry.contentHash : null,
      },
    });
    await recordEvent(tx, actor, {
      entityType: "hit",
      entityId: id,
      action: "hit_decided",
      before: { decision: hit.decision, note: hit.decisionNote },
      after: { entityId: hit.entityId, sourceId: hit.sourceId, name: hit.entry.name, decision: input.decision, note: input.note },
    });
  });
  const row = await db.hit.findUniqueOrThrow({ where: { id }, select: hitSelect });
  return toHit(row);
}

export type IssueDesignation = {
  entityId: string;
  entityName: string;
  list: string;
  listName: string;
  sourceId: string;
  name: string;
  programs: string[];
  /**
   * Since when the entry is listed: the date the list states, or else the publication of the release that added it.
   * Null when neither is known (the entry was already on the first release imported).
   */
  since: string | null;
  confirmedAt: string;
};

/** An issue's designated actors: its entities' confirmed hits still on their lists. */
export async function designatedActors(teamId: string, issueId: string): Promise<IssueDesignation[]> {
  return (await designationsByIssue(teamId, [issueId])).get(issueId) ?? [];
}

/** The designated actors of several issues at once (for briefings), by issue id; issues with none are absent. */
export async function designationsByIssue(teamId: string, issueIds: string[]): Promise<Map<string, IssueDesignation[]>> {
  const byIssue = new Map<string, IssueDesignation[]>();
  if (issueIds.length === 0) return byIssue;
  const hits = await db.hit.findMany({
    where: { teamId, decision: "confirmed", goneAt: null, entity: { issues: { some: { issueId: { in: issueIds } } } } },
    orderBy: [{ entity: { name: "asc" } }, { score: "desc" }],
    select: {
      entityId: true,
      sourceId: true,
      decidedAt: true,
      firstReleaseId: true,
      entity: { select: { name: true, issues: { where: { issueId: { in: issueIds } }, select: { issueId: true } } } },
      list: { select: { slug: true, name: true } },
      entry: { select: { name: true, programs: true, data: true } },
      firstRelease: { select: { publishedAt: true } },
    },
  });
  if (hits.length === 0) return byIssue;
  // Entries the release a hit was first found in had added: designated on that release's date.
  const additions = await db.sanctionsChange.findMany({
    where: { kind: "added", OR: hits.map((hit) => ({ releaseId: hit.firstReleaseId, sourceId: hit.sourceId })) },
    select: { releaseId: true, sourceId: true },
  });
  const added = new Set(additions.map((change) => `${change.releaseId} ${change.sourceId}`));
  for (const hit of hits) {
    const listedOn = (hit.entry.data as { listedOn?: string | null }).listedOn ?? null;
    const addedOn = added.has(`${hit.firstReleaseId} ${hit.sourceId}`) ? hit.firstRelease.publishedAt.toISOString() : null;
    const designation: IssueDesignation = {
      entityId: hit.entityId,
      entityName: hit.entity.name,
      list: hit.list.slug,
      listName: hit.list.name,
      sourceId: hit.sourceId,
      name: hit.entry.name,
      programs: hit.entry.programs,
      since: listedOn ?? addedOn,
      confirmedAt: hit.decidedAt!.toISOString(),
    };
    for (const { issueId } of hit.entity.issues) byIssue.set(issueId, [...(byIssue.get(issueId) ?? []), designation]);
  }
  return byIssue;
}

/**
 * How many of an issue's actors have hits found since a date (for the banner "2 actors designated since your last
 * review"): entities with a hit first found after `since` that is not dismissed as a false positive.
 */
export async function actorsDesignatedSince(teamId: string, issueId: string, since: Date): Promise<number> {
  // From the issue's few links, not from all the team's entities (a count over 10,000 entities took 0.1 s).
  return db.entityIssue.count({
    where: { issueId, entity: { teamId, hits: { some: { createdAt: { gt: since }, goneAt: null, OR: [{ decision: null }, { decision: "confirmed" }] } } } },
  });
}
