import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { FetchError, refusedUrl, safePost, type FetchOptions } from "@/lib/fetch/fetch";
import { runningQueue } from "@/lib/jobs/instance";
import { describe, noticeOf, type NotifyingEvent } from "@/lib/notifications/recipients";
import type { CreateWebhookInput, UpdateWebhookInput, WebhookAttemptView, WebhookDeliveryView, WebhookView } from "@/lib/validation/webhooks";
import { TEST_TYPE, webhookEventOf, type WebhookKind } from "@/lib/webhooks/kinds";
import { webhookBody, type WebhookFormat, type WebhookPayload } from "@/lib/webhooks/payload";
import { DISABLE_AFTER_FAILURES, nextAttemptAt } from "@/lib/webhooks/schedule";
import { SIGNATURE_HEADER, signatureOf } from "@/lib/webhooks/signature";
import { recordEvent, recordSystemEvents } from "./events";
import { remembered, subjectNames, teamKey, type OutboxReads } from "./outbox-reads";

// Team webhooks (issue 15). A delivery row is written in the event's own transaction (webhooksIn, called by
// recordEvent beside the notification outbox), and sent by a job (lib/jobs/handlers/deliver-webhooks.ts), never
// by the request: a slow or down receiver delays its deliveries only. Each failure is retried on the schedule in
// lib/webhooks/schedule.ts; a minute's sweep sends whatever is due, so a crash between commit and send loses nothing.

/** The queue a committed delivery is sent on (the job's name, here so that the hook need not import the job). */
export const DELIVER_WEBHOOKS = "webhooks.deliver";
/** How long a claimed delivery is kept from other senders: longer than one attempt can take. */
const CLAIM_MS = 2 * 60_000;
const TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 500;

type WebhookRow = { id: string; url: string; kinds: string[]; format: string; enabled: boolean; consecutiveFailures: number; disabledAt: Date | null; disabledReason: string | null; createdAt: Date };

function toView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    kinds: row.kinds as WebhookKind[],
    format: row.format as WebhookFormat,
    enabled: row.enabled,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
  };
}

const newSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

async function checkUrl(url: string) {
  const refused = await refusedUrl(url);
  if (refused) throw new AppError("validation_failed", `The URL is refused: ${refused}`, { fields: { url: [refused] } });
}

export async function listWebhooks(actor: Actor): Promise<WebhookView[]> {
  const rows = await db.webhook.findMany({ where: { teamId: actor.teamId }, orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

async function ownWebhook(tx: Tx | typeof db, actor: Actor, id: string) {
  const row = await tx.webhook.findFirst({ where: { id, teamId: actor.teamId } });
  if (!row) throw notFound("Webhook");
  return row;
}

/** Makes a webhook; its secret is in this answer only. */
export async function createWebhook(actor: Actor, input: CreateWebhookInput): Promise<WebhookView> {
  await checkUrl(input.url);
  const secret = newSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhook.create({ data: { teamId: actor.teamId, url: input.url, kinds: input.kinds, format: input.format, secret } });
    await recordEvent(tx, actor, { entityType: "webhook", entityId: created.id, action: "webhook_created", after: { url: input.url, kinds: input.kinds, format: input.format } });
    return created;
  });
  return { ...toView(row), secret };
}

export async function updateWebhook(actor: Actor, id: string, input: UpdateWebhookInput): Promise<WebhookView> {
  if (input.url) await checkUrl(input.url);
  const row = await db.$transaction(async (tx) => {
    const before = await ownWebhook(tx, actor, id);
    const reenabled = input.enabled === true && !before.enabled;
    const updated = await tx.webhook.update({
      where: { id },
      data: {
        ...(input.url !== undefined ? { url: input.url } : {}),
        ...(input.kinds !== undefined ? { kinds: input.kinds } : {}),
        ...(input.format !== undefined ? { format: input.format } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(reenabled ? { consecutiveFailures: 0, disabledAt: null, disabledReason: null } : {}),
      },
    });
    await recordEvent(tx, actor, { entityType: "webhook", entityId: id, action: "webhook_updated", before: { url: before.url, kinds: before.kinds, format: before.format, enabled: before.enabled }, after: input });
    return updated;
  });
  return toView(row);
}

export async function deleteWebhook(actor: Actor, id: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const before = await ownWebhook(tx, actor, id);
    await tx.webhook.delete({ where: { id } });
    await recordEvent(tx, actor, { entityType: "webhook", entityId: id, action: "webhook_deleted", before: { url: before.url, kinds: before.kinds } });
  });
}

