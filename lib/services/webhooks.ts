import "server-only";
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db/client";
import { uuidv7 } from "@/lib/db/uuid";
import { AppError, notFound } from "@/lib/errors";
import { refusedUrl } from "@/lib/fetch/fetch";
import type { CreateWebhookInput, UpdateWebhookInput, WebhookAttemptView, WebhookDeliveryView, WebhookView } from "@/lib/validation/webhooks";
import { TEST_TYPE, type WebhookKind } from "@/lib/webhooks/kinds";
import { webhookBody, type WebhookFormat, type WebhookPayload } from "@/lib/webhooks/payload";
import { recordEvent } from "./events";
import { appLink, kickDeliveries } from "./webhook-outbox";

// Team webhooks (issue 15): the settings (add, change, turn off, rotate the secret, remove) and the delivery log an
// admin reads (test, redeliver, attempts). Deliveries are written by the outbox hook (webhook-outbox.ts) in the event's
// own transaction and sent by a job (webhook-delivery.ts), never by the request: a slow or down receiver delays its
// deliveries only.

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
      link: appLink("/team/webhooks"),
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
