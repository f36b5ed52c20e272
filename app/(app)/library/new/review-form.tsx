"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { formatBytes } from "@/lib/ui/format";
import { ApiError } from "@/lib/query/api";
import { documentKeys, documentRequests, type CreateDocumentRequest, type DocumentSuggestions } from "@/lib/query/documents";
import { entityRequests } from "@/lib/query/entities";
import { inboxKeys } from "@/lib/query/inbox";
import { issueKeys } from "@/lib/query/issues";
import { sourceKeys, sourcesQueryOptions } from "@/lib/query/sources";
import { createDocumentSchema } from "@/lib/validation/documents";
import type { SourceView } from "@/lib/validation/sources";
import type { Highlight } from "../highlights";
import type { DocumentDraft } from "./document-input";
import { DocumentViewer, type TextSelection } from "./document-viewer";
import { ADD_EVIDENCE_FORBIDDEN } from "../labels";
import { apiFieldErrors, apiMessage, errorsFromZod, Field, FormError, placeErrors, useFormErrors, type FormErrors, type Placement } from "@/app/components/forms";
import { Findings } from "./findings";
import { IssueLink, newLink, passageChoices, resolveQuote, type LinkDraft } from "./issue-link";
import { matchSource, SourcePicker } from "./source-picker";

type Details = { title: string; url: string; publishedAt: string; sourceId: string };

