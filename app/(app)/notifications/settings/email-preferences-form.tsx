"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/query/api";
import { emailDeliveries, emailDeliveryLabels, notificationKindLabels, type EmailDelivery } from "@/lib/notifications/email-preferences";
import { notificationKinds, type NotificationKind } from "@/lib/notifications/recipients";
import { useAction } from "../../team/use-action";

/** One choice per kind of notification, saved together. */
export function EmailPreferencesForm({ email }: { email: Record<NotificationKind, EmailDelivery> }) {
  const { run, pending, error } = useAction();
  const [saved, setSaved] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const data = new FormData(event.currentTarget);
    const choices = Object.fromEntries(notificationKinds.map((kind) => [kind, String(data.get(kind))]));
    const result = await run(() => apiFetch("/api/notifications/preferences", { method: "PUT", body: { email: choices } }));
    if (result) setSaved(true);
  }

  return (
    <form onSubmit={onSubmit} className="stack" aria-label="Email settings">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Notification</th>
            <th scope="col">By email</th>
          </tr>
        </thead>
        <tbody>
          {notificationKinds.map((kind) => (
            <tr key={kind}>
              <td>
                <label htmlFor={`email-${kind}`}>{notificationKindLabels[kind]}</label>
              </td>
              <td>
                <select id={`email-${kind}`} name={kind} defaultValue={email[kind]} onChange={() => setSaved(false)}>
                  {emailDeliveries.map((delivery) => (
                    <option key={delivery} value={delivery}>
                      {emailDeliveryLabels[delivery]}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div>
        <button type="submit" className="button primary" disabled={pending}>
          Save email settings
        </button>
      </div>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
      {saved && !error && <p role="status">Saved.</p>}
    </form>
  );
}
