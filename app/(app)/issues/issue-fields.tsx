"use client";

import type { Ref } from "react";
import { issueFieldLabels } from "@/lib/ui/issue-labels";
import type { z } from "zod";
import { likelihoodLabels, likelihoodRanges, likelihoods } from "@/lib/domain/likelihood";
import { IMPACT_MAX, IMPACT_MIN, impactLabels } from "@/lib/domain/risk";
import { issueStatuses, statusLabels } from "@/lib/domain/status";
import { formatDate } from "@/lib/ui/format";
import type { IssueSummary } from "@/lib/validation/issues";
import type { Person } from "@/lib/validation/team";
import { errorsFromApi, errorsFromZod, Field, type FormErrors, type Placement } from "@/app/components/forms";
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
  /** A member's user id, or empty: unassigned. */
  ownerId: string;
  /** `YYYY-MM-DD`, or empty. */
  nextReviewAt: string;
};
export type IssueFieldName = keyof IssueFormValues;

/** Messages per field; `rationale` belongs to the edit form, `form` to no field in particular. */
export type FieldErrors = FormErrors<IssueFieldName | "rationale">;

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
    ownerId: issue?.ownerId ?? "",
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
    ownerId: values.ownerId || null,
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
export function displayValue(field: IssueFieldName, values: IssueFormValues, categories: Category[], members: Person[]): string {
  const value = values[field].trim();
  if (!value) return field === "ownerId" ? "Unassigned" : "none";
  switch (field) {
    case "status":
      return statusLabels[values.status];
    case "likelihood":
      return `${likelihoodLabels[values.likelihood]} (${likelihoodRanges[values.likelihood]})`;
    case "impact":
      return `${value} · ${impactLabels[Number(value)] ?? ""}`;
    case "category":
      return categories.find((c) => c.slug === value)?.name ?? value;
    case "ownerId":
      return members.find((m) => m.id === value)?.name ?? FORMER_MEMBER;
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

/** Messages about `jurisdictions.1` go beside Jurisdictions as "Item 2: …"; unknown paths above the form. */
const placeIssueError: Placement = (path, message) => {
  const [root = "", index] = path.split(".");
  if (!(root in fieldLabels) && root !== "rationale") return ["form", message];
  return [root, index !== undefined ? `Item ${Number(index) + 1}: ${message}` : message];
};

export const fieldErrorsFromZod = (error: z.ZodError): FieldErrors => errorsFromZod(error, placeIssueError);

/** A failed save as messages beside the fields (422) or above the form (anything else). */
export const fieldErrorsFromApi = (error: unknown): FieldErrors =>
  errorsFromApi(error, { place: placeIssueError, forbidden: "You need the analyst role to change issues." });

/** An owner who has since left the team: kept until someone picks another. */
const FORMER_MEMBER = "A former member of the team";

type FieldsProps = {
  values: IssueFormValues;
  errors: FieldErrors;
  categories: Category[];
  /** The team's members, who may own the issue. */
  members: Person[];
  onChange: (change: Partial<IssueFormValues>) => void;
  /** The first field, for moving focus into the form when it opens. */
  titleRef?: Ref<HTMLInputElement>;
  /** What an empty review date means differs between creating and editing. */
  reviewHint: string;
};

export function IssueFields({ values, errors, categories, members, onChange, titleRef, reviewHint }: FieldsProps) {
  const ownerLeft = values.ownerId !== "" && !members.some((m) => m.id === values.ownerId);
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
        <Field label="Owner" hint="The member who keeps this issue up to date" errors={errors.ownerId}>
          {(control) => (
            <select {...control} value={values.ownerId} onChange={(e) => onChange({ ownerId: e.target.value })}>
              <option value="">Unassigned</option>
              {ownerLeft && <option value={values.ownerId}>{FORMER_MEMBER}</option>}
              {members.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name} ({member.email})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Next review" hint={reviewHint} errors={errors.nextReviewAt}>
          {(control) => <input {...control} type="date" value={values.nextReviewAt} onChange={(e) => onChange({ nextReviewAt: e.target.value })} />}
        </Field>
      </div>
    </>
  );
}
