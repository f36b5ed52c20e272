import "server-only";
import { FEATURE_CHARS, readModel, type LearnedModel } from "@/lib/analysis/learned";
import { db } from "@/lib/db/client";
import { runningQueue } from "@/lib/jobs/instance";
import { runOffThread } from "@/lib/workers/pool";

// Each team's model of its own triage (issue 16 item 1; lib/analysis/learned.ts): trained from the documents it
// linked as evidence and the inbox items it accepted (related) or dismissed (not), stored one row per team, and
// handed to every analysis of the team's documents and inbox items.

/** The queue that trains a team's model (the job's name, here so that the triage services need not import the job). */
export const TRAIN_RELEVANCE = "relevance.train";
/** The newest examples of each class a training reads: enough to learn a team's taste, bounded however long it triages. */
export const EXAMPLES_PER_CLASS = 2_000;
/** Training 4,000 examples (their leads' names recognised) takes a minute or two at most; past this the job fails and is retried. */
const TRAINING_TIMEOUT_MS = 300_000;
/** Decisions come in bursts: one training a little after the first, covering the whole burst. */
const TRAIN_AFTER_SECONDS = 30;

type Example = { text: string; related: boolean };

/**
 * The team's examples, newest first within each class. Related: the documents linked to its (undeleted) issues, by
 * their newest link, and the items it accepted that are not among them (an accepted item is usually linked too);
 * not related: the items it dismissed. Text is the title and the lead, as the features read it.
 */
export async function trainingExamples(teamId: string): Promise<Example[]> {
  const [related, dismissed] = await Promise.all([
    db.$queryRaw<{ text: string }[]>`
      WITH linked AS (
        SELECT e."documentId" AS id, max(e."createdAt") AS at
        FROM "evidence" e JOIN "issue" i ON i."id" = e."issueId"
        WHERE e."teamId" = ${teamId} AND i."deletedAt" IS NULL
        GROUP BY e."documentId" ORDER BY at DESC LIMIT ${EXAMPLES_PER_CLASS}
      ), examples AS (
        SELECT d."title" || E'\\n\\n' || left(d."text", ${FEATURE_CHARS}) AS text, l.at FROM linked l JOIN "document" d ON d."id" = l.id
        UNION ALL
        (SELECT a."title" || E'\\n\\n' || left(a."text", ${FEATURE_CHARS}), a."decidedAt" FROM "inbox_item" a
         WHERE a."teamId" = ${teamId} AND a."state" = 'accepted' AND (a."documentId" IS NULL OR a."documentId" NOT IN (SELECT id FROM linked))
         ORDER BY a."decidedAt" DESC NULLS LAST LIMIT ${EXAMPLES_PER_CLASS})
      )
      SELECT text FROM examples ORDER BY at DESC NULLS LAST LIMIT ${EXAMPLES_PER_CLASS}`,
    db.$queryRaw<{ text: string }[]>`
      SELECT "title" || E'\\n\\n' || left("text", ${FEATURE_CHARS}) AS text FROM "inbox_item"
      WHERE "teamId" = ${teamId} AND "state" = 'dismissed'
      ORDER BY "decidedAt" DESC NULLS LAST LIMIT ${EXAMPLES_PER_CLASS}`,
  ]);
  return [...related.map(({ text }) => ({ text, related: true })), ...dismissed.map(({ text }) => ({ text, related: false }))];
}

export type TrainingOutcome = { status: "trained"; positives: number; negatives: number; features: number } | { status: "no examples"; positives: number; negatives: number };

/** Trains the team's model from its decisions and stores it; a team without examples of both kinds has none. */
export async function trainRelevanceModel(teamId: string): Promise<TrainingOutcome> {
  const examples = await trainingExamples(teamId);
  const positives = examples.filter((e) => e.related).length;
  const negatives = examples.length - positives;
  if (positives === 0 || negatives === 0) {
    await db.relevanceModel.deleteMany({ where: { teamId } });
    return { status: "no examples", positives, negatives };
  }
  const model = await runOffThread("trainRelevanceModel", [examples], { timeoutMs: TRAINING_TIMEOUT_MS });
  const row = { model: model as object, positives, negatives, trainedAt: new Date() };
  // The team may have been deleted while it trained: nothing to store then.
  const team = await db.team.findUnique({ where: { id: teamId }, select: { id: true } });
  if (team) await db.relevanceModel.upsert({ where: { teamId }, create: { teamId, ...row }, update: row });
  return { status: "trained", positives, negatives, features: model.weights.length };
}

/** The teams the daily training covers: those that dismissed anything (without a dismissal there is nothing to learn). */
export async function teamsWithDecisions(): Promise<string[]> {
  // One index probe per team (inbox_item's teamId + state index), not a scan of every team's dismissed items.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT t."id" FROM "team" t WHERE EXISTS (SELECT 1 FROM "inbox_item" a WHERE a."teamId" = t."id" AND a."state" = 'dismissed')`;
  return rows.map((row) => row.id);
}

/**
 * Asks the queue to retrain the team's model soon, after a decision or a link. Not awaited, as kickDeliveries
 * (lib/services/webhook-outbox.ts): on PGlite the queue's statement waits for the caller's transaction. One waiting
 * training per team (stately, keyed by the team) covers a burst of decisions; a lost kick waits for the daily run.
 */
export function kickRelevanceTraining(teamId: string): void {
  const boss = runningQueue();
  if (!boss) return;
  void boss.send(TRAIN_RELEVANCE, { teamId }, { singletonKey: teamId, startAfter: TRAIN_AFTER_SECONDS }).catch(() => undefined);
}

// The models read, by team, with the time they were trained: a request or a poll reads only that time when the
// model is the one it holds already (the model's JSON is up to a few hundred kB).
const MODELS = new Map<string, { trainedAt: number; model: LearnedModel | null }>();
const MODELS_KEPT = 200;

/** The team's learned model, or null when it has none yet. */
export async function relevanceModelFor(teamId: string): Promise<LearnedModel | null> {
  const current = await db.relevanceModel.findUnique({ where: { teamId }, select: { trainedAt: true } });
  if (!current) {
    MODELS.delete(teamId);
    return null;
  }
  const held = MODELS.get(teamId);
  if (held && held.trainedAt === current.trainedAt.getTime()) return held.model;
  const row = await db.relevanceModel.findUnique({ where: { teamId }, select: { model: true, trainedAt: true } });
  if (!row) return null;
  const model = readModel(row.model);
  if (MODELS.size >= MODELS_KEPT) MODELS.delete(MODELS.keys().next().value!);
  MODELS.set(teamId, { trainedAt: row.trainedAt.getTime(), model });
  return model;
}
