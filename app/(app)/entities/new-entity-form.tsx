"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/lib/query/api";
import { entityRequests } from "@/lib/query/entities";
import type { EntryType } from "@/lib/sanctions/entry";
import { EntityTypeOptions } from "./entity-type-options";

/** One name a line, blank lines left out. */
export const linesOf = (text: string) => text.split("\n").map((line) => line.trim()).filter(Boolean);

const SHOWN = ["name", "aliases", "country"];

/** Adds an entity by hand; it is screened at once and its page opens with the hits. */
export function NewEntityForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const create = useMutation({
    mutationFn: entityRequests.create,
    onSuccess: (entity) => router.push(`/entities/${entity.id}`),
    onError: (error) => {
      if (!(error instanceof ApiError)) return setErrors({ form: ["Something went wrong. Try again."] });
      const fields = error.fieldErrors;
      // Errors of fields the form shows sit beside them; any other (an alias on its line) in the form's message.
      const elsewhere = Object.entries(fields).filter(([field]) => !SHOWN.includes(field));
      setErrors({ ...fields, ...(elsewhere.length || !Object.keys(fields).length ? { form: elsewhere.length ? elsewhere.flatMap(([, messages]) => messages) : [error.message] } : {}) });
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    setErrors({});
    create.mutate({ type: text("type") as EntryType, name: text("name"), aliases: linesOf(text("aliases")), country: text("country") || null, notes: text("notes") });
  }

  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <span id={`new-entity-${name}-error`} className="field-error">
        {errors[name]!.join(" ")}
      </span>
    ) : null;
  const describedBy = (name: string) => (errors[name]?.length ? `new-entity-${name}-error` : undefined);

  return (
    <section aria-labelledby="new-entity-heading" className="card stack">
      <h2 id="new-entity-heading">Track an entity</h2>
      <form className="stack" onSubmit={submit} noValidate>
        <label className="field">
          Name
          <input name="name" required maxLength={300} aria-invalid={Boolean(errors.name)} aria-describedby={describedBy("name")} />
          {fieldError("name")}
        </label>
        <label className="field">
          Type
          <select name="type" defaultValue="organization">
            <EntityTypeOptions />
          </select>
        </label>
        <label className="field">
          Other names (one a line)
          <textarea name="aliases" rows={2} aria-invalid={Boolean(errors.aliases)} aria-describedby={describedBy("aliases")} />
          {fieldError("aliases")}
        </label>
        <label className="field">
          Country (name or ISO code)
          <input name="country" maxLength={100} aria-invalid={Boolean(errors.country)} aria-describedby={describedBy("country")} />
          {fieldError("country")}
        </label>
        <label className="field">
          Notes
          <textarea name="notes" rows={2} />
        </label>
        {errors.form && (
          <p role="alert" className="error-message">
            {errors.form.join(" ")}
          </p>
        )}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? "Adding and screening…" : "Add and screen"}
          </button>
        </div>
      </form>
    </section>
  );
}
