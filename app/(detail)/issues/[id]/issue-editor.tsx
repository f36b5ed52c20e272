"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { statusLabels, suggestsDesignationsInForce } from "@/lib/domain/status";
import { isApiError } from "@/lib/query/api";
import { issueHistoryQueryOptions, issueKeys, issueQueryOptions, issueRequests, issueWithChanges } from "@/lib/query/issues";
import { formatDateTime } from "@/lib/ui/format";
import { summaryOf, updateIssueSchema, type HistoryEvent, type IssueSummary, type UpdateIssueInput } from "@/lib/validation/issues";
import {
  changedFields,
  rebaseValues,
  fieldErrorsFromApi,
  fieldErrorsFromZod,
  inputForFields,
  issueFormValues,
  type Category,
  type FieldErrors,
  type IssueFormValues,
} from "@/app/(app)/issues/issue-fields";
import { focusFirstError, formMessages } from "@/app/components/forms";
import type { Person } from "@/lib/validation/team";
import { ConflictPanel } from "./conflict-panel";
import { DeleteIssue } from "./delete-issue";
import { EditIssueForm } from "./edit-issue-form";
import { IssueFacts, StatusBadge } from "./issue-facts";

/** `actorDesignated`: an actor tracked on the issue has a confirmed designation (suggests the status "designations_in_force"). */
type Props = { issue: IssueSummary; categories: Category[]; members: Person[]; canEdit: boolean; actorDesignated?: boolean };

/** An edit in progress: the version it started from, and what the user has typed. */
type Draft = { base: IssueSummary; values: IssueFormValues; rationale: string };
/** Someone saved first (412): the version the user started from, the current one, and who saved it when the history says. */
type Conflict = { before: IssueSummary; current: IssueSummary; changedBy: string | null };
/** `base` is the version the changes were made against; `shownBefore` what the optimistic update starts from. */
type Save = { version: number; changes: UpdateIssueInput; base: IssueSummary; shownBefore: IssueSummary };

const versionOf = (after: unknown) => Number((after as { version?: unknown } | null)?.version ?? 0);

