"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef, useState, type DragEvent, type FormEvent } from "react";
import { formatBytes } from "@/lib/ui/format";
import { ApiError } from "@/lib/query/api";
import { captureRequests } from "@/lib/query/captures";
import { documentRequests, type DocumentSuggestions } from "@/lib/query/documents";
import type { Capture } from "@/lib/validation/captures";
import { MAX_UPLOAD_BYTES } from "@/lib/validation/documents";
import { ADD_EVIDENCE_FORBIDDEN } from "../labels";
import { apiFieldErrors, apiMessage, Field, FieldError, FormError, placeErrors, useFormErrors, type FormErrors } from "@/app/components/forms";

/** A page fetched by "Fetch": what the review form takes from it, and the capture the document will link to. */
export type CapturedPage = Pick<Capture, "id" | "finalUrl" | "title" | "publisher" | "publishedAt">;

/** An inbox item being accepted: saving the document accepts it; its date, feed's source and issues prefill the review. */
export type InboxDraft = { id: string; publishedAt: string | null; sourceId: string | null; issueIds: string[] };

export type DocumentDraft = { text: string; file: File | null; title: string; url: string; capture: CapturedPage | null; inboxItem: InboxDraft | null };

const ACCEPT = ".txt,.md,.html,.htm,.pdf,text/plain,text/markdown,text/html,application/pdf";

