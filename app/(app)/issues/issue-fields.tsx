"use client";

import { useId, type ReactNode, type Ref } from "react";
import { issueFieldLabels } from "@/lib/ui/issue-labels";
import type { z } from "zod";
import { likelihoodLabels, likelihoodRanges, likelihoods } from "@/lib/domain/likelihood";
import { IMPACT_MAX, IMPACT_MIN, impactLabels } from "@/lib/domain/risk";
import { issueStatuses, statusLabels } from "@/lib/domain/status";
import { ApiError } from "@/lib/query/api";
import { formatDate } from "@/lib/ui/format";
import type { IssueSummary } from "@/lib/validation/issues";
import { CategoryOptions, StatusOptions } from "@/app/components/issue-options";

// The fields of an issue as the create and edit forms show them. Both forms hold the same strings
// (lists are typed as text) and turn them into the API's input the same way, then validate it with
// the API's own zod schema, so the browser and the server never disagree about what is valid.

export type Category = { slug: string; name: string };
type IssueStatus = (typeof issueStatuses)[number];
type Likelihood = (typeof likelihoods)[number];

export type IssueFormValues = {
  title: string;
  summary: string;
  category: string;
  status: IssueStatus;
  likelihood: Likelihood;
  impact: string;
  jurisdictions: string;
  actors: string;
  hsCodes: string;
  tags: string;
  /** `YYYY-MM-DD`, or empty. */
  nextReviewAt: string;
};
export type IssueFieldName = keyof IssueFormValues;

/** Messages per field; `rationale` belongs to the edit form, `form` to no field in particular. */
export type FieldErrors = Partial<Record<IssueFieldName | "rationale" | "form", string[]>>;

export const fieldLabels: Record<IssueFieldName, string> = issueFieldLabels;

export function issueFormValues(issue: IssueSummary | undefined, categories: Category[]): IssueFormValues {
  return {
    title: issue?.title ?? "",
    summary: issue?.summary ?? "",
    category: issue?.category.slug ?? categories[0]?.slug ?? "",
    status: issue?.status ?? "monitoring",
    likelihood: issue?.likelihood ?? "roughly_even_chance",
    impact: String(issue?.impact ?? 3),
    jurisdictions: issue?.jurisdictions.join(", ") ?? "",
    // One actor a line: names of companies and banks often contain commas.
    actors: issue?.actors.join("\n") ?? "",
    hsCodes: issue?.hsCodes.join(", ") ?? "",
    tags: issue?.tags.join(", ") ?? "",
    nextReviewAt: issue?.nextReviewAt?.slice(0, 10) ?? "",
  };
}

const commaList = (text: string) => text.split(/[,;\n]/).map((v) => v.trim()).filter(Boolean);
const lineList = (text: string) => text.split("\n").map((v) => v.trim()).filter(Boolean);

/** The form's strings as the API's input, before validation (the schema trims, dedupes and checks). */
export function issueInputFrom(values: IssueFormValues) {
  return {
    title: values.title,
    summary: values.summary,
    category: values.category,
    status: values.status,
    likelihood: values.likelihood,
    impact: Number(values.impact),
    jurisdictions: commaList(values.jurisdictions),
    actors: lineList(values.actors),
    hsCodes: commaList(values.hsCodes),
    tags: commaList(values.tags),
    nextReviewAt: values.nextReviewAt || null,
  };
}

/** The fields whose values differ between two versions of the form (compared as the API would read them). */
export function changedFields(before: IssueFormValues, after: IssueFormValues): IssueFieldName[] {
  const a = issueInputFrom(before);
  const b = issueInputFrom(after);
  return (Object.keys(fieldLabels) as IssueFieldName[]).filter((field) => JSON.stringify(a[field]) !== JSON.stringify(b[field]));
}

/**
 * The user's edit moved onto a newer version (after a 412): the fields they changed keep their
 * values, every other field takes the newer version's, so the form shows exactly what saving would write.
 */
export function rebaseValues(before: IssueFormValues, mine: IssueFormValues, current: IssueFormValues): IssueFormValues {
  const changed = new Set(changedFields(before, mine));
  const rebased = { ...current };
  for (const field of changed) Object.assign(rebased, { [field]: mine[field] });
  return rebased;
}

/** Only the given fields of the form, as API input: a PATCH sends what the user changed and nothing else. */
export function inputForFields(values: IssueFormValues, fields: IssueFieldName[]) {
  const input = issueInputFrom(values);
  return Object.fromEntries(fields.map((field) => [field, input[field]]));
}

/** A form value as a person reads it, for comparing versions. */
export function displayValue(field: IssueFieldName, values: IssueFormValues, categories: Category[]): string {
  const value = values[field].trim();
  if (!value) return "none";
  switch (field) {
    case "status":
      return statusLabels[values.status];
    case "likelihood":
      return `${likelihoodLabels[values.likelihood]} (${likelihoodRanges[values.likelihood]})`;
    case "impact":
      return `${value} · ${impactLabels[Number(value)] ?? ""}`;
    case "category":
      return categories.find((c) => c.slug === value)?.name ?? value;
    case "actors":
      return lineList(value).join(", ");
    case "nextReviewAt":
      return formatDate(value);
    case "summary":
      return value.length > 160 ? `${value.slice(0, 160)}…` : value;
    default:
      return value;
  }
}

