"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { issueKeys, issueRequests } from "@/lib/query/issues";
import { createIssueSchema, summaryOf } from "@/lib/validation/issues";
import type { Person } from "@/lib/validation/team";
import { FormError, formMessages, useFormErrors } from "@/app/components/forms";
import { IssueFields, fieldErrorsFromApi, fieldErrorsFromZod, issueFormValues, issueInputFrom, type Category, type IssueFieldName, type IssueFormValues } from "../issue-fields";

export function NewIssueForm({ categories, members }: { categories: Category[]; members: Person[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<IssueFormValues>(() => issueFormValues(undefined, categories));
  const { errors, setErrors, showErrors } = useFormErrors<IssueFieldName>(form);

  const create = useMutation({
    mutationFn: issueRequests.create,
    onSuccess: (issue) => {
      queryClient.setQueryData(issueKeys.detail(issue.id), summaryOf(issue));
      router.push(`/issues/${issue.id}`);
    },
    onError: (error) => showErrors(fieldErrorsFromApi(error)),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { nextReviewAt, ...input } = issueInputFrom(values);
    // No date: the server sets the first review from the status.
    const parsed = createIssueSchema.safeParse({ ...input, ...(nextReviewAt ? { nextReviewAt } : {}) }, { error: formMessages });
    if (!parsed.success) return showErrors(fieldErrorsFromZod(parsed.error));
    setErrors({});
    create.mutate(parsed.data);
  }

  // Still busy after success: the button stays disabled until the new issue's page has loaded.
  const busy = create.isPending || create.isSuccess;
  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="card stack" aria-label="New issue">
      <IssueFields
        values={values}
        errors={errors}
        categories={categories}
        members={members}
        onChange={(change) => setValues((current) => ({ ...current, ...change }))}
        reviewHint="Leave empty to set it from the status (30 days while monitoring)."
      />
      <FormError errors={errors.form} />
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? "Creating…" : "Create issue"}
        </button>
        <Link href="/watchlist" className="button">
          Cancel
        </Link>
      </div>
    </form>
  );
}