/** Step 1: the document, pasted, uploaded (chosen or dropped) or fetched by its URL, then "Analyze". */
export function DocumentInput({
  draft,
  onChange,
  onAnalyzed,
  focusOnMount,
}: {
  draft: DocumentDraft;
  onChange: (change: Partial<DocumentDraft>) => void;
  onAnalyzed: (analysis: DocumentSuggestions) => void;
  focusOnMount: boolean;
}) {
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const { errors, setErrors, showErrors } = useFormErrors(form);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    if (focusOnMount) heading.current?.focus();
  }, [focusOnMount]);

  // Keeps the native control showing the file the analysis will read (also after going back).
  useEffect(() => {
    const input = fileInput.current;
    if (!input) return;
    if (!draft.file) {
      input.value = "";
    } else if (input.files?.[0] !== draft.file) {
      const transfer = new DataTransfer();
      transfer.items.add(draft.file);
      input.files = transfer.files;
    }
  }, [draft.file]);

  const analyze = useMutation({
    mutationFn: documentRequests.analyze,
    onSuccess: onAnalyzed,
    onError: (error) => showErrors(analyzeErrors(error, Boolean(draft.file))),
  });

  const fetchPage = useMutation({
    mutationFn: captureRequests.create,
    onSuccess: ({ id, finalUrl, title, publisher, publishedAt, text }) => {
      setErrors({});
      onChange({ text, file: null, title: title ?? "", url: finalUrl, capture: { id, finalUrl, title, publisher, publishedAt } });
    },
    // Every failure (refused address, not a page, the site down) is said beside the URL.
    onError: (error) => {
      const fields = apiFieldErrors(error);
      showErrors({ url: fields.url ?? [apiMessage(error, ADD_EVIDENCE_FORBIDDEN)] });
    },
  });

  function onFetch() {
    const url = draft.url.trim();
    if (!/^https?:\/\/\S+$/i.test(url)) return showErrors({ url: ["Enter the page’s address, starting with http:// or https://, then Fetch."] });
    setErrors({});
    fetchPage.mutate(url);
  }

  function chooseFile(file: File | null, note?: string) {
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => key !== "file" && key !== "form")));
    if (file && file.size > MAX_UPLOAD_BYTES) {
      onChange({ file: null });
      showErrors({ file: [`Files are limited to 10 MB; “${file.name}” is ${formatBytes(file.size)}.`] });
      return;
    }
    // A file replaces a fetched page: the document will not come from the capture.
    onChange(file ? { file, capture: null } : { file });
    if (note) setErrors((current) => ({ ...current, file: [note] }));
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length === 0) return;
    chooseFile(files[0]!, files.length > 1 ? `One file at a time: “${files[0]!.name}” will be analyzed.` : undefined);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const title = draft.title.trim() || undefined;
    const url = draft.url.trim() || undefined;
    if (!draft.file && !draft.text.trim()) return showErrors({ text: ["Paste the text of the document, or choose a file below."] });
    if (url && !/^https?:\/\/\S+$/i.test(url)) return showErrors({ url: ["Enter a web address starting with http:// or https://, or leave it empty."] });
    setErrors({});
    analyze.mutate(draft.file ? { file: draft.file, title, url } : { text: draft.text, title, url });
  }

  const busy = analyze.isPending || fetchPage.isPending;
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="card stack" aria-labelledby="intake-step-1" aria-busy={busy}>
      <h2 id="intake-step-1" ref={heading} tabIndex={-1}>
        1. The document
      </h2>

      <Field
        label="Paste the text"
        errors={errors.text}
        hint={draft.file ? "The chosen file is analyzed instead. Remove it to analyze pasted text." : "The article, statement or report, as plain text."}
      >
        {(control) => (
          <textarea {...control} rows={10} value={draft.text} disabled={Boolean(draft.file)} onChange={(e) => onChange({ text: e.target.value })} />
        )}
      </Field>

      <div
        className={dragging ? "drop-zone dragging" : "drop-zone"}
        role="group"
        aria-labelledby="drop-zone-label"
        aria-describedby="drop-zone-hint"
        onDragEnter={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = "copy";
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
      >
        <p id="drop-zone-label" className="drop-zone-label">
          Or upload a file: drop it here, or choose it
        </p>
        <p id="drop-zone-hint" className="hint">
          .txt, .md, .html or .pdf, up to 10 MB. Scripts and styles in web pages are left out.
        </p>
        <div className="field">
          <label htmlFor="intake-file">Choose a file</label>
          <input
            ref={fileInput}
            id="intake-file"
            type="file"
            accept={ACCEPT}
            aria-describedby={errors.file ? "drop-zone-hint intake-file-error" : "drop-zone-hint"}
            aria-invalid={errors.file ? true : undefined}
            onChange={(e) => chooseFile(e.target.files?.[0] ?? null)}
          />
        </div>
        {draft.file && (
          <p className="selected-file">
            Selected: <strong>{draft.file.name}</strong> ({formatBytes(draft.file.size)}){" "}
            <button type="button" className="button small-button" onClick={() => chooseFile(null)}>
              Remove the file
            </button>
          </p>
        )}
        <FieldError id="intake-file-error" errors={errors.file} />
      </div>

      <div className="grid-2">
        <Field
          label="URL (optional)"
          errors={errors.url}
          hint="Where it was published. “Fetch” reads the page into the text and title, and keeps a copy of it as a snapshot."
        >
          {(control) => (
            <div className="input-with-button">
              <input {...control} type="url" inputMode="url" value={draft.url} onChange={(e) => onChange({ url: e.target.value, capture: null })} />
              <button type="button" className="button" onClick={onFetch} disabled={busy}>
                {fetchPage.isPending ? "Fetching…" : "Fetch"}
              </button>
            </div>
          )}
        </Field>
        <Field label="Title (optional)" errors={errors.title} hint="Leave empty to take it from the document.">
          {(control) => <input {...control} value={draft.title} maxLength={500} onChange={(e) => onChange({ title: e.target.value })} />}
        </Field>
      </div>

      <div role="status" className="analyze-status">
        {fetchPage.isPending && (
          <>
            <progress aria-label="Fetching the page" /> <span>Fetching and reading the page…</span>
          </>
        )}
        {!fetchPage.isPending && draft.capture && (
          <span>
            Fetched “{draft.capture.title ?? hostOf(draft.capture.finalUrl)}”: its text and title are filled in. Check them, then Analyze.
          </span>
        )}
      </div>

      <FormError errors={errors.form} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Analyzing…" : "Analyze"}
        </button>
        <div role="status" className="analyze-status">
          {busy && (
            <>
              <progress aria-label="Analysis in progress" />{" "}
              <span>{draft.file ? `Reading and analyzing “${draft.file.name}”…` : "Analyzing the text…"}</span>
            </>
          )}
        </div>
      </div>
    </form>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** An analysis failure as messages beside the control concerned: the file (413, 415, unreadable) or the text. */
function analyzeErrors(error: unknown, uploading: boolean): FormErrors {
  const source = uploading ? "file" : "text";
  const fields = Object.entries(apiFieldErrors(error));
  if (fields.length) return placeErrors(fields, (key, message) => [key === "text" || key === "file" ? source : key === "url" || key === "title" ? key : "form", message]);
  if (error instanceof ApiError) {
    if (error.code === "payload_too_large") {
      return { [source]: [uploading ? "This file is too large: files are limited to 10 MB." : "This text is too long to analyze (the limit is 10 MB)."] };
    }
    if (error.code === "unsupported_media_type") return { file: [/[.!?]$/.test(error.message) ? error.message : `${error.message}.`] };
  }
  return { form: [apiMessage(error, ADD_EVIDENCE_FORBIDDEN)] };
}
