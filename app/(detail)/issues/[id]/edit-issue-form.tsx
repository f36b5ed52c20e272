"use client";

import type { FormEvent, Ref } from "react";
import { Field, FormError } from "@/app/components/forms";
import type { Person } from "@/lib/validation/team";
import { IssueFields, type Category, type FieldErrors, type IssueFormValues } from "@/app/(app)/issues/issue-fields";

type Props = {
  values: IssueFormValues;
  rationale: string;
  /** The status or likelihood differs from the version being edited: the rationale is required. */
  judgmentMoved: boolean;
  errors: FieldErrors;
  categories: Category[];
  members: Person[];
  pending: boolean;
  onChange: (change: Partial<IssueFormValues>) => void;
  onRationaleChange: (rationale: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
  formRef: Ref<HTMLFormElement>;
  titleRef: Ref<HTMLInputElement>;
};

export function EditIssueForm({ values, rationale, judgmentMoved, errors, categories, members, pending, onChange, onRationaleChange, onSubmit, onCancel, formRef, titleRef }: Props) {
  // Validation is ours (the API's zod schema), so the browser's own bubbles stay off.
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <section aria-labelledby="edit-heading" className="card">
      <h2 id="edit-heading">Edit issue</h2>
      <form ref={formRef} onSubmit={submit} noValidate className="stack">
        <IssueFields
          values={values}
          errors={errors}
          categories={categories}
          members={members}
          onChange={onChange}
          titleRef={titleRef}
          reviewHint="A new status sets a new review date unless you pick one."
        />
        <Field
          label="Rationale"
          hint={judgmentMoved ? "Required: say why the status or likelihood changed. It is kept in the timeline." : "Required when the status or likelihood changes. It is kept in the timeline."}
          errors={errors.rationale}
        >
          {(control) => <textarea {...control} value={rationale} onChange={(e) => onRationaleChange(e.target.value)} rows={3} aria-required={judgmentMoved} />}
        </Field>
        <FormError errors={errors.form} />
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={pending}>
            {pending ? "Saving…" : "Save changes"}
          </button>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
