"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { markingDescriptions } from "@/lib/briefings/export/labels";
import { paragraphs } from "@/lib/briefings/export/outline";
import { briefingKeys, briefingPreviewQueryOptions, briefingRequests, type CreateBriefingRequest } from "@/lib/query/briefings";
import { BRIEFING_MARKINGS, type BriefingMarking } from "@/lib/briefings/snapshot";
import { likelihoodLabels, likelihoods } from "@/lib/domain/likelihood";
import { impactLabels } from "@/lib/domain/risk";
import { statusLabels } from "@/lib/domain/status";
import { ApiError, apiFetch } from "@/lib/query/api";
import { createBriefingSchema, MAX_BRIEFING_ISSUES } from "@/lib/validation/briefings";
import { createBriefingScheduleSchema } from "@/lib/validation/briefing-schedules";
import { weekdayLabels, type ScheduleCadence } from "@/lib/briefings/schedule";
import type { IssueSummary, issueSorts } from "@/lib/validation/issues";
import { MarkingBadge } from "../marking-badge";
import { errorsFromApi, errorsFromZod, Field, FieldError, FormError, useFormErrors, type Placement } from "@/app/components/forms";
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

/** Messages about the filter or the picked issues go beside the issues, naming the filter they concern. */
const placeBriefingError: Placement = (path, message) => {
  if (path === "title" || path === "marking" || path === "keyJudgments") return [path, message];
  if (path === "cadence" || path === "dayOfWeek" || path === "hour") return ["schedule", message];
  if (!/^(filter|issueIds)\b/.test(path)) return ["form", message];
  return ["issues", path.includes(".") ? `${path.replace(/^filter\./, "").replace(/\.\d+$/, "")}: ${message}` : message];
};

/** One line for an error of the preview's query: each invalid filter with its message. */
function describeError(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Try again.";
  const fields = Object.entries(error.fieldErrors);
  return fields.length ? fields.map(([name, messages]) => `${name.replace(/\.\d+$/, "")}: ${messages.join(" ")}`).join(" ") : error.message;
}