/** Zod's default messages are written for developers; these are for the people filling in the form. */
export const formMessages: z.core.$ZodErrorMap<z.core.$ZodIssue> = (issue) => {
  if (issue.code === "too_small" && issue.origin === "string") return Number(issue.minimum) <= 1 ? "Required" : `Use at least ${issue.minimum} characters`;
  if (issue.code === "too_big" && issue.origin === "string") return `Too long: use at most ${issue.maximum} characters`;
  if (issue.code === "too_big" && issue.origin === "array") return `Too many: at most ${issue.maximum}`;
  if (issue.code === "invalid_value") return "Choose one of the options";
  return undefined;
};

const fieldOf = (path: string): keyof FieldErrors => {
  const root = path.split(".")[0] ?? "";
  return root in fieldLabels || root === "rationale" ? (root as keyof FieldErrors) : "form";
};

function collect(entries: [string, string[]][]): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, messages] of entries) {
    const field = fieldOf(path);
    // `jurisdictions.1: bad code` reads better with the value's position spelt out.
    const index = path.split(".")[1];
    (errors[field] ??= []).push(...messages.map((m) => (index !== undefined && field !== "form" ? `Item ${Number(index) + 1}: ${m}` : m)));
  }
  return errors;
}

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  return collect(error.issues.map((issue) => [issue.path.join("."), [issue.message]]));
}

/** A failed save as messages beside the fields (422) or above the form (anything else). */
export function fieldErrorsFromApi(error: unknown): FieldErrors {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fieldErrors);
    if (fields.length) return collect(fields);
    if (error.code === "forbidden") return { form: ["You need the analyst role to change issues."] };
    return { form: [error.message] };
  }
  return { form: ["Something went wrong. Try again."] };
}

/** Moves focus to the first field with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(form: HTMLFormElement | null) {
  form?.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus();
}

type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** A labelled control with an optional hint and its error messages, wired for assistive technology. */
export function Field({ label, hint, errors, children }: { label: string; hint?: ReactNode; errors?: string[]; children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": errors?.length ? true : undefined })}
      {errors?.length ? (
        <p id={errorId} className="field-error">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

type FieldsProps = {
  values: IssueFormValues;
  errors: FieldErrors;
  categories: Category[];
  onChange: (change: Partial<IssueFormValues>) => void;
  /** The first field, for moving focus into the form when it opens. */
  titleRef?: Ref<HTMLInputElement>;
  /** What an empty review date means differs between creating and editing. */
  reviewHint: string;
};

export function IssueFields({ values, errors, categories, onChange, titleRef, reviewHint }: FieldsProps) {
  return (
    <>
      <Field label="Title" errors={errors.title}>
        {(control) => <input {...control} ref={titleRef} value={values.title} onChange={(e) => onChange({ title: e.target.value })} maxLength={200} aria-required />}
      </Field>
      <Field label="Summary" hint="What is happening and why it matters." errors={errors.summary}>
        {(control) => <textarea {...control} value={values.summary} onChange={(e) => onChange({ summary: e.target.value })} rows={4} />}
      </Field>
      <div className="grid-2">
        <Field label="Category" errors={errors.category}>
          {(control) => (
            <select {...control} value={values.category} onChange={(e) => onChange({ category: e.target.value })}>
              <CategoryOptions categories={categories} />
            </select>
          )}
        </Field>
        <Field label="Status" errors={errors.status}>
          {(control) => (
            <select {...control} value={values.status} onChange={(e) => onChange({ status: e.target.value as IssueStatus })}>
              <StatusOptions />
            </select>
          )}
        </Field>
        <Field label="Likelihood" hint="ICD 203 estimative scale" errors={errors.likelihood}>
          {(control) => (
            <select {...control} value={values.likelihood} onChange={(e) => onChange({ likelihood: e.target.value as Likelihood })}>
              {likelihoods.map((l) => (
                <option key={l} value={l}>
                  {likelihoodLabels[l]} ({likelihoodRanges[l]})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Impact" hint={`${IMPACT_MIN} (minimal) to ${IMPACT_MAX} (severe)`} errors={errors.impact}>
          {(control) => (
            <select {...control} value={values.impact} onChange={(e) => onChange({ impact: e.target.value })}>
              {Object.entries(impactLabels).map(([value, label]) => (
                <option key={value} value={value}>
                  {value} · {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Jurisdictions" hint="Two-letter codes, comma-separated, e.g. US, CN, EU" errors={errors.jurisdictions}>
          {(control) => <input {...control} value={values.jurisdictions} onChange={(e) => onChange({ jurisdictions: e.target.value })} autoCapitalize="characters" />}
        </Field>
        <Field label="HS codes" hint="Comma-separated, e.g. 8542, 8411.12" errors={errors.hsCodes}>
          {(control) => <input {...control} value={values.hsCodes} onChange={(e) => onChange({ hsCodes: e.target.value })} inputMode="decimal" />}
        </Field>
        <Field label="Actors" hint="States, companies, banks or people; one a line" errors={errors.actors}>
          {(control) => <textarea {...control} value={values.actors} onChange={(e) => onChange({ actors: e.target.value })} rows={3} />}
        </Field>
        <Field label="Tags" hint="Comma-separated" errors={errors.tags}>
          {(control) => <input {...control} value={values.tags} onChange={(e) => onChange({ tags: e.target.value })} />}
        </Field>
        <Field label="Next review" hint={reviewHint} errors={errors.nextReviewAt}>
          {(control) => <input {...control} type="date" value={values.nextReviewAt} onChange={(e) => onChange({ nextReviewAt: e.target.value })} />}
        </Field>
      </div>
    </>
  );
}

/** Errors that belong to no field: shown above the buttons and announced. */
export function FormError({ errors }: { errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p role="alert" className="error-message" tabIndex={-1} data-form-error>
      {errors.join(" ")}
    </p>
  );
}
