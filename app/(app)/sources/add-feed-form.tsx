"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { errorsFromApi, Field, FormError, useFormErrors } from "@/app/components/forms";
import { DEFAULT_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES } from "@/lib/feeds/schedule";
import { feedRequests } from "@/lib/query/feeds";

/** Adds a feed to a source by the feed's address or a site's address (the page's advertised feed is found). */
export function AddFeedForm({ sources }: { sources: { id: string; name: string }[] }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, showErrors } = useFormErrors(formRef);
  const [pending, setPending] = useState(false);
  const [added, setAdded] = useState("");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setErrors({});
    setAdded("");
    setPending(true);
    try {
      const feed = await feedRequests.create({ sourceId: String(form.get("sourceId")), url: String(form.get("url") ?? "").trim(), intervalMinutes: Number(form.get("intervalMinutes")) });
      setAdded(`Added “${feed.title}” to ${feed.sourceName}. It is polled within a minute.`);
      formRef.current?.reset();
      router.refresh();
    } catch (error) {
      showErrors(errorsFromApi(error, { forbidden: "Adding feeds needs the analyst role." }));
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="add-feed-heading" className="card stack">
      <h2 id="add-feed-heading">Add a feed</h2>
      <form ref={formRef} className="stack" onSubmit={submit} noValidate>
        <Field label="Source" errors={errors.sourceId}>
          {(control) => (
            <select {...control} name="sourceId">
              {sources.map((source) => (
                <option key={source.id} value={source.id}>
                  {source.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Feed or site address" hint="An RSS, Atom or JSON feed, or a site’s page that links to its feed." errors={errors.url}>
          {(control) => <input {...control} name="url" type="url" required maxLength={2000} placeholder="https://" />}
        </Field>
        <Field label="Poll every (minutes)" errors={errors.intervalMinutes}>
          {(control) => <input {...control} name="intervalMinutes" type="number" min={MIN_INTERVAL_MINUTES} max={MAX_INTERVAL_MINUTES} step={1} defaultValue={DEFAULT_INTERVAL_MINUTES} />}
        </Field>
        <FormError errors={errors.form} />
        <p role="status" className="muted">
          {added}
        </p>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? "Finding the feed…" : "Add feed"}
          </button>
        </div>
      </form>
    </section>
  );
}
