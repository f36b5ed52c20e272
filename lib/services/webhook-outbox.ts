import "server-only";
import type { Tx } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid";
import { env } from "@/lib/env";
import { runningQueue } from "@/lib/jobs/instance";
import { clip, describe, noticeOf, text, type NotifyingEvent } from "@/lib/notifications/recipients";
import { webhookEventOf } from "@/lib/webhooks/kinds";
import { webhookBody, type WebhookFormat, type WebhookPayload } from "@/lib/webhooks/payload";
import { remembered, subjectNames, teamKey, type OutboxReads } from "./outbox-reads";

// The webhooks' outbox (issue 15): a delivery row per interested webhook, written in the event's own transaction by
// recordEvent (lib/services/events.ts) beside the notifications, then sent by a job (webhook-delivery.ts), never by
// the request. Kept apart from the settings (webhooks.ts): those record events themselves, so one module holding
// both made an import circle with events.ts.

/** The queue a committed delivery is sent on (the job's name, here so that the hook need not import the job). */
export const DELIVER_WEBHOOKS = "webhooks.deliver";
/** An address in the app, absolute: receivers link back to it. */
export const appLink = (path: string) => `${env().appUrl}${path}`;

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
        link: appLink(described.link),
      };
      return { id, teamId: event.teamId, webhookId: webhook.id, eventId: event.id, type: what.kind, body: webhookBody(webhook.format as WebhookFormat, payload) };
    }),
    skipDuplicates: true,
  });
  kickDeliveries(event.teamId);
}
