import type { WebhookKind } from "./kinds";

// The body a webhook receives (issue 15). `id` is the delivery's: the same on every retry and redelivery of one
// event to one webhook, so receivers deduplicate on it. Slack and Teams receive their own message shapes, with the
// same facts in text.

export const webhookFormats = ["json", "slack", "teams"] as const;
export type WebhookFormat = (typeof webhookFormats)[number];

export type WebhookPayload = {
  id: string;
  type: WebhookKind | "test";
  occurredAt: string;
  team: { id: string; name: string };
  subject: { type: "issue" | "entity" | "webhook"; id: string; name: string };
  title: string;
  summary: string;
  actor: string;
  link: string;
};

export function webhookBody(format: WebhookFormat, payload: WebhookPayload): string {
  switch (format) {
    case "json":
      return JSON.stringify(payload);
    case "slack":
      // Slack's incoming webhooks read `text` (mrkdwn); the rest is kept for receivers that read it.
      return JSON.stringify({ ...payload, text: `*${escapeSlack(payload.title)}*\n${escapeSlack(payload.summary)}\n<${payload.link}|Open in Sanctions Watch>` });
    case "teams":
      return JSON.stringify({
        "@type": "MessageCard",
        "@context": "https://schema.org/extensions",
        summary: payload.title,
        title: payload.title,
        text: payload.summary,
        potentialAction: [{ "@type": "OpenUri", name: "Open in Sanctions Watch", targets: [{ os: "default", uri: payload.link }] }],
        id: payload.id,
        type: payload.type,
        occurredAt: payload.occurredAt,
      });
  }
}

const escapeSlack = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
