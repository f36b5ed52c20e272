import "server-only";
import { db, type Tx } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid";
import { FetchError, safePost, type FetchOptions } from "@/lib/fetch/fetch";
import { Prisma } from "@/lib/generated/prisma/client";
import { clip } from "@/lib/notifications/recipients";
import type { WebhookAttemptView, WebhookDeliveryView } from "@/lib/validation/webhooks";
import { TEST_TYPE } from "@/lib/webhooks/kinds";
import { DISABLE_AFTER_FAILURES, nextAttemptAt } from "@/lib/webhooks/schedule";
import { SIGNATURE_HEADER, signatureOf } from "@/lib/webhooks/signature";
import { recordSystemEvents } from "./events";

// Sending the webhooks' deliveries (issue 15), by the job (lib/jobs/handlers/deliver-webhooks.ts) and the minute's
// sweep: each attempt recorded, each failure retried on the schedule in lib/webhooks/schedule.ts, so a crash between
// commit and send loses nothing; a webhook failing 20 times in a row is turned off.

/** How long a claimed delivery is kept from other senders: longer than one attempt can take. */
const CLAIM_MS = 2 * 60_000;
const TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 500;

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
  const limit = options.limit ?? 100;
  const tally = { delivered: 0, failed: 0 };
  let taken = 0;
  // A few at a time: one slow receiver does not hold up the others.
  const sender = async () => {
    while (taken < limit) {
      taken++;
      const delivery = await claimNext(now, options.teamId);
      if (!delivery) return;
      if (await attempt(delivery, now, options.policy)) tally.delivered++;
      else tally.failed++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, sender));
  return tally;
}

/** A claimed delivery with what sending it needs of its webhook. */
type Claimed = { id: string; type: string; body: string; attempts: number; createdAt: Date; webhookId: string; url: string; secret: string; teamId: string };

/**
 * Takes the next due delivery (oldest due first) and its webhook, in one statement: its next attempt moved past the
 * claim, so no other sender (another instance's sweep) takes it meanwhile, and SKIP LOCKED, so two senders at the
 * same moment take different ones. A delivery of a disabled webhook waits (a test delivery is sent all the same).
 */
async function claimNext(now: Date, teamId?: string): Promise<Claimed | null> {
  const [claimed] = await db.$queryRaw<Claimed[]>`
    WITH next AS (
      SELECT d."id" FROM "webhook_delivery" d JOIN "webhook" w ON w."id" = d."webhookId"
      WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ${now} ${teamId ? Prisma.sql`AND d."teamId" = ${teamId}` : Prisma.empty}
        AND (w."enabled" OR d."type" = ${TEST_TYPE})
      ORDER BY d."nextAttemptAt"
      LIMIT 1
      FOR UPDATE OF d SKIP LOCKED
    )
    UPDATE "webhook_delivery" d SET "nextAttemptAt" = ${new Date(now.getTime() + CLAIM_MS)}
    FROM next, "webhook" w
    WHERE d."id" = next."id" AND w."id" = d."webhookId"
    RETURNING d."id", d."type", d."body", d."attempts", d."createdAt", w."id" AS "webhookId", w."url", w."secret", w."teamId"`;
  return claimed ?? null;
}

/** One attempt of one delivery, and what it tells: delivered, retried later, given up; the webhook disabled after 20 failures. */
async function attempt(delivery: Claimed, now: Date, policy?: FetchOptions["policy"]): Promise<boolean> {
  const started = performance.now();
  let responseStatus: number | null = null;
  let excerpt: string;
  try {
    const posted = await safePost(delivery.url, {
      body: delivery.body,
      headers: {
        "content-type": "application/json",
        "accept-encoding": "identity",
        "x-sw-delivery": delivery.id,
        "x-sw-event": delivery.type,
        [SIGNATURE_HEADER.toLowerCase()]: signatureOf(delivery.secret, delivery.body, Math.floor(now.getTime() / 1000)),
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
    await recordAttempt(db, record, { endFailures: delivery.webhookId });
    return true;
  }
  await db.$transaction(async (tx) => {
    await recordAttempt(tx, record);
    const counted = await tx.webhook.update({ where: { id: delivery.webhookId }, data: { consecutiveFailures: { increment: 1 } }, select: { consecutiveFailures: true, enabled: true } });
    if (counted.enabled && counted.consecutiveFailures >= DISABLE_AFTER_FAILURES) {
      const reason = `${counted.consecutiveFailures} deliveries in a row failed; the last: ${responseStatus ? `HTTP ${responseStatus}` : excerpt}`;
      await tx.webhook.update({ where: { id: delivery.webhookId }, data: { enabled: false, disabledAt: now, disabledReason: clip(reason, EXCERPT_CHARS) } });
      await recordSystemEvents(tx, "Webhook delivery", [
        { teamId: delivery.teamId, entityType: "webhook", entityId: delivery.webhookId, action: "webhook_disabled", after: { failures: counted.consecutiveFailures, lastError: responseStatus ? `HTTP ${responseStatus}` : clip(excerpt, 200) } },
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
