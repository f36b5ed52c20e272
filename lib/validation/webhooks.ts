import { z } from "zod";
import { webhookKinds } from "@/lib/webhooks/kinds";
import { webhookFormats } from "@/lib/webhooks/payload";

// Team webhooks (issue 15): what admins send and what they read back. The secret appears only in the answers that
// make it (create, rotate).

const webhookUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
    } catch {
      return false;
    }
  }, "Give an http:// or https:// address, without a user name or password");

const kindsSchema = z
  .array(z.enum(webhookKinds))
  .min(1, "Choose at least one kind of event")
  .max(webhookKinds.length)
  .transform((kinds) => [...new Set(kinds)]);

export const createWebhookSchema = z.strictObject({
  url: webhookUrl,
  kinds: kindsSchema,
  format: z.enum(webhookFormats).default("json"),
});
export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export const updateWebhookSchema = z.strictObject({
  url: webhookUrl.optional(),
  kinds: kindsSchema.optional(),
  format: z.enum(webhookFormats).optional(),
  /** Enabling a webhook disabled after failures starts its count of failures again. */
  enabled: z.boolean().optional(),
});
export type UpdateWebhookInput = z.infer<typeof updateWebhookSchema>;

export const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  kinds: z.array(z.enum(webhookKinds)),
  format: z.enum(webhookFormats),
  enabled: z.boolean(),
  consecutiveFailures: z.number().int(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  createdAt: z.string(),
  /** Only in the answers to create and rotate: the signing secret, shown this once. */
  secret: z.string().optional(),
});
export type WebhookView = z.infer<typeof webhookSchema>;

export const webhookDeliverySchema = z.object({
  /** The payload's `id`: receivers deduplicate on it. */
  id: z.string(),
  webhookId: z.string(),
  type: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  responseStatus: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof webhookDeliverySchema>;

/** One attempt of a delivery, from its attempt log (the delivery's own columns keep only the latest). */
export const webhookAttemptSchema = z.object({
  /** 1 for the first attempt; counts on across redeliveries. */
  attempt: z.number().int(),
  attemptedAt: z.string(),
  /** null when the receiver did not answer. */
  responseStatus: z.number().int().nullable(),
  durationMs: z.number().int(),
  /** The first characters of the receiver's answer, or why there was none. */
  responseExcerpt: z.string(),
  /** delivered: a 2xx answer; failed: anything else, or no answer. */
  outcome: z.enum(["delivered", "failed"]),
});
export type WebhookAttemptView = z.infer<typeof webhookAttemptSchema>;
