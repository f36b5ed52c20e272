"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { errorsFromApi, Field, FormError, useFormErrors } from "@/app/components/forms";
import { feedRequests } from "@/lib/query/feeds";
import type { OpmlImport } from "@/lib/validation/feeds";

/** Follows the feeds of another reader's OPML export; the file is read here and sent as text. */
export function OpmlImportForm() {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, showErrors } = useFormErrors(formRef);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<OpmlImport | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("opml");
    setErrors({});
    setResult(null);
    if (!(file instanceof File) || file.size === 0) return showErrors({ opml: ["Choose an OPML file."] });
    setPending(true);
    try {
      setResult(await feedRequests.importOpml({ opml: await file.text() }));
      formRef.current?.reset();
      router.refresh();
    } catch (error) {
      showErrors(errorsFromApi(error, { forbidden: "Importing feeds needs the analyst role." }));
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="opml-heading" className="card stack">
      <h2 id="opml-heading">Import and export</h2>
      <p>
        <a href="/api/feeds/opml" download="feeds.opml">
          Download the team’s feeds as OPML
        </a>
      </p>
      <form ref={formRef} className="stack" onSubmit={submit} noValidate>
        <Field label="OPML file" hint="A feed reader’s export: each folder becomes a source (made if the team has none of that name)." errors={errors.opml}>
          {(control) => <input {...control} name="opml" type="file" accept=".opml,.xml,text/x-opml,application/xml,text/xml" />}
        </Field>
        <FormError errors={errors.form} />
        <div role="status">
          {result && (
            <>
              <p>
                Following {result.added} new feed{result.added === 1 ? "" : "s"}
                {result.sourcesCreated.length > 0 && `; new sources: ${result.sourcesCreated.join(", ")}`}.
              </p>
              {result.skipped.length > 0 && (
                <ul className="small">
                  {result.skipped.map((skip) => (
                    <li key={skip.url}>
                      Skipped {skip.url}: {skip.reason}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? "Importing…" : "Import feeds"}
          </button>
        </div>
      </form>
    </section>
  );
}
