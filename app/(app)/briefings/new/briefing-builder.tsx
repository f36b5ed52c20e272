"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { flushSync } from "react-dom";
import type { z } from "zod";
import { markingDescriptions } from "@/lib/briefings/export/labels";
import { paragraphs } from "@/lib/briefings/export/outline";
import { briefingKeys, briefingPreviewQueryOptions, briefingRequests, type CreateBriefingRequest } from "@/lib/query/briefings";
import { BRIEFING_MARKINGS, type BriefingMarking } from "@/lib/briefings/snapshot";
import { likelihoodLabels, likelihoods } from "@/lib/domain/likelihood";
import { impactLabels } from "@/lib/domain/risk";
import { statusLabels } from "@/lib/domain/status";
import { ApiError } from "@/lib/query/api";
import { createBriefingSchema, MAX_BRIEFING_ISSUES } from "@/lib/validation/briefings";
import type { IssueSummary, issueSorts } from "@/lib/validation/issues";
import { MarkingBadge } from "../marking-badge";
import { CategoryOptions, StatusOptions } from "@/app/components/issue-options";

// The briefing builder: which issues (the watchlist's filters, or picked by hand), a title, a handling
// marking and the key judgments, with a live preview of what the briefing will hold. The preview asks the
// same API the watchlist uses, so what it shows is what the briefing will snapshot.

type Category = { slug: string; name: string };
type IssueSort = (typeof issueSorts)[number];

/** The filter form's values, as text: one status, category, likelihood and impact, like the watchlist's form. */
export type FilterValues = {
  q: string;
  status: string;
  category: string;
  jurisdiction: string;
  likelihood: string;
  impact: string;
  reviewDue: boolean;
  sort: IssueSort;
};

type Mode = "filter" | "pick";
type Errors = Partial<Record<"title" | "marking" | "issues" | "form", string[]>>;

const sortLabels: Record<IssueSort, string> = {
  "-risk": "Highest risk first",
  risk: "Lowest risk first",
  "-updated": "Recently updated first",
  updated: "Least recently updated first",
  title: "Title, A to Z",
  "-title": "Title, Z to A",
  review: "Next review, soonest first",
  "-review": "Next review, latest first",
};

const PREVIEW_SIZE = 100;

/** The filters as the watchlist's address writes them; the API takes the same names and values. */
function filterEntries(filter: FilterValues): [string, string][] {
  const entries: [string, string][] = [];
  const add = (key: string, value: string) => {
    if (value.trim()) entries.push([key, value.trim()]);
  };
  add("q", filter.q);
  add("status", filter.status);
  add("category", filter.category);
  add("jurisdiction", filter.jurisdiction);
  add("likelihood", filter.likelihood);
  add("impact", filter.impact);
  if (filter.reviewDue) entries.push(["reviewDue", "true"]);
  entries.push(["sort", filter.sort]);
  return entries;
}

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Messages from the API's or the schema's field names, grouped by the part of the form they belong to. */
function groupErrors(fields: Array<[string, string[]]>): Errors {
  const errors: Errors = {};
  for (const [name, messages] of fields) {
    const group = name === "title" || name === "marking" ? name : /^(filter|issueIds)\b/.test(name) ? "issues" : "form";
    const shown = group === "issues" && name.includes(".") ? messages.map((m) => `${name.replace(/^filter\./, "").replace(/\.\d+$/, "")}: ${m}`) : messages;
    (errors[group] ??= []).push(...shown);
  }
  return errors;
}

function errorsFromSchema(error: z.ZodError): Errors {
  return groupErrors(error.issues.map((issue) => [issue.path.join(".") || "form", [issue.message]]));
}

function errorsFromApi(error: unknown): Errors {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fieldErrors);
    if (fields.length) return groupErrors(fields);
    if (error.code === "forbidden") return { form: ["You need the analyst role to create briefings."] };
    return { form: [error.message] };
  }
  return { form: ["Something went wrong. Try again."] };
}