export function IssueEditor({ issue: serverIssue, categories, members, canEdit, actorDesignated = false }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const key = issueKeys.detail(serverIssue.id);
  const { data: cached } = useQuery({ ...issueQueryOptions(serverIssue.id), initialData: serverIssue });
  // After router.refresh() the server's copy may be newer than the cache (someone else saved): the newest wins.
  const issue = cached.version >= serverIssue.version ? cached : serverIssue;

  const [draft, setDraft] = useState<Draft | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const conflictRef = useRef<HTMLDivElement>(null);

  async function showConflict(base: IssueSummary) {
    try {
      const current = await queryClient.fetchQuery({ ...issueQueryOptions(issue.id), staleTime: 0 });
      const history = await queryClient.fetchQuery({ ...issueHistoryQueryOptions(issue.id), staleTime: 0 }).catch((): HistoryEvent[] => []);
      const latest = history.findLast((event) => event.entityType === "issue" && versionOf(event.after) > base.version);
      flushSync(() => {
        // Keep what the user changed, take the rest from the current version, and compare from there on.
        setDraft((draft) => draft && { ...draft, base: current, values: rebaseValues(issueFormValues(base, categories), draft.values, issueFormValues(current, categories)) });
        setConflict((conflict) => ({ before: conflict?.before ?? base, current, changedBy: latest ? `${latest.actor} at ${formatDateTime(latest.at)}` : null }));
        setFormOpen(true);
      });
      conflictRef.current?.focus();
    } catch (error) {
      // Most likely deleted meanwhile: say so beside the form.
      reopenWithErrors(fieldErrorsFromApi(error));
    }
  }

  function reopenWithErrors(next: FieldErrors) {
    flushSync(() => {
      setErrors(next);
      setFormOpen(true);
    });
    focusFirstError(formRef.current);
  }

  const save = useMutation({
    mutationFn: ({ version, changes }: Save) => issueRequests.update(issue.id, version, changes),
    // Optimistic: the page shows the change at once; the server's answer replaces it, an error rolls it back.
    onMutate: async ({ changes, shownBefore }) => {
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      const previous = queryClient.getQueryData<IssueSummary>(key);
      queryClient.setQueryData(key, issueWithChanges(shownBefore, changes, categories, members));
      return { previous };
    },
    onError: async (error, { base }, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      setAnnouncement("Your changes were not saved.");
      if (isApiError(error, "precondition_failed")) await showConflict(base);
      else reopenWithErrors(fieldErrorsFromApi(error));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(key, summaryOf(saved));
      setDraft(null);
      setConflict(null);
      setAnnouncement("Your changes were saved.");
      // The timeline is rendered on the server: fetch it again with the new event.
      router.refresh();
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: issueKeys.history(issue.id) }),
  });

  /** Opens the form on the current version, with `preset` already chosen (the analyst still writes the rationale and saves). */
  function startEditing(preset: Partial<IssueFormValues> = {}) {
    if (save.isPending) return; // the last save is still on its way; its answer is the next base
    flushSync(() => {
      setDraft({ base: issue, values: { ...issueFormValues(issue, categories), ...preset }, rationale: "" });
      setErrors({});
      setConflict(null);
      setAnnouncement("");
      setFormOpen(true);
    });
    titleRef.current?.focus();
  }

  function close(message: string) {
    flushSync(() => {
      setDraft(null);
      setConflict(null);
      setErrors({});
      setFormOpen(false);
      setAnnouncement(message);
    });
    editButton.current?.focus();
  }

  function submit() {
    if (!draft) return;
    const fields = changedFields(issueFormValues(draft.base, categories), draft.values);
    if (fields.length === 0 && conflict) return close("The current version already has your changes; there was nothing more to save.");
    if (fields.length === 0) return reopenWithErrors({ form: ["Nothing has changed yet: change a field, or cancel."] });
    const rationale = draft.rationale.trim();
    const parsed = updateIssueSchema.safeParse({ ...inputForFields(draft.values, fields), ...(rationale ? { rationale } : {}) }, { error: formMessages });
    const problems: FieldErrors = parsed.success ? {} : fieldErrorsFromZod(parsed.error);
    // The API refuses a judgment change without a reason; say so before sending anything.
    if ((fields.includes("status") || fields.includes("likelihood")) && !rationale) {
      problems.rationale = ["Say why the status or likelihood changed: a rationale is required."];
    }
    if (!parsed.success || Object.keys(problems).length > 0) return reopenWithErrors(problems);

    flushSync(() => {
      setErrors({});
      setFormOpen(false);
      setAnnouncement("Saving your changes…");
    });
    editButton.current?.focus();
    save.mutate({ version: draft.base.version, changes: parsed.data, base: draft.base, shownBefore: issue });
  }

  const baseValues = draft ? issueFormValues(draft.base, categories) : null;
  const myFields = draft && baseValues ? changedFields(baseValues, draft.values) : [];
  const theirFields = conflict ? changedFields(issueFormValues(conflict.before, categories), issueFormValues(conflict.current, categories)) : [];

  return (
    <>
      <div className="page-title">
        <div className="stack tight">
          <h1>{issue.title}</h1>
          <p className="issue-meta">
            <StatusBadge status={issue.status} /> <span className="muted">{issue.category.name}</span>
          </p>
        </div>
        {canEdit && !formOpen && (
          <div className="form-actions">
            <button type="button" ref={editButton} className="button primary" onClick={() => startEditing()} aria-disabled={save.isPending || undefined}>
              Edit
            </button>
            <DeleteIssue id={issue.id} version={issue.version} title={issue.title} />
          </div>
        )}
      </div>
      <p role="status" className="save-status">
        {announcement}
      </p>
      {canEdit && !formOpen && suggestsDesignationsInForce(issue.status, actorDesignated) && (
        <div className="notice stack tight">
          <p>
            <strong>An actor is designated:</strong> consider the status {statusLabels.designations_in_force}.
          </p>
          <p>
            <button type="button" className="button" onClick={() => startEditing({ status: "designations_in_force" })} aria-disabled={save.isPending || undefined}>
              Set the status to {statusLabels.designations_in_force}…
            </button>
          </p>
        </div>
      )}
      {conflict && draft && formOpen && (
        <ConflictPanel
          theirFields={theirFields}
          myFields={myFields}
          theirs={issueFormValues(conflict.current, categories)}
          mine={draft.values}
          changedBy={conflict.changedBy}
          categories={categories}
          members={members}
          pending={save.isPending}
          onReapply={submit}
          onDiscard={() => {
            close("Your changes were discarded. This is the current version.");
            router.refresh();
          }}
          panelRef={conflictRef}
        />
      )}
      {draft && formOpen ? (
        <EditIssueForm
          values={draft.values}
          rationale={draft.rationale}
          judgmentMoved={myFields.includes("status") || myFields.includes("likelihood")}
          errors={errors}
          categories={categories}
          members={members}
          pending={save.isPending}
          onChange={(change) => setDraft((current) => current && { ...current, values: { ...current.values, ...change } })}
          onRationaleChange={(rationale) => setDraft((current) => current && { ...current, rationale })}
          onSubmit={submit}
          onCancel={() => close("Editing cancelled; nothing was saved.")}
          formRef={formRef}
          titleRef={titleRef}
        />
      ) : (
        <IssueFacts issue={issue} />
      )}
    </>
  );
}