export function BriefingBuilder({ categories, initialFilter, timeZone }: { categories: Category[]; initialFilter: FilterValues; timeZone: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const ids = { marking: useId(), issues: useId() };

  const [title, setTitle] = useState("");
  const [marking, setMarking] = useState<BriefingMarking | "">("");
  const [keyJudgments, setKeyJudgments] = useState("");
  const [mode, setMode] = useState<Mode>("filter");
  const [filter, setFilter] = useState<FilterValues>(initialFilter);
  const [pickSearch, setPickSearch] = useState("");
  // Picked issues in the order they were picked: the briefing keeps that order.
  const [picked, setPicked] = useState<IssueSummary[]>([]);
  // Now, or on a schedule (issue 15): a schedule keeps the filters and makes the briefing at its hour.
  const [when, setWhen] = useState<"now" | "schedule">("now");
  const [cadence, setCadence] = useState<ScheduleCadence>("weekly");
  const [dayOfWeek, setDayOfWeek] = useState("1");
  const [hour, setHour] = useState("8");
  const { errors, setErrors, showErrors } = useFormErrors<"title" | "marking" | "keyJudgments" | "issues" | "schedule">(form);

  const entries = useMemo(() => filterEntries(filter), [filter]);
  const filterSearch = useDebounced(new URLSearchParams([...entries, ["pageSize", String(PREVIEW_SIZE)]]).toString(), 300);
  const pickListSearch = useDebounced(
    new URLSearchParams([...(pickSearch.trim() ? [["q", pickSearch.trim()]] : []), ["sort", "title"], ["pageSize", String(PREVIEW_SIZE)]]).toString(),
    300,
  );
  const preview = useQuery({ ...briefingPreviewQueryOptions(filterSearch), enabled: mode === "filter", placeholderData: keepPreviousData });
  const pickList = useQuery({ ...briefingPreviewQueryOptions(pickListSearch), enabled: mode === "pick", placeholderData: keepPreviousData });

  const create = useMutation({
    mutationFn: briefingRequests.create,
    onSuccess: async (briefing) => {
      await queryClient.invalidateQueries({ queryKey: briefingKeys.all });
      router.push(`/briefings/${briefing.id}`);
    },
    onError: (error) => showErrors(errorsFromApi(error, { place: placeBriefingError, forbidden: "You need the analyst role to create briefings." })),
  });

  const schedule = useMutation({
    mutationFn: (input: unknown) => apiFetch<{ id: string }>("/api/briefings/schedules", { method: "POST", body: input }),
    onSuccess: () => {
      router.push("/briefings#schedules");
      router.refresh();
    },
    onError: (error) => showErrors(errorsFromApi(error, { place: placeBriefingError, forbidden: "You need the analyst role to schedule briefings." })),
  });

  function onSchedule() {
    if (mode !== "filter") return showErrors({ issues: ["A schedule runs watchlist filters: choose “Every issue matching watchlist filters”."] });
    const request = { title, marking, keyJudgments, filter: Object.fromEntries(entries), cadence, hour: Number(hour), ...(cadence === "weekly" ? { dayOfWeek: Number(dayOfWeek) } : {}) };
    const parsed = createBriefingScheduleSchema.safeParse(request);
    if (!parsed.success) return showErrors(errorsFromZod(parsed.error, placeBriefingError));
    setErrors({});
    schedule.mutate(request);
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (when === "schedule") return onSchedule();
    const request: CreateBriefingRequest = {
      title,
      marking: marking as BriefingMarking,
      keyJudgments,
      ...(mode === "filter" ? { filter: Object.fromEntries(entries) } : { issueIds: picked.map((issue) => issue.id) }),
    };
    const parsed = createBriefingSchema.safeParse(request);
    if (!parsed.success) return showErrors(errorsFromZod(parsed.error, placeBriefingError));
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
  const busy = create.isPending || create.isSuccess || schedule.isPending || schedule.isSuccess;

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="briefing-builder" aria-label="New briefing">
      <div className="card stack">
        <Field label="Title" errors={errors.title}>
          {(control) => <input {...control} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} aria-required />}
        </Field>

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
          <FieldError id={`${ids.marking}-error`} errors={errors.marking} />
        </fieldset>

        <Field label="Key judgments" hint="The bottom line up front. Separate paragraphs with a blank line." errors={errors.keyJudgments}>
          {(control) => <textarea {...control} value={keyJudgments} onChange={(e) => setKeyJudgments(e.target.value)} rows={6} maxLength={20_000} />}
        </Field>

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
              <Field label="Search">
                {(control) => <input {...control} type="search" value={filter.q} onChange={(e) => setFilterValue({ q: e.target.value })} placeholder="Title, summary, actor or tag" />}
              </Field>
              <Field label="Status">
                {(control) => (
                  <select {...control} value={filter.status} onChange={(e) => setFilterValue({ status: e.target.value })}>
                    <option value="">Any status</option>
                    <StatusOptions />
                  </select>
                )}
              </Field>
              <Field label="Category">
                {(control) => (
                  <select {...control} value={filter.category} onChange={(e) => setFilterValue({ category: e.target.value })}>
                    <option value="">Any category</option>
                    <CategoryOptions categories={categories} />
                  </select>
                )}
              </Field>
              <Field label="Jurisdiction">
                {(control) => <input {...control} value={filter.jurisdiction} onChange={(e) => setFilterValue({ jurisdiction: e.target.value })} placeholder="e.g. CN" maxLength={40} />}
              </Field>
              <Field label="Likelihood">
                {(control) => (
                  <select {...control} value={filter.likelihood} onChange={(e) => setFilterValue({ likelihood: e.target.value })}>
                    <option value="">Any likelihood</option>
                    {likelihoods.map((l) => (
                      <option key={l} value={l}>
                        {likelihoodLabels[l]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Impact">
                {(control) => (
                  <select {...control} value={filter.impact} onChange={(e) => setFilterValue({ impact: e.target.value })}>
                    <option value="">Any impact</option>
                    {Object.entries(impactLabels).map(([value, label]) => (
                      <option key={value} value={value}>
                        {value} · {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Order">
                {(control) => (
                  <select {...control} value={filter.sort} onChange={(e) => setFilterValue({ sort: e.target.value as IssueSort })}>
                    {Object.entries(sortLabels).map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
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
              <Field label="Find issues" hint="Tick the issues to include; they appear in the order you pick them.">
                {(control) => <input {...control} type="search" value={pickSearch} onChange={(e) => setPickSearch(e.target.value)} placeholder="Title, summary, actor or tag" />}
              </Field>
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
          <FieldError id={`${ids.issues}-error`} errors={errors.issues} />
        </fieldset>

        <fieldset className="stack" aria-describedby={errors.schedule ? `${ids.issues}-schedule-error` : undefined}>
          <legend>When</legend>
          <div className="choices inline">
            <label className="choice">
              <input type="radio" name="when" value="now" checked={when === "now"} onChange={() => setWhen("now")} />
              <span>Now, once</span>
            </label>
            <label className="choice">
              <input type="radio" name="when" value="schedule" checked={when === "schedule"} onChange={() => setWhen("schedule")} />
              <span>On a schedule</span>
            </label>
          </div>
          {when === "schedule" && (
            <div className="filters" role="group" aria-label="Schedule">
              <Field label="How often">
                {(control) => (
                  <select {...control} value={cadence} onChange={(e) => setCadence(e.target.value as ScheduleCadence)}>
                    <option value="daily">Every day</option>
                    <option value="weekly">Every week</option>
                  </select>
                )}
              </Field>
              {cadence === "weekly" && (
                <Field label="Day">
                  {(control) => (
                    <select {...control} value={dayOfWeek} onChange={(e) => setDayOfWeek(e.target.value)}>
                      {Object.entries(weekdayLabels).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              )}
              <Field label="Hour" hint={`On your team's clock (${timeZone}).`}>
                {(control) => (
                  <select {...control} value={hour} onChange={(e) => setHour(e.target.value)}>
                    {Array.from({ length: 24 }, (_, h) => (
                      <option key={h} value={String(h)}>
                        {`${String(h).padStart(2, "0")}:00`}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <p className="muted small">Each run makes a briefing of the issues matching the filters at that time. You follow the schedule and are notified, with the download links, each time.</p>
            </div>
          )}
          <FieldError id={`${ids.issues}-schedule-error`} errors={errors.schedule} />
        </fieldset>

        <FormError errors={errors.form} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {when === "schedule" ? (busy ? "Saving the schedule…" : "Schedule briefing") : busy ? "Creating the briefing…" : "Create briefing"}
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