/** A new secret, in this answer only; the old one stops signing at once. */
export async function rotateWebhookSecret(actor: Actor, id: string): Promise<WebhookView> {
  const secret = newSecret();
  const row = await db.$transaction(async (tx) => {
    await ownWebhook(tx, actor, id);
    const updated = await tx.webhook.update({ where: { id }, data: { secret } });
    await recordEvent(tx, actor, { entityType: "webhook", entityId: id, action: "webhook_secret_rotated" });
    return updated;
  });
  return { ...toView(row), secret };
}

type DeliveryRow = {
  id: string;
  webhookId: string;
  type: string;
  status: string;
  attempts: number;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
  responseStatus: number | null;
  durationMs: number | null;
  responseExcerpt: string | null;
};

function toDeliveryView(row: DeliveryRow): WebhookDeliveryView {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    id: row.id,
    webhookId: row.webhookId,
    type: row.type,
    status: row.status as WebhookDeliveryView["status"],
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: iso(row.lastAttemptAt),
    nextAttemptAt: row.status === "pending" ? iso(row.nextAttemptAt) : null,
    deliveredAt: iso(row.deliveredAt),
    responseStatus: row.responseStatus,
    durationMs: row.durationMs,
    responseExcerpt: row.responseExcerpt,
  };
}

const deliveryColumns = { id: true, webhookId: true, type: true, status: true, attempts: true, createdAt: true, lastAttemptAt: true, nextAttemptAt: true, deliveredAt: true, responseStatus: true, durationMs: true, responseExcerpt: true } as const;

/** A webhook's delivery log, newest first (the last 50). */
export async function listDeliveries(actor: Actor, webhookId: string): Promise<WebhookDeliveryView[]> {
  await ownWebhook(db, actor, webhookId);
  const rows = await db.webhookDelivery.findMany({ where: { webhookId, teamId: actor.teamId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 50, select: deliveryColumns });
  return rows.map(toDeliveryView);
}

const link = (path: string) => `${env().appUrl}${path}`;

/** "Send test": a delivery of type `test`, sent by the job like any other. */
export async function sendTestDelivery(actor: Actor, webhookId: string): Promise<WebhookDeliveryView> {
  const row = await db.$transaction(async (tx) => {
    const webhook = await ownWebhook(tx, actor, webhookId);
    const team = await tx.team.findUniqueOrThrow({ where: { id: actor.teamId }, select: { name: true } });
    const id = uuidv7();
    const payload: WebhookPayload = {
      id,
      type: TEST_TYPE,
      occurredAt: new Date().toISOString(),
      team: { id: actor.teamId, name: team.name },
      subject: { type: "webhook", id: webhook.id, name: new URL(webhook.url).host },
      title: "Test delivery from Sanctions Watch",
      summary: `${actor.label} sent a test. A receiver that checks the signature answers 2xx.`,
      actor: actor.label,
      link: link("/team/webhooks"),
    };
    return tx.webhookDelivery.create({ data: { id, teamId: actor.teamId, webhookId, type: TEST_TYPE, body: webhookBody(webhook.format as WebhookFormat, payload) }, select: deliveryColumns });
  });
  kickDeliveries(actor.teamId);
  return toDeliveryView(row);
}

/** Sends a delivery again, soon, with the same id and body (receivers that saw it deduplicate). */
export async function redeliver(actor: Actor, deliveryId: string): Promise<WebhookDeliveryView> {
  const found = await db.webhookDelivery.findFirst({ where: { id: deliveryId, teamId: actor.teamId }, select: { id: true } });
  if (!found) throw notFound("Delivery");
  const row = await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "pending", nextAttemptAt: new Date() }, select: deliveryColumns });
  kickDeliveries(actor.teamId);
  return toDeliveryView(row);
}

/**
 * Asks the queue to send a team's due deliveries soon. Not awaited: on PGlite the queue's statement waits for the
 * caller's transaction to end; on PostgreSQL the second's delay lets it commit. When the kick is lost (no queue in
 * this process, a crash), the minute's sweep sends the delivery.
 */
export function kickDeliveries(teamId: string) {
  const boss = runningQueue();
  if (!boss) return;
  void boss.send(DELIVER_WEBHOOKS, { teamId }, { singletonKey: teamId, startAfter: 1 }).catch(() => undefined);
}

const text = (value: unknown) => (typeof value === "string" ? value : "");
const clip = (value: string, length = 280) => (value.length > length ? `${value.slice(0, length - 1)}…` : value);