/** One line for an error of the preview's query: each invalid filter with its message. */
function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Try again.";
  const fields = Object.entries(error.fieldErrors);
  return fields.length ? fields.map(([name, messages]) => `${name.replace(/\.\d+$/, "")}: ${messages.join(" ")}`).join(" ") : error.message;
}

function ErrorText({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error" tabIndex={-1} data-error>
      {errors.join(" ")}
    </p>
  );
}

function Labelled({ label, hint, children }: { label: string; hint?: string; children: (id: string, hintId?: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {children(id, hint ? `${id}-hint` : undefined)}
    </div>
  );
}

export function BriefingBuilder({ categories, initialFilter }: { categories: Category[]; initialFilter: FilterValues }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const ids = { title: useId(), titleError: useId(), marking: useId(), issues: useId(), keyJudgments: useId() };

  const [title, setTitle] = useState("");
  const [marking, setMarking] = useState<BriefingMarking | "">("");
  const [keyJudgments, setKeyJudgments] = useState("");
  const [mode, setMode] = useState<Mode>("filter");
  const [filter, setFilter] = useState<FilterValues>(initialFilter);
  const [pickSearch, setPickSearch] = useState("");
  // Picked issues in the order they were picked: the briefing keeps that order.
  const [picked, setPicked] = useState<IssueSummary[]>([]);
  const [errors, setErrors] = useState<Errors>({});

  const entries = useMemo(() => filterEntries(filter), [filter]);
  const filterSearch = useDebounced(new URLSearchParams([...entries, ["pageSize", String(PREVIEW_SIZE)]]).toString(), 300);
  const pickListSearch = useDebounced(
    new URLSearchParams([...(pickSearch.trim() ? [["q", pickSearch.trim()]] : []), ["sort", "title"], ["pageSize", String(PREVIEW_SIZE)]]).toString(),
    300,
  );
  const preview = useQuery({ ...briefingPreviewQueryOptions(filterSearch), enabled: mode === "filter", placeholderData: keepPreviousData });
  const pickList = useQuery({ ...briefingPreviewQueryOptions(pickListSearch), enabled: mode === "pick", placeholderData: keepPreviousData });

  const showErrors = (next: Errors) => {
    flushSync(() => setErrors(next));
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-error]')?.focus();
  };

  const create = useMutation({
    mutationFn: briefingRequests.create,
    onSuccess: async (briefing) => {
      await queryClient.invalidateQueries({ queryKey: briefingKeys.all });
      router.push(`/briefings/${briefing.id}`);
    },
    onError: (error) => showErrors(errorsFromApi(error)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const request: CreateBriefingRequest = {
      title,
      marking: marking as BriefingMarking,
      keyJudgments,
      ...(mode === "filter" ? { filter: Object.fromEntries(entries) } : { issueIds: picked.map((issue) => issue.id) }),
    };
    const parsed = createBriefingSchema.safeParse(request);
    if (!parsed.success) return showErrors(errorsFromSchema(parsed.error));
    setErrors({});
    create.mutate(request);
  }

  const togglePicked = (issue: IssueSummary, on: boolean) =>
    setPicked((current) => (on ? [...current.filter((i) => i.id !== issue.id), issue] : current.filter((i) => i.id !== issue.id)));
  const setFilterValue = (change: Partial<FilterValues>) => setFilter((current) => ({ ...current, ...change }));

  const included: IssueSummary[] = mode === "filter" ? (preview.data?.items ?? []) : picked;
  const includedTotal = mode === "filter" ? (preview.data?.total ?? 0) : picked.length;
  const previewError = mode === "filter" && preview.error ? describeError(preview.error) : null;
  const bottomLine = paragraphs(keyJudgments);
  const busy = create.isPending || create.isSuccess;

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="briefing-builder" aria-label="New briefing">
      <div className="card stack">
        <div className="field">
          <label htmlFor={ids.title}>Title</label>
          <input
            id={ids.title}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            maxLength={200}
            aria-required
            aria-invalid={errors.title ? true : undefined}
            aria-describedby={errors.title ? ids.titleError : undefined}
          />
          <ErrorText id={ids.titleError} errors={errors.title} />
        </div>

        <fieldset className="choices" aria-describedby={errors.marking ? `${ids.marking}-error` : undefined}>
          <legend>Handling marking (TLP)</legend>
          {BRIEFING_MARKINGS.map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="marking" value={value} checked={marking === value} onChange={() => setMarking(value)} />
              <span>
                <MarkingBadge marking={value} /> <span className="muted small">{markingDescriptions[value]}</span>
              </span>
            </label>
          ))}
          <ErrorText id={`${ids.marking}-error`} errors={errors.marking} />
        </fieldset>

        <div className="field">
          <label htmlFor={ids.keyJudgments}>Key judgments</label>
          <span id={`${ids.keyJudgments}-hint`} className="hint">
            The bottom line up front. Separate paragraphs with a blank line.
          </span>
          <textarea id={ids.keyJudgments} aria-describedby={`${ids.keyJudgments}-hint`} value={keyJudgments} onChange={(e) => setKeyJudgments(e.target.value)} rows={6} maxLength={20_000} />
        </div>

        <fieldset className="stack" aria-describedby={errors.issues ? `${ids.issues}-error` : undefined}>
          <legend>Issues</legend>
          <div className="choices inline">
            <label className="choice">
              <input type="radio" name="mode" value="filter" checked={mode === "filter"} onChange={() => setMode("filter")} />
              <span>Every issue matching watchlist filters</span>
            </label>
            <label className="choice">
              <input type="radio" name="mode" value="pick" checked={mode === "pick"} onChange={() => setMode("pick")} />
              <span>Issues I pick</span>
            </label>
          </div>

          {mode === "filter" ? (
            <div className="filters" role="group" aria-label="Watchlist filters">
              <Labelled label="Search">
                {(id) => <input id={id} type="search" value={filter.q} onChange={(e) => setFilterValue({ q: e.target.value })} placeholder="Title, summary, actor or tag" />}
              </Labelled>
              <Labelled label="Status">
                {(id) => (
                  <select id={id} value={filter.status} onChange={(e) => setFilterValue({ status: e.target.value })}>
                    <option value="">Any status</option>
                    <StatusOptions />
                  </select>
                )}
              </Labelled>
              <Labelled label="Category">
                {(id) => (
                  <select id={id} value={filter.category} onChange={(e) => setFilterValue({ category: e.target.value })}>
                    <option value="">Any category</option>
                    <CategoryOptions categories={categories} />
                  </select>
                )}
              </Labelled>
              <Labelled label="Jurisdiction">
                {(id) => <input id={id} value={filter.jurisdiction} onChange={(e) => setFilterValue({ jurisdiction: e.target.value })} placeholder="e.g. CN" maxLength={40} />}
              </Labelled>
              <Labelled label="Likelihood">
                {(id) => (
                  <select id={id} value={filter.likelihood} onChange={(e) => setFilterValue({ likelihood: e.target.value })}>
                    <option value="">Any likelihood</option>
                    {likelihoods.map((l) => (
                      <option key={l} value={l}>
                        {likelihoodLabels[l]}
                      </option>
                    ))}
                  </select>
                )}
              </Labelled>
              <Labelled label="Impact">
                {(id) => (
                  <select id={id} value={filter.impact} onChange={(e) => setFilterValue({ impact: e.target.value })}>
                    <option value="">Any impact</option>
                    {Object.entries(impactLabels).map(([value, label]) => (
                      <option key={value} value={value}>
                        {value} · {label}
                      </option>
                    ))}
                  </select>
                )}
              </Labelled>
              <Labelled label="Order">
                {(id) => (
                  <select id={id} value={filter.sort} onChange={(e) => setFilterValue({ sort: e.target.value as IssueSort })}>
                    {Object.entries(sortLabels).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Labelled>
              <label className="checkbox">
                <input type="checkbox" checked={filter.reviewDue} onChange={(e) => setFilterValue({ reviewDue: e.target.checked })} />
                <span>Review due</span>
              </label>
              <Link href={`/watchlist?${new URLSearchParams(entries)}`} className="small">
                Open these filters in the watchlist
              </Link>
            </div>
          ) : (
            <div className="stack tight">
              <Labelled label="Find issues" hint="Tick the issues to include; they appear in the order you pick them.">
                {(id, hintId) => <input id={id} type="search" aria-describedby={hintId} value={pickSearch} onChange={(e) => setPickSearch(e.target.value)} placeholder="Title, summary, actor or tag" />}
              </Labelled>
              {pickList.isPending ? (
                <p className="muted">Loading the watchlist…</p>
              ) : pickList.error ? (
                <p className="error-message">{describeError(pickList.error)}</p>
              ) : pickList.data.items.length === 0 ? (
                <p className="muted">No issue matches “{pickSearch}”.</p>
              ) : (
                <ul className="pick-list" aria-label="Watchlist issues">
                  {pickList.data.items.map((issue) => (
                    <li key={issue.id}>
                      <label className="checkbox">
                        <input type="checkbox" checked={picked.some((i) => i.id === issue.id)} onChange={(e) => togglePicked(issue, e.target.checked)} />
                        <span>
                          {issue.title} <span className="muted small">· {statusLabels[issue.status]} · risk {issue.riskScore}</span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <ErrorText id={`${ids.issues}-error`} errors={errors.issues} />
        </fieldset>

        {errors.form?.length ? (
          <p role="alert" className="error-message" tabIndex={-1} data-error>
            {errors.form.join(" ")}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? "Creating the briefing…" : "Create briefing"}
          </button>
          <Link href="/briefings" className="button">
            Cancel
          </Link>
        </div>
      </div>

      <section className="card briefing-preview" aria-labelledby={`${ids.issues}-preview`}>
        <h2 id={`${ids.issues}-preview`}>Preview</h2>
        <div className="stack tight">
          {marking ? <MarkingBadge marking={marking} /> : <p className="muted small">No handling marking chosen yet.</p>}
          <p className="preview-title">{title.trim() || "Untitled briefing"}</p>
          <h3>Bottom line up front</h3>
          {bottomLine.length ? bottomLine.map((p, i) => <p key={i}>{p}</p>) : <p className="muted">No key judgments yet.</p>}
          <h3>Issues</h3>
          <p aria-live="polite" className="muted">
            {mode === "filter" && preview.isPending
              ? "Finding the matching issues…"
              : previewError
                ? "These filters are not valid."
                : `${includedTotal === 1 ? "1 issue" : `${includedTotal} issues`} will be included${
                    mode === "filter" && includedTotal > MAX_BRIEFING_ISSUES ? ` — more than the ${MAX_BRIEFING_ISSUES} a briefing can hold: narrow the filters` : ""
                  }.`}
          </p>
          {previewError && <p className="error-message">{previewError}</p>}
          {included.length > 0 && (
            <ol className="preview-issues">
              {included.map((issue) => (
                <li key={issue.id}>
                  <span className="preview-issue-title">{issue.title}</span>
                  <span className="muted small">
                    {statusLabels[issue.status]} · {likelihoodLabels[issue.likelihood]} · impact {issue.impact} · {issue.evidenceCount === 1 ? "1 evidence item" : `${issue.evidenceCount} evidence items`}
                  </span>
                </li>
              ))}
            </ol>
          )}
          {mode === "filter" && includedTotal > included.length && <p className="muted small">…and {includedTotal - included.length} more.</p>}
        </div>
      </section>
    </form>
  );
}
