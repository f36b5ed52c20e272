"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { ChoiceOptions } from "@/app/components/filter-select";
import { Field, FieldError, FormError, SubmitRow, useSubmit } from "@/app/components/forms";
import { attemptsQueryOptions, deliveriesQueryOptions, webhookKeys, webhookRequests } from "@/lib/query/webhooks";
import { formatDateTime } from "@/lib/ui/format";
import type { WebhookAttemptView, WebhookDeliveryView, WebhookView } from "@/lib/validation/webhooks";
import { webhookKindLabels, webhookKinds, type WebhookKind } from "@/lib/webhooks/kinds";
import { useAction } from "../use-action";

const FORMAT_LABELS = { json: "JSON", slack: "Slack-compatible", teams: "Microsoft Teams-compatible" } as const;
const STATUS_LABELS: Record<WebhookDeliveryView["status"], string> = { pending: "Waiting", delivered: "Delivered", failed: "Failed" };
const OUTCOME_LABELS: Record<WebhookAttemptView["outcome"], string> = { delivered: "Delivered", failed: "Failed" };
const LOG_COLUMNS = 7;

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
  const redeliver = (deliveryId: string) =>
    void run(() => webhookRequests.redeliver(deliveryId)).then(() => client.invalidateQueries({ queryKey: webhookKeys.deliveries(webhookId) }));
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
            <DeliveryRow key={d.id} webhookId={webhookId} delivery={d} redeliver={redeliver} pending={pending} />
          ))}
        </tbody>
      </table>
      <FormError>{error}</FormError>
    </>
  );
}

/** A delivery in the log, and below it, once its "Attempts" button is pressed, each of its attempts. */
function DeliveryRow({ webhookId, delivery: d, redeliver, pending }: { webhookId: string; delivery: WebhookDeliveryView; redeliver: (id: string) => void; pending: boolean }) {
  const [open, setOpen] = useState(false);
  const attemptsId = `attempts-${d.id}`;
  return (
    <>
      <tr>
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
          <div className="form-actions">
            <button
              type="button"
              className="button small-button"
              aria-expanded={open}
              aria-controls={open ? attemptsId : undefined}
              aria-label={`Attempts of ${d.type} ${d.id}`}
              onClick={() => setOpen(!open)}
            >
              Attempts
            </button>
            <button type="button" className="button small-button" disabled={pending} aria-label={`Redeliver ${d.type} ${d.id}`} onClick={() => redeliver(d.id)}>
              Redeliver
            </button>
          </div>
        </td>
      </tr>
      {open && (
        <tr id={attemptsId}>
          <td colSpan={LOG_COLUMNS}>
            <AttemptLog webhookId={webhookId} delivery={d} />
          </td>
        </tr>
      )}
    </>
  );
}

/** Every attempt of one delivery, newest first: what an admin debugging a failing receiver reads. */
function AttemptLog({ webhookId, delivery }: { webhookId: string; delivery: WebhookDeliveryView }) {
  const { data, isPending, isError } = useQuery(attemptsQueryOptions(webhookId, delivery.id, delivery.attempts));
  if (isPending) return <p className="muted">Loading the attempts…</p>;
  if (isError) return <FormError>The attempts could not be loaded.</FormError>;
  if (data.length === 0)
    return (
      <p className="muted">
        {delivery.attempts === 0 ? "Not attempted yet." : "No attempts logged: this delivery was last attempted before the attempt log was kept."}
      </p>
    );
  return (
    <table className="table attempt-log" aria-label={`Attempts of ${delivery.type} ${delivery.id}`}>
      <thead>
        <tr>
          <th scope="col">Attempt</th>
          <th scope="col">Time</th>
          <th scope="col">Response</th>
          <th scope="col">Duration</th>
          <th scope="col">Outcome</th>
          <th scope="col">Answer</th>
        </tr>
      </thead>
      <tbody>
        {data.map((a) => (
          <tr key={a.attempt}>
            <td>{a.attempt}</td>
            <td>{formatDateTime(a.attemptedAt)}</td>
            <td>{a.responseStatus ?? "no answer"}</td>
            <td>{a.durationMs} ms</td>
            <td>{OUTCOME_LABELS[a.outcome]}</td>
            <td className="excerpt">{a.responseExcerpt || "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