/** The outbox hook: one delivery per enabled webhook of the team that wants this event's kind, in the event's transaction. */
export async function webhooksIn(tx: Tx, event: NotifyingEvent & { id: string }, reads?: OutboxReads) {
  const what = webhookEventOf(event);
  if (!what) return;
  const webhooks = await remembered(reads, `webhooks ${event.teamId} ${what.kind}`, () =>
    tx.webhook.findMany({ where: { teamId: event.teamId, enabled: true, kinds: { has: what.kind } }, select: { id: true, format: true } }),
  );
  if (webhooks.length === 0) return;
  const [names, team] = await Promise.all([
    subjectNames(tx, event.teamId, what.subject, reads),
    remembered(reads, teamKey(event.teamId), () => tx.team.findUniqueOrThrow({ where: { id: event.teamId }, select: { name: true } })),
  ]);
  if (!names) return;
  const notice = noticeOf(event);
  const described =
    notice && notice.kind !== "mention"
      ? describe(event, notice, names)
      : { title: `${event.actorLabel} commented on “${names.subject}”`, summary: clip(text((event.after as Record<string, unknown> | undefined)?.body)), link: `/${what.subject.type === "issue" ? "issues" : "entities"}/${what.subject.id}` };
  const occurredAt = new Date().toISOString();
  await tx.webhookDelivery.createMany({
    data: webhooks.map((webhook) => {
      const id = uuidv7();
      const payload: WebhookPayload = {
        id,
        type: what.kind,
        occurredAt,
        team: { id: event.teamId, name: team.name },
        subject: { ...what.subject, name: names.subject },
        title: described.title,
        summary: described.summary,
        actor: event.actorLabel,
        link: link(described.link),
      };
      return { id, teamId: event.teamId, webhookId: webhook.id, eventId: event.id, type: what.kind, body: webhookBody(webhook.format as WebhookFormat, payload) };
    }),
    skipDuplicates: true,
  });
  kickDeliveries(event.teamId);
}

export type DeliverOptions = {
  /** The clock: tests drive the retry schedule with it instead of waiting. */
  now?: Date;
  teamId?: string;
  limit?: number;
  /** The fetch guard's settings (tests); the server's otherwise. */
  policy?: FetchOptions["policy"];
};

/** Sends the deliveries that are due (the job and the sweep); how many were delivered and how many failed. */
export async function deliverDue(options: DeliverOptions = {}): Promise<{ delivered: number; failed: number }> {
  const now = options.now ?? new Date();
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(options.teamId ? { teamId: options.teamId } : {}), OR: [{ webhook: { enabled: true } }, { type: TEST_TYPE }] },
    orderBy: { nextAttemptAt: "asc" },
    take: options.limit ?? 100,
    select: { id: true, nextAttemptAt: true },
  });
  const tally = { delivered: 0, failed: 0 };
  // A few at a time: one slow receiver does not hold up the others.
  const queue = [...due];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      // Claimed first, so that another sender (another instance's sweep) does not send it too.
      const { count } = await db.webhookDelivery.updateMany({ where: { id: next.id, status: "pending", nextAttemptAt: next.nextAttemptAt }, data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) } });
      if (count === 0) continue;
      if (await attempt(next.id, now, options.policy)) tally.delivered++;
      else tally.failed++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tally;
}

/** One attempt of one delivery, and what it tells: delivered, retried later, given up; the webhook disabled after 20 failures. */
async function attempt(deliveryId: string, now: Date, policy?: FetchOptions["policy"]): Promise<boolean> {
  const delivery = await db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId }, include: { webhook: { select: { id: true, url: true, secret: true, teamId: true } } } });
  const { webhook } = delivery;
  const started = performance.now();
  let responseStatus: number | null = null;
  let excerpt: string;
  try {
    const posted = await safePost(webhook.url, {
      body: delivery.body,
      headers: {
        "content-type": "application/json",
        "accept-encoding": "identity",
        "x-sw-delivery": delivery.id,
        "x-sw-event": delivery.type,
        [SIGNATURE_HEADER.toLowerCase()]: signatureOf(webhook.secret, delivery.body, Math.floor(now.getTime() / 1000)),
      },
      timeoutMs: TIMEOUT_MS,
      keepBytes: EXCERPT_CHARS * 4,
      policy,
    });
    responseStatus = posted.status;
    excerpt = posted.excerpt;
  } catch (error) {
    excerpt = error instanceof FetchError ? error.message : "The delivery failed";
  }
  const ok = responseStatus !== null && responseStatus >= 200 && responseStatus < 300;
  const durationMs = Math.round(performance.now() - started);
  const attempts = delivery.attempts + 1;
  const next = ok ? null : nextAttemptAt(attempts, delivery.createdAt, now);
  const record: AttemptRecord = {
    deliveryId: delivery.id,
    attempt: attempts,
    at: now,
    responseStatus,
    durationMs,
    excerpt: clip(excerpt, EXCERPT_CHARS),
    outcome: ok ? "delivered" : "failed",
    status: ok ? "delivered" : next ? "pending" : "failed",
    nextAttemptAt: next,
  };
  // Delivered: one statement, which also ends the webhook's run of failures (if any).
  if (ok) {
    await recordAttempt(db, record, { endFailures: webhook.id });
    return true;
  }
  await db.$transaction(async (tx) => {
    await recordAttempt(tx, record);
    const counted = await tx.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: { increment: 1 } }, select: { consecutiveFailures: true, enabled: true } });
    if (counted.enabled && counted.consecutiveFailures >= DISABLE_AFTER_FAILURES) {
      const reason = `${counted.consecutiveFailures} deliveries in a row failed; the last: ${responseStatus ? `HTTP ${responseStatus}` : excerpt}`;
      await tx.webhook.update({ where: { id: webhook.id }, data: { enabled: false, disabledAt: now, disabledReason: clip(reason, EXCERPT_CHARS) } });
      await recordSystemEvents(tx, "Webhook delivery", [
        { teamId: webhook.teamId, entityType: "webhook", entityId: webhook.id, action: "webhook_disabled", after: { failures: counted.consecutiveFailures, lastError: responseStatus ? `HTTP ${responseStatus}` : clip(excerpt, 200) } },
      ]);
    }
  });
  return false;
}