/** Step 2: the suggestions, editable; the analyst picks issues, quotes and grades, then saves once. */
export function ReviewForm({
  analysis,
  draft,
  initialSources,
  onBack,
}: {
  analysis: DocumentSuggestions;
  draft: DocumentDraft;
  initialSources: SourceView[];
  onBack: () => void;
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const duplicateNotice = useRef<HTMLDivElement>(null);
  const sentIssueIds = useRef<string[]>([]);
  const { data: sources } = useQuery({ ...sourcesQueryOptions(), initialData: initialSources });

  const choices = useMemo(() => new Map(analysis.issues.map((issue) => [issue.issueId, passageChoices(issue, analysis.keyPassages)])), [analysis]);
  // A fetched page's own metadata (og:site_name, article:published_time) beats guesses from its text.
  const publisher = draft.capture?.publisher ?? analysis.publisher;
  const detectedDate = draft.inboxItem?.publishedAt ?? draft.capture?.publishedAt ?? analysis.publishedDate;
  const [details, setDetails] = useState<Details>(() => ({
    title: analysis.title,
    url: draft.url.trim(),
    publishedAt: detectedDate ?? "",
    sourceId: draft.inboxItem?.sourceId ?? (matchSource(initialSources, draft.capture?.publisher ?? null) ?? matchSource(initialSources, analysis.publisher))?.id ?? "",
  }));
  // The issue an inbox item speaks to most comes ticked.
  const suggested = draft.inboxItem?.issueIds.find((id) => analysis.issues.some((issue) => issue.issueId === id));
  const [links, setLinks] = useState<Record<string, LinkDraft>>(() =>
    Object.fromEntries(analysis.issues.map((issue) => [issue.issueId, { ...newLink(choices.get(issue.issueId) ?? []), selected: issue.issueId === suggested }])),
  );
  const [selection, setSelection] = useState<TextSelection | null>(null);
  const { errors, setErrors, showErrors } = useFormErrors(form);
  const [duplicateOf, setDuplicateOf] = useState(analysis.duplicateOf);
  // The organisations and people found, trackable as entities in the same click as the save (at most 100 a call).
  const foundNames = useMemo(
    () => [...analysis.organizations.map(({ name }) => ({ name, type: "organization" as const })), ...analysis.people.map(({ name }) => ({ name, type: "person" as const }))].slice(0, 100),
    [analysis],
  );
  const [trackNames, setTrackNames] = useState(false);

  useEffect(() => {
    // Where the analysis leads: the notice when the library already has the document, the review otherwise.
    (duplicateNotice.current ?? heading.current)?.focus();
  }, []);

  const save = useMutation({
    mutationFn: async (body: CreateDocumentRequest) => {
      const document = await documentRequests.create(body);
      // The document is saved either way: if tracking fails, its page lists the names with a "Track" button each.
      if (trackNames && foundNames.length > 0) await entityRequests.trackDocumentNames(document.id, foundNames).catch(() => undefined);
      return document;
    },
    onSuccess: (document) => {
      void queryClient.invalidateQueries({ queryKey: documentKeys.all });
      void queryClient.invalidateQueries({ queryKey: issueKeys.all });
      void queryClient.invalidateQueries({ queryKey: sourceKeys.all });
      if (draft.inboxItem) void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      queryClient.setQueryData(documentKeys.detail(document.id), document);
      router.push(`/library/${document.id}`);
    },
    onError: (error) => {
      const existing = error instanceof ApiError && error.code === "conflict" ? (error.details as { documentId?: string } | undefined)?.documentId : undefined;
      if (existing) {
        flushSync(() => setDuplicateOf(existing));
        duplicateNotice.current?.focus();
        return;
      }
      showErrors(saveErrors(error, sentIssueIds.current));
    },
  });

  const selectedIssues = analysis.issues.filter((issue) => links[issue.issueId]?.selected);
  const source = sources.find((s) => s.id === details.sourceId) ?? null;

  const highlights: Highlight<string>[] = selectedIssues.flatMap((issue) => {
    const resolved = resolveQuote(analysis.text, links[issue.issueId]!, choices.get(issue.issueId) ?? []);
    return "quote" in resolved ? [{ start: resolved.start, end: resolved.start + resolved.quote.length, value: issue.title }] : [];
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: FormErrors = {};
    const evidence: CreateDocumentRequest["evidence"] = [];
    for (const issue of selectedIssues) {
      const link = links[issue.issueId]!;
      const resolved = resolveQuote(analysis.text, link, choices.get(issue.issueId) ?? []);
      if ("error" in resolved) next[`link:${issue.issueId}:quote`] = [resolved.error];
      if (!link.credibility) next[`link:${issue.issueId}:credibility`] = ["Choose how credible the passage is."];
      evidence.push({
        issueId: issue.issueId,
        quote: "quote" in resolved ? resolved.quote : "",
        ...("quote" in resolved ? { quoteStart: resolved.start } : {}),
        credibility: Number(link.credibility) || 0,
        stance: link.stance,
        note: link.note.trim(),
      });
    }
    const body: CreateDocumentRequest = {
      // The analyzed text goes back as it is: an upload keeps its extracted text, and the quotes' offsets refer to it.
      text: analysis.text,
      title: details.title.trim() || undefined,
      url: details.url.trim() || undefined,
      publishedAt: details.publishedAt || undefined,
      sourceId: details.sourceId || undefined,
      captureId: draft.capture?.id,
      inboxItemId: draft.inboxItem?.id,
      evidence,
    };
    const issueIds = selectedIssues.map((issue) => issue.issueId);
    const parsed = createDocumentSchema.safeParse(body);
    if (!parsed.success) {
      // The checks above say it better for the quote and the credibility; the schema covers the rest.
      for (const [key, messages] of Object.entries(errorsFromZod(parsed.error, placeOn(issueIds)))) next[key] ??= messages;
    }
    if (Object.keys(next).length) return showErrors(next);
    setErrors({});
    sentIssueIds.current = issueIds;
    save.mutate(body);
  }

  const linkErrors = (issueId: string): FormErrors => {
    const prefix = `link:${issueId}:`;
    return Object.fromEntries(Object.entries(errors).flatMap(([key, messages]) => (key.startsWith(prefix) ? [[key.slice(prefix.length), messages]] : [])));
  };
  // Still busy after success: the button stays disabled until the new document's page has loaded.
  const busy = save.isPending || save.isSuccess;

  return (
    <div className="intake-review">
      <form ref={form} onSubmit={onSubmit} noValidate className="stack" aria-labelledby="intake-step-2" aria-busy={busy}>
        <div className="card stack tight">
          <h2 id="intake-step-2" ref={heading} tabIndex={-1}>
            2. Review and save
          </h2>
          <p className="muted small">
            Analyzed {draft.file ? `“${draft.file.name}” (${formatBytes(draft.file.size)})` : draft.capture ? "the fetched page" : draft.inboxItem ? "the inbox item" : "the pasted text"}: {analysis.wordCount} words.{" "}
            <button type="button" className="button small-button" onClick={onBack}>
              Change the document
            </button>
          </p>
          {draft.inboxItem && !duplicateOf && <p className="small">From the inbox: saving accepts the item.</p>}
          {duplicateOf && (
            <div ref={duplicateNotice} className="notice" role="status" tabIndex={-1}>
              <p>
                <strong>This document is already in the library.</strong> The same text (ignoring case and spacing) was saved before, so it
                is not saved twice. <Link href={`/library/${duplicateOf}`}>Open the document in the library</Link> to see its evidence.
              </p>
            </div>
          )}
        </div>

        {!duplicateOf && (
          <section className="card stack" aria-labelledby="intake-details-heading">
            <h3 id="intake-details-heading">Details</h3>
            <Field label="Title" errors={errors.title} hint={`Detected: ${analysis.title}`}>
              {(control) => (
                <input {...control} value={details.title} maxLength={500} onChange={(e) => setDetails({ ...details, title: e.target.value })} />
              )}
            </Field>
            <div className="grid-2">
              <Field label="URL" errors={errors.url} hint="Optional. Kept with the document, never fetched.">
                {(control) => (
                  <input {...control} type="url" inputMode="url" value={details.url} onChange={(e) => setDetails({ ...details, url: e.target.value })} />
                )}
              </Field>
              <Field
                label="Published date"
                errors={errors.publishedAt}
                hint={
                  draft.capture?.publishedAt
                    ? "From the page’s metadata; correct it if needed."
                    : detectedDate
                      ? "Detected in the document; correct it if needed."
                      : "No date was detected; optional."
                }
              >
                {(control) => (
                  <input {...control} type="date" value={details.publishedAt} onChange={(e) => setDetails({ ...details, publishedAt: e.target.value })} />
                )}
              </Field>
            </div>
            <SourcePicker
              sources={sources}
              value={details.sourceId}
              onChange={(sourceId) => setDetails((current) => ({ ...current, sourceId }))}
              publisher={publisher}
              errors={errors.sourceId}
            />
          </section>
        )}

        <Findings analysis={analysis} />

        {!duplicateOf && (
          <section className="card stack" aria-labelledby="intake-issues-heading">
            <h3 id="intake-issues-heading">Link to issues</h3>
            {analysis.issues.length === 0 ? (
              <p className="muted">None of your team&apos;s issues matches this document. You can still save it to the library.</p>
            ) : (
              <>
                <p className="muted small">
                  {analysis.issuesMatched > analysis.issues.length
                    ? `The ${analysis.issues.length} most relevant of ${analysis.issuesMatched.toLocaleString("en")} matching issues, best first.`
                    : "Your team's issues, most relevant first."}{" "}
                  Tick the ones this document is evidence for, choose the passage to quote and grade it.
                </p>
                <ol className="issue-suggestions">
                  {analysis.issues.map((issue) => (
                    <IssueLink
                      key={issue.issueId}
                      issue={issue}
                      choices={choices.get(issue.issueId) ?? []}
                      link={links[issue.issueId]!}
                      onChange={(change) => setLinks((current) => ({ ...current, [issue.issueId]: { ...current[issue.issueId]!, ...change } }))}
                      errors={linkErrors(issue.issueId)}
                      selection={selection}
                      reliability={source?.reliability ?? null}
                    />
                  ))}
                </ol>
              </>
            )}
          </section>
        )}

        {!duplicateOf && (
          <div className="card stack tight">
            {foundNames.length > 0 && (
              <label className="checkbox">
                <input type="checkbox" checked={trackNames} onChange={(e) => setTrackNames(e.target.checked)} disabled={busy} /> Also track the{" "}
                {foundNames.length === 1 ? "organisation or person" : `${foundNames.length} organisations and people`} found as entities (screened against
                the sanctions lists)
              </label>
            )}
            <FormError errors={errors.form} />
            <div className="form-actions">
              <button type="submit" className="button primary" disabled={busy}>
                {busy ? "Saving…" : "Save to the library"}
              </button>
              <button type="button" className="button" onClick={onBack} disabled={busy}>
                Change the document
              </button>
              <span role="status" className="muted small">
                {busy
                  ? "Saving the document…"
                  : selectedIssues.length === 0
                    ? "No issue linked yet: the document is saved without evidence links."
                    : `Saves the document with ${selectedIssues.length} evidence ${selectedIssues.length === 1 ? "link" : "links"}.`}
              </span>
            </div>
          </div>
        )}
      </form>
      <DocumentViewer text={analysis.text} highlights={highlights} selection={selection} onSelect={setSelection} />
    </div>
  );
}

/** The API's field keys as the form's controls: `evidence.2.quote` is the quote of the third linked issue. */
const placeOn =
  (issueIds: string[]): Placement =>
  (key, message) => {
    const link = /^evidence\.(\d+)\.(\w+)/.exec(key);
    if (link && issueIds[Number(link[1])]) return [`link:${issueIds[Number(link[1])]}:${link[2]}`, message];
    if (["title", "url", "publishedAt", "sourceId"].includes(key)) return [key, message];
    return ["form", key === "(body)" || key === "form" ? message : `${fieldName(key)}: ${message}`];
  };

const fieldName = (key: string) => (key === "text" ? "The document's text" : key === "quote" ? "A quote" : key);

/** A failed save as messages beside the controls (422) or above the button (anything else). */
function saveErrors(error: unknown, issueIds: string[]): FormErrors {
  const fields = Object.entries(apiFieldErrors(error));
  if (fields.length) return placeErrors(fields, placeOn(issueIds));
  if (error instanceof ApiError) {
    if (error.code === "not_found" && /^source/i.test(error.message)) return { sourceId: ["This source no longer exists. Choose another."] };
    if (error.code === "not_found") return { form: [`${error.message}: it may have been deleted since the analysis. Change the document and analyze it again.`] };
    if (error.code === "payload_too_large") return { form: ["The document is too large to save (the limit is 10 MB)."] };
  }
  return { form: [apiMessage(error, ADD_EVIDENCE_FORBIDDEN)] };
}
