"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { ChoiceOptions } from "@/app/components/filter-select";
import { Field, FieldError, FormError, SubmitRow, useSubmit } from "@/app/components/forms";
import { deliveriesQueryOptions, webhookKeys, webhookRequests } from "@/lib/query/webhooks";
import { formatDateTime } from "@/lib/ui/format";
import type { WebhookDeliveryView, WebhookView } from "@/lib/validation/webhooks";
import { webhookKindLabels, webhookKinds, type WebhookKind } from "@/lib/webhooks/kinds";
import { useAction } from "../use-action";

const FORMAT_LABELS = { json: "JSON", slack: "Slack-compatible", teams: "Microsoft Teams-compatible" } as const;
const STATUS_LABELS: Record<WebhookDeliveryView["status"], string> = { pending: "Waiting", delivered: "Delivered", failed: "Failed" };

/** The secret of a webhook just made or rotated: shown this once. */
function Secret({ webhook }: { webhook: WebhookView }) {
  return (
    <div className="notice" role="status">
      <p>
        Copy the signing secret for <strong>{webhook.url}</strong> now: it cannot be shown again.
      </p>
      <p>
        <code className="secret" data-testid="webhook-secret">
          {webhook.secret}
        </code>
      </p>
    </div>
  );
}

export function WebhooksPanel({ webhooks }: { webhooks: WebhookView[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, pending, submit } = useSubmit<"url" | "kinds" | "format">(formRef, {
    place: (path, message) => [path.startsWith("kinds") ? "kinds" : path, message],
    forbidden: "Managing webhooks needs the admin role.",
  });
  const [shown, setShown] = useState<WebhookView | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const made = await submit(() =>
      webhookRequests.create({ url: String(data.get("url") ?? ""), kinds: data.getAll("kinds").map(String) as WebhookKind[], format: data.get("format") as WebhookView["format"] }),
    );
    if (made) {
      setShown(made);
      form.reset();
      router.refresh();
    }
  }

  return (
    <div className="stack">
      <section aria-labelledby="add-webhook-heading" className="card stack">
        <h2 id="add-webhook-heading">Add a webhook</h2>
        <form ref={formRef} onSubmit={onSubmit} className="stack" aria-label="Add a webhook">
          <Field label="URL" errors={errors.url}>
            {(control) => <input {...control} name="url" type="url" required maxLength={2000} placeholder="https://hooks.example.org/sanctions-watch" />}
          </Field>
          <fieldset className="field" aria-describedby={errors.kinds?.length ? "webhook-kinds-error" : undefined}>
            <legend>Events</legend>
            {webhookKinds.map((kind) => (
              <label key={kind} className="checkbox">
                <input type="checkbox" name="kinds" value={kind} defaultChecked={kind !== "comment"} /> {webhookKindLabels[kind]}
              </label>
            ))}
            <FieldError id="webhook-kinds-error" errors={errors.kinds} />
          </fieldset>
          <Field label="Body format" errors={errors.format}>
            {(control) => (
              <select {...control} name="format" defaultValue="json">
                <ChoiceOptions choices={Object.entries(FORMAT_LABELS)} />
              </select>
            )}
          </Field>
          <SubmitRow label="Add webhook" pending={pending} errors={errors.form} />
        </form>
        {shown?.secret && <Secret webhook={shown} />}
      </section>
      {webhooks.length === 0 ? (
        <p className="muted">No webhooks yet.</p>
      ) : (
        webhooks.map((webhook) => <WebhookCard key={webhook.id} webhook={webhook} onSecret={setShown} />)
      )}
    </div>
  );
}

function WebhookCard({ webhook, onSecret }: { webhook: WebhookView; onSecret: (webhook: WebhookView) => void }) {
  const { run, pending, error } = useAction();
  const client = useQueryClient();
  const refreshLog = () => client.invalidateQueries({ queryKey: webhookKeys.deliveries(webhook.id) });
  const headingId = `webhook-${webhook.id}`;
  return (
    <section aria-labelledby={headingId} className="card stack">
      <h2 id={headingId} className="webhook-url">
        {webhook.url}
      </h2>
      <p>
        {webhook.enabled ? "Enabled" : <strong>Disabled</strong>} · {FORMAT_LABELS[webhook.format]} · {webhook.kinds.map((k) => webhookKindLabels[k]).join(", ")}
      </p>
      {webhook.disabledReason && <p className="error-message">{webhook.disabledReason}</p>}
      <div className="form-actions">
        <button type="button" className="button" disabled={pending} onClick={() => void run(() => webhookRequests.test(webhook.id)).then(refreshLog)}>
          Send test
        </button>
        <button type="button" className="button" disabled={pending} onClick={() => void run(() => webhookRequests.update(webhook.id, { enabled: !webhook.enabled }))}>
          {webhook.enabled ? "Disable" : "Enable"}
        </button>
        <button
          type="button"
          className="button"
          disabled={pending}
          onClick={() =>
            void run(() => webhookRequests.rotate(webhook.id)).then((rotated) => {
              if (rotated) onSecret(rotated);
            })
          }
        >
          Rotate secret
        </button>
        <button
          type="button"
          className="button danger"
          disabled={pending}
          onClick={() => {
            if (window.confirm(`Remove the webhook to ${webhook.url} and its delivery log?`)) void run(() => webhookRequests.remove(webhook.id));
          }}
        >
          Remove
        </button>
      </div>
      <FormError>{error}</FormError>
      <DeliveryLog webhookId={webhook.id} url={webhook.url} />
    </section>
  );
}

function DeliveryLog({ webhookId, url }: { webhookId: string; url: string }) {
  const { data, isPending, isError } = useQuery(deliveriesQueryOptions(webhookId));
  const { run, pending, error } = useAction();
  const client = useQueryClient();
  if (isPending) return <p className="muted">Loading the delivery log…</p>;
  if (isError) return <FormError>The delivery log could not be loaded.</FormError>;
  if (data.length === 0) return <p className="muted">No deliveries yet.</p>;
  return (
    <>
      <table className="table" aria-label={`Deliveries to ${url}`}>
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Response</th>
            <th scope="col">Last attempt</th>
            <th scope="col">Duration</th>
            <th scope="col">Answer</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.id}>
              <td>
                {d.type}
                <br />
                <code className="muted">{d.id}</code>
              </td>
              <td>
                {STATUS_LABELS[d.status]}
                {d.attempts > 1 ? ` (${d.attempts} attempts)` : ""}
                {d.status === "pending" && d.nextAttemptAt ? <><br />next {formatDateTime(d.nextAttemptAt)}</> : null}
              </td>
              <td>{d.responseStatus ?? "—"}</td>
              <td>{formatDateTime(d.lastAttemptAt)}</td>
              <td>{d.durationMs !== null ? `${d.durationMs} ms` : "—"}</td>
              <td className="excerpt">{d.responseExcerpt || "—"}</td>
              <td>
                <button
                  type="button"
                  className="button small-button"
                  disabled={pending}
                  aria-label={`Redeliver ${d.type} ${d.id}`}
                  onClick={() => void run(() => webhookRequests.redeliver(d.id)).then(() => client.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) }))}
                >
                  Redeliver
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <FormError>{error}</FormError>
    </>
  );
}