type AttemptRecord = {
  deliveryId: string;
  attempt: number;
  at: Date;
  responseStatus: number | null;
  durationMs: number;
  excerpt: string;
  outcome: WebhookAttemptView["outcome"];
  /** The delivery's status after this attempt: delivered, pending (tried again at `nextAttemptAt`) or failed (given up). */
  status: WebhookDeliveryView["status"];
  nextAttemptAt: Date | null;
};

/**
 * Writes an attempt's outcome to the delivery's latest-attempt columns (what the log lists) and to its attempt log,
 * in one statement: the two never disagree, and the benchmarked delivery path makes no more statements than the
 * update alone did. The attempt row takes its values from the updated delivery. `endFailures` (a delivered attempt)
 * sets that webhook's count of failures in a row back to 0, in the same statement, when it is not 0 already.
 */
async function recordAttempt(tx: Tx | typeof db, a: AttemptRecord, { endFailures }: { endFailures?: string } = {}) {
  const reset = endFailures
    ? Prisma.sql`, "reset" AS (UPDATE "webhook" SET "consecutiveFailures" = 0, "updatedAt" = ${a.at} WHERE "id" = ${endFailures} AND "consecutiveFailures" > 0)`
    : Prisma.empty;
  await tx.$executeRaw`
    WITH updated AS (
      UPDATE "webhook_delivery"
      SET "attempts" = ${a.attempt}, "lastAttemptAt" = ${a.at}, "responseStatus" = ${a.responseStatus}, "durationMs" = ${a.durationMs},
          "responseExcerpt" = ${a.excerpt}, "status" = ${a.status}, "nextAttemptAt" = ${a.nextAttemptAt},
          "deliveredAt" = COALESCE(${a.outcome === "delivered" ? a.at : null}, "deliveredAt")
      WHERE "id" = ${a.deliveryId}
      RETURNING "id", "teamId", "attempts", "lastAttemptAt", "responseStatus", "durationMs", "responseExcerpt"
    )${reset}
    INSERT INTO "webhook_attempt" ("id", "deliveryId", "teamId", "attempt", "attemptedAt", "responseStatus", "durationMs", "responseExcerpt", "outcome")
    SELECT ${uuidv7(a.at)}, "id", "teamId", "attempts", "lastAttemptAt", "responseStatus", "durationMs", "responseExcerpt", ${a.outcome} FROM updated`;
}

/** A delivery's attempts, newest first (the last 100): what an admin debugging a failing receiver reads. */
export async function listDeliveryAttempts(actor: Actor, deliveryId: string): Promise<WebhookAttemptView[]> {
  const delivery = await db.webhookDelivery.findFirst({
    where: { id: deliveryId, teamId: actor.teamId },
    select: {
      attemptLog: {
        where: { teamId: actor.teamId },
        orderBy: { attempt: "desc" },
        take: 100,
        select: { attempt: true, attemptedAt: true, responseStatus: true, durationMs: true, responseExcerpt: true, outcome: true },
      },
    },
  });
  if (!delivery) throw notFound("Delivery");
  return delivery.attemptLog.map((row) => ({ ...row, attemptedAt: row.attemptedAt.toISOString(), outcome: row.outcome as WebhookAttemptView["outcome"] }));
}
