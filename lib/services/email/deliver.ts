import "server-only";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { groupDigests } from "@/lib/notifications/digest";
import { digestEmail, notificationEmail, type EmailNotification } from "@/lib/notifications/email-content";
import { DEFAULT_EMAIL_DELIVERY, type DigestCadence } from "@/lib/notifications/email-preferences";
import type { NotificationKind } from "@/lib/notifications/recipients";
import type { Mailer } from "./mailer";
import { unsubscribeUrl } from "./unsubscribe";

// Email delivery, outbox style (issue 15; README.md here). A notification waits in its table until it is emailed
// (emailedAt), skipped (its kind is off for the person, or the person left the team), or retried after a failure
// (emailAttempts, emailError, emailRetryAt with backoff). The jobs (lib/jobs/handlers/send-email.ts) call these
// every minute; a request never waits for SMTP. At least once: a crash between the SMTP server's "250 OK" and the
// update sends that email again, with the same Message-ID.

/** Never-tried notifications older than this are not emailed any more (e.g. email switched on after months off). */
const STALE_DAYS = 14;
const BATCH = 200;
/** Digests read a person's whole period at once: a batch cut short drops its last person's groups (sent next run). */
const DIGEST_BATCH = 5000;

/** After the n-th failure: 1, 2, 4, … minutes, at most an hour. Retried for ever: a notification is never dropped. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

type Pending = { id: string; userId: string; teamId: string; kind: NotificationKind; title: string; summary: string; link: string; createdAt: Date; delivery: string; email: string; teamName: string; timeZone: string };

/** The defaults as two parallel arrays, for SQL: a kind without a person's choice takes its default. */
function defaultDeliveries() {
  const kinds = Object.keys(DEFAULT_EMAIL_DELIVERY);
  const defaults = Object.values(DEFAULT_EMAIL_DELIVERY);
  return { kinds, defaults };
}

/** Waiting notifications whose kind the person takes in one of `deliveries`, oldest first. */
async function pending(now: Date, deliveries: string[], limit = BATCH): Promise<Pending[]> {
  const { kinds, defaults } = defaultDeliveries();
  const stale = new Date(now.getTime() - STALE_DAYS * 86_400_000);
  return db.$queryRaw<Pending[]>`
    SELECT n."id", n."userId", n."teamId", n."kind", n."title", n."summary", n."link", n."createdAt", d."delivery", u."email", t."name" AS "teamName", t."timeZone"
    FROM "notification" n
    JOIN "user" u ON u."id" = n."userId"
    JOIN "team" t ON t."id" = n."teamId"
    LEFT JOIN "email_preference" p ON p."userId" = n."userId" AND p."kind" = n."kind"
    CROSS JOIN LATERAL (SELECT COALESCE(p."delivery", (SELECT x.d FROM unnest(${kinds}::text[], ${defaults}::text[]) AS x(k, d) WHERE x.k = n."kind"), 'off') AS "delivery") d
    WHERE n."emailedAt" IS NULL AND NOT n."emailSkipped"
      AND (n."emailRetryAt" IS NULL OR n."emailRetryAt" <= ${now})
      AND (n."createdAt" > ${stale} OR n."emailAttempts" > 0)
      AND d."delivery" = ANY(${deliveries}::text[])
    ORDER BY ${deliveries.includes("immediate") ? Prisma.sql`n."createdAt", n."id"` : Prisma.sql`n."userId", n."teamId", n."createdAt", n."id"`}
    LIMIT ${limit}`;
}

/** Marks as skipped what will never be emailed: kinds turned off, people no longer in the team, stale ones. */
async function skipUnwanted(now: Date): Promise<number> {
  const { kinds, defaults } = defaultDeliveries();
  const stale = new Date(now.getTime() - STALE_DAYS * 86_400_000);
  return db.$executeRaw`
    UPDATE "notification" n SET "emailSkipped" = true
    WHERE n."emailedAt" IS NULL AND NOT n."emailSkipped" AND (
      (n."createdAt" <= ${stale} AND n."emailAttempts" = 0)
      OR NOT EXISTS (SELECT 1 FROM "membership" m WHERE m."userId" = n."userId" AND m."teamId" = n."teamId")
      OR COALESCE(
        (SELECT p."delivery" FROM "email_preference" p WHERE p."userId" = n."userId" AND p."kind" = n."kind"),
        (SELECT x.d FROM unnest(${kinds}::text[], ${defaults}::text[]) AS x(k, d) WHERE x.k = n."kind"), 'off') = 'off'
    )`;
}

async function failed(ids: string[], error: unknown, now: Date) {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  // Each row's own attempts set its own delay (a digest's rows may have failed different numbers of times).
  const rows = await db.notification.findMany({ where: { id: { in: ids } }, select: { id: true, emailAttempts: true } });
  await db.$transaction(
    rows.map((row) =>
      db.notification.update({ where: { id: row.id }, data: { emailAttempts: row.emailAttempts + 1, emailError: message, emailRetryAt: new Date(now.getTime() + retryDelayMs(row.emailAttempts + 1)) } }),
    ),
  );
}

const sent = (ids: string[], now: Date) => db.notification.updateMany({ where: { id: { in: ids } }, data: { emailedAt: now, emailError: null, emailRetryAt: null } });

export type DeliveryResult = { sent: number; failed: number; skipped: number };

/**
 * Emails the notifications people take at once. Stops at the first failure (a down server would fail the rest
 * too): that one waits for its retry, the others for the next run.
 */
export async function sendImmediateEmails(mailer: Mailer, now = new Date()): Promise<DeliveryResult> {
  const skipped = await skipUnwanted(now);
  const result: DeliveryResult = { sent: 0, failed: 0, skipped };
  for (const n of await pending(now, ["immediate"])) {
    const content = notificationEmail(n, { appUrl: env().appUrl, teamName: n.teamName, unsubscribeUrl: await unsubscribeUrl(n.userId, [n.kind]) });
    try {
      await mailer.send({ to: n.email, ...content });
    } catch (error) {
      await failed([n.id], error, now);
      result.failed++;
      break;
    }
    await sent([n.id], now);
    result.sent++;
  }
  return result;
}

/** Sends one digest per person, team and ended day or week in the team's time zone (lib/notifications/digest.ts). */
export async function sendDigests(mailer: Mailer, now = new Date()): Promise<DeliveryResult> {
  const skipped = await skipUnwanted(now);
  const result: DeliveryResult = { sent: 0, failed: 0, skipped };
  let waiting = await pending(now, ["daily", "weekly"], DIGEST_BATCH);
  if (waiting.length === DIGEST_BATCH) {
    const last = waiting.at(-1)!;
    waiting = waiting.filter((n) => n.userId !== last.userId || n.teamId !== last.teamId);
  }
  const groups = groupDigests(
    waiting.map((n) => ({ ...n, cadence: n.delivery as DigestCadence })),
    now,
  );
  for (const group of groups) {
    const first = group.items[0]!;
    const items: EmailNotification[] = group.items;
    const content = digestEmail(
      { key: group.key, cadence: group.cadence, firstDay: group.firstDay, items },
      { appUrl: env().appUrl, teamName: first.teamName, unsubscribeUrl: await unsubscribeUrl(group.userId, group.items.map((i) => i.kind)) },
    );
    const ids = group.items.map((i) => i.id);
    try {
      await mailer.send({ to: first.email, ...content });
    } catch (error) {
      await failed(ids, error, now);
      result.failed++;
      break;
    }
    await sent(ids, now);
    result.sent++;
  }
  return result;
}
