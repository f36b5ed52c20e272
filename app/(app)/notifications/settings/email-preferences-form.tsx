"use client";

import { useRouter } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { SubmitRow, useSubmit } from "@/app/components/forms";
import { apiFetch } from "@/lib/query/api";
import { emailDeliveries, emailDeliveryLabels, notificationKindLabels, type EmailDelivery } from "@/lib/notifications/email-preferences";
import { notificationKinds, type NotificationKind } from "@/lib/notifications/recipients";

/** One choice per kind of notification, saved together. */
export function EmailPreferencesForm({ email }: { email: Record<NotificationKind, EmailDelivery> }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  // The choices are rows of one table, so every message is shown above the form.
  const { errors, pending, status, clearStatus, submit } = useSubmit(formRef, { place: (_path, message) => ["form", message] });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const choices = Object.fromEntries(notificationKinds.map((kind) => [kind, String(data.get(kind))]));
    if (await submit(() => apiFetch("/api/notifications/preferences", { method: "PUT", body: { email: choices } }), "Saved.")) router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="stack" aria-label="Email settings">
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
                <select id={`email-${kind}`} name={kind} defaultValue={email[kind]} onChange={clearStatus}>
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
      <SubmitRow label="Save email settings" pending={pending} errors={errors.form} status={status} />
    </form>
  );
}
