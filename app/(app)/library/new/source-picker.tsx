"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { reliabilities, reliabilityLabels } from "@/lib/domain/grading";
import { ApiError } from "@/lib/query/api";
import { sourceKeys, sourceRequests } from "@/lib/query/sources";
import type { SourceView } from "@/lib/validation/sources";
import { reliabilityText, ADD_EVIDENCE_FORBIDDEN } from "../labels";
import { errorsFromApi, Field, FormError, useFormErrors, type FormErrors } from "@/app/components/forms";

const kinds = [
  ["outlet", "News outlet"],
  ["ministry", "Ministry or government"],
  ["agency", "Agency"],
  ["company", "Company"],
  ["think_tank", "Think tank"],
  ["other", "Other"],
] as const;

type Kind = (typeof kinds)[number][0];
type NewSource = { name: string; kind: Kind; reliability: string };

/** The source whose name matches the detected publisher, if the team has one. */
export function matchSource(sources: SourceView[], publisher: string | null): SourceView | undefined {
  if (!publisher) return undefined;
  const wanted = publisher.trim().toLowerCase();
  return (
    sources.find((s) => s.name.toLowerCase() === wanted) ??
    sources.find((s) => s.name.toLowerCase().includes(wanted) || wanted.includes(s.name.toLowerCase()))
  );
}

/** Picks the document's source, or adds a new one with its reliability grade (POST /api/sources). */
export function SourcePicker({
  sources,
  value,
  onChange,
  publisher,
  errors,
}: {
  sources: SourceView[];
  value: string;
  onChange: (sourceId: string) => void;
  publisher: string | null;
  errors?: string[];
}) {
  const queryClient = useQueryClient();
  const select = useRef<HTMLSelectElement>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const group = useRef<HTMLDivElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState<NewSource>({ name: publisher ?? "", kind: "outlet", reliability: "" });
  const { errors: sourceErrors, setErrors: setSourceErrors, showErrors } = useFormErrors(group);
  const [announcement, setAnnouncement] = useState("");
  const opened = useRef(false);

  useEffect(() => {
    if (adding) nameInput.current?.focus();
    else if (opened.current) openButton.current?.focus();
  }, [adding]);

  const chosen = (source: { id: string }, message: string) => {
    onChange(source.id);
    opened.current = false;
    setAdding(false);
    setSourceErrors({});
    setAnnouncement(message);
    select.current?.focus();
  };

  const create = useMutation({
    mutationFn: sourceRequests.create,
    onSuccess: (source) => {
      queryClient.setQueryData<SourceView[]>(sourceKeys.list(), (list = []) =>
        [...list.filter((s) => s.id !== source.id), source].sort((a, b) => a.name.localeCompare(b.name)),
      );
      void queryClient.invalidateQueries({ queryKey: sourceKeys.all });
      chosen(source, `Added ${source.name} (reliability ${reliabilityText(source.reliability)}) and chose it as the source.`);
    },
    onError: (error) => {
      const existing = error instanceof ApiError && error.code === "conflict" ? (error.details as { sourceId?: string } | undefined)?.sourceId : undefined;
      if (existing) {
        void queryClient.invalidateQueries({ queryKey: sourceKeys.all });
        return chosen({ id: existing }, `${error.message}: it is now chosen as the source.`);
      }
      showErrors(errorsFromApi(error, { forbidden: ADD_EVIDENCE_FORBIDDEN }));
    },
  });

  function add() {
    const name = draft.name.trim();
    const next: FormErrors = {};
    if (!name) next.name = ["Enter the source's name."];
    if (!draft.reliability) next.reliability = ["Choose how reliable this source is."];
    if (Object.keys(next).length) return showErrors(next);
    create.mutate({ name, kind: draft.kind, reliability: draft.reliability as SourceView["reliability"] });
  }

  // The fields sit inside the intake's form: Enter adds the source rather than saving the document.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Enter" && event.target instanceof HTMLInputElement) {
      event.preventDefault();
      add();
    }
  }

  return (
    <div className="stack tight source-picker">
      <Field label="Source" errors={errors} hint={publisher ? `Detected publisher: ${publisher}` : "No publisher was detected in the document."}>
        {(control) => (
          <select {...control} ref={select} value={value} onChange={(e) => onChange(e.target.value)}>
            <option value="">No source (reliability F: cannot be judged)</option>
            {sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} — {reliabilityText(s.reliability)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {adding ? (
        <div ref={group} className="nested-card stack tight" role="group" aria-labelledby="new-source-heading" onKeyDown={onKeyDown}>
          <h4 id="new-source-heading">New source</h4>
          <Field label="Name" errors={sourceErrors.name}>
            {(control) => <input {...control} ref={nameInput} value={draft.name} maxLength={200} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
          </Field>
          <div className="grid-2">
            <Field label="Kind" errors={sourceErrors.kind}>
              {(control) => (
                <select {...control} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Kind })}>
                  {kinds.map(([kind, label]) => (
                    <option key={kind} value={kind}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Reliability" errors={sourceErrors.reliability} hint="Admiralty grade of the source's record">
              {(control) => (
                <select {...control} value={draft.reliability} onChange={(e) => setDraft({ ...draft, reliability: e.target.value })}>
                  <option value="">Choose…</option>
                  {reliabilities.map((r) => (
                    <option key={r} value={r}>
                      {r} — {reliabilityLabels[r]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <FormError errors={sourceErrors.form} />
          <div className="form-actions">
            <button type="button" className="button" onClick={add} disabled={create.isPending}>
              {create.isPending ? "Adding…" : "Add source"}
            </button>
            <button type="button" className="button" onClick={() => setAdding(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <p>
          <button
            ref={openButton}
            type="button"
            className="button"
            onClick={() => {
              opened.current = true;
              setAnnouncement("");
              setAdding(true);
            }}
          >
            Add a new source
          </button>
        </p>
      )}
      <p role="status" className="small muted">
        {announcement}
      </p>
    </div>
  );
}
