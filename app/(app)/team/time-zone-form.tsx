"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/query/api";
import { useAction } from "./use-action";

/** The team's time zone (admins): email digests cover its days and weeks. */
export function TimeZoneForm({ timeZone }: { timeZone: string }) {
  const { run, pending, error } = useAction();
  const [saved, setSaved] = useState(false);
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const value = String(new FormData(event.currentTarget).get("timeZone") ?? "");
    const result = await run(() => apiFetch("/api/team", { method: "PATCH", body: { timeZone: value } }));
    if (result) setSaved(true);
  }

  return (
    <form onSubmit={onSubmit} className="filters" aria-label="Team time zone">
      <label className="field">
        <span>Time zone (IANA, e.g. Europe/Berlin)</span>
        <input name="timeZone" defaultValue={timeZone} required maxLength={64} list="time-zones" onChange={() => setSaved(false)} />
        <datalist id="time-zones">
          {["UTC", ...zones].map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </label>
      <div className="filter-actions">
        <button type="submit" className="button primary" disabled={pending}>
          Save time zone
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

