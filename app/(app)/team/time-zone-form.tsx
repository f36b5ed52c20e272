"use client";

import { useRouter } from "next/navigation";
import { useRef, type FormEvent } from "react";
import { Field, SubmitRow, useSubmit } from "@/app/components/forms";
import { apiFetch } from "@/lib/query/api";

/** The team's time zone (admins): email digests cover its days and weeks. */
export function TimeZoneForm({ timeZone }: { timeZone: string }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, pending, status, clearStatus, submit } = useSubmit<"timeZone">(formRef, { forbidden: "Changing the time zone needs the admin role." });
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get("timeZone") ?? "");
    if (await submit(() => apiFetch("/api/team", { method: "PATCH", body: { timeZone: value } }), "Saved.")) router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} className="filters" aria-label="Team time zone">
      <Field label="Time zone" hint="Its IANA name, e.g. Europe/Berlin." errors={errors.timeZone}>
        {(control) => (
          <>
            <input {...control} name="timeZone" defaultValue={timeZone} required maxLength={64} list="time-zones" onChange={clearStatus} />
            <datalist id="time-zones">
              {["UTC", ...zones].map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <SubmitRow label="Save time zone" pending={pending} errors={errors.form} status={status} className="filter-actions" />
    </form>
  );
}
