"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";
import { linesOf } from "@/app/(app)/entities/new-entity-form";
import { ApiError, isApiError } from "@/lib/query/api";
import { entityKeys, entityQueryOptions, entityRequests } from "@/lib/query/entities";
import type { EntryType } from "@/lib/sanctions/entry";
import { formatDate } from "@/lib/ui/format";
import { entityTypeLabels } from "@/lib/ui/entity-labels";
import type { EntityDetail } from "@/lib/validation/entities";
import { HitCard } from "./hit-card";
import { EntityTypeOptions } from "@/app/(app)/entities/entity-type-options";

type Props = { entity: EntityDetail; canEdit: boolean; others: { id: string; name: string }[] };

function messageOf(error: unknown): string {
  if (!(error instanceof ApiError)) return "Something went wrong. Try again.";
  if (error.code === "precondition_failed") return "Someone changed this entity meanwhile: the page now shows their version. Apply your change again.";
  return [error.message, ...Object.values(error.fieldErrors).flat()].join(" ");
}

export function EntityView({ entity: serverEntity, canEdit, others }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const key = entityKeys.detail(serverEntity.id);
  const { data: cached } = useQuery({ ...entityQueryOptions(serverEntity.id), initialData: serverEntity });
  const entity = cached.version >= serverEntity.version ? cached : serverEntity;
  const [editing, setEditing] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  /** After any change: the entity again (its hits changed) and the server's timeline. */
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: key });
    router.refresh();
  };
  const saved = (next: EntityDetail) => {
    queryClient.setQueryData(key, next);
    router.refresh();
  };

  const update = useMutation({
    mutationFn: (changes: Parameters<typeof entityRequests.update>[2]) => entityRequests.update(entity.id, entity.version, changes),
    onSuccess: (next) => {
      saved(next);
      setEditing(false);
      editButton.current?.focus();
    },
    onError: (error) => isApiError(error, "precondition_failed") && reload(),
  });
  const merge = useMutation({
    mutationFn: (from: string) => entityRequests.merge(entity.id, entity.version, from),
    onSuccess: saved,
    onError: (error) => isApiError(error, "precondition_failed") && reload(),
  });
  const remove = useMutation({
    mutationFn: () => entityRequests.remove(entity.id, entity.version),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: key });
      router.push("/entities");
    },
    onError: (error) => isApiError(error, "precondition_failed") && reload(),
  });

  function submitEdit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? "").trim();
    update.mutate({ type: text("type") as EntryType, name: text("name"), aliases: linesOf(text("aliases")), country: text("country") || null, notes: text("notes") });
  }

  function submitMerge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const from = String(new FormData(event.currentTarget).get("from") ?? "");
    if (from) merge.mutate(from);
  }

  const current = entity.hits.filter((hit) => !hit.goneAt);
  const waiting = current.filter((hit) => !hit.decision);
  const decided = entity.hits.filter((hit) => hit.decision);

  return (
    <div className="stack">
      <div className="page-title">
        <h1>{entity.name}</h1>
        {entity.designations.length > 0 && <span className="badge designated">Designated</span>}
      </div>
      <dl className="facts">
        <div>
          <dt>Type</dt>
          <dd>{entityTypeLabels[entity.type]}</dd>
        </div>
        <div>
          <dt>Country</dt>
          <dd>{entity.country ?? "—"}</dd>
        </div>
        <div>
          <dt>Other names</dt>
          <dd>{entity.aliases.join(", ") || "—"}</dd>
        </div>
        <div>
          <dt>Identifiers</dt>
          <dd>{entity.identifiers.map((i) => (i.kind ? `${i.kind}: ${i.value}` : i.value)).join(", ") || "—"}</dd>
        </div>
        {entity.notes && (
          <div>
            <dt>Notes</dt>
            <dd className="issue-summary">{entity.notes}</dd>
          </div>
        )}
      </dl>

      {canEdit && !editing && (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            ref={editButton}
            onClick={() => {
              flushSync(() => setEditing(true));
              nameRef.current?.focus();
            }}
          >
            Edit
          </button>
        </div>
      )}
      {canEdit && editing && (
        <form className="card stack" onSubmit={submitEdit} aria-labelledby="edit-entity-heading">
          <h2 id="edit-entity-heading">Edit</h2>
          <label className="field">
            Name
            <input ref={nameRef} name="name" required maxLength={300} defaultValue={entity.name} />
          </label>
          <label className="field">
            Type
            <select name="type" defaultValue={entity.type}>
              <EntityTypeOptions />
            </select>
          </label>
          <label className="field">
            Other names (one a line)
            <textarea name="aliases" rows={3} defaultValue={entity.aliases.join("\n")} />
          </label>
          <label className="field">
            Country (name or ISO code)
            <input name="country" maxLength={100} defaultValue={entity.country ?? ""} />
          </label>
          <label className="field">
            Notes
            <textarea name="notes" rows={3} defaultValue={entity.notes} />
          </label>
          {update.error && (
            <p role="alert" className="error-message">
              {messageOf(update.error)}
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={update.isPending}>
              {update.isPending ? "Saving and screening…" : "Save"}
            </button>
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}

      <section aria-labelledby="designations-heading" className="stack">
        <h2 id="designations-heading">Designations</h2>
        {entity.designations.length === 0 ? (
          <p className="muted">No confirmed designation.</p>
        ) : (
          <ul className="inline-list">
            {entity.designations.map((d) => (
              <li key={d.hitId}>
                <strong>{d.list}</strong> {d.sourceId} ({d.name}): {d.programs.join(", ") || "no program"} · listed since {formatDate(d.since)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="review-heading" className="stack">
        <h2 id="review-heading">Hits waiting for review ({waiting.length})</h2>
        {waiting.length === 0 ? (
          <p className="muted">None: every hit on the lists&apos; latest releases has a decision, or there is none.</p>
        ) : (
          <ul className="hit-list">
            {waiting.map((hit) => (
              <HitCard key={hit.id} hit={hit} canDecide={canEdit} onDecided={reload} />
            ))}
          </ul>
        )}
      </section>

      {decided.length > 0 && (
        <section aria-labelledby="decided-heading" className="stack">
          <h2 id="decided-heading">Decided hits</h2>
          <ul className="hit-list">
            {decided.map((hit) => (
              <HitCard key={`${hit.id}-${hit.decidedAt}`} hit={hit} canDecide={canEdit} onDecided={reload} />
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="issues-heading" className="stack">
        <h2 id="issues-heading">Issues</h2>
        {entity.issues.length === 0 ? (
          <p className="muted">Not an actor of any issue.</p>
        ) : (
          <ul className="inline-list">
            {entity.issues.map((issue) => (
              <li key={issue.id}>
                <Link href={`/issues/${issue.id}`}>{issue.title}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="documents-heading" className="stack">
        <h2 id="documents-heading">Documents that name it</h2>
        {entity.documents.length === 0 ? (
          <p className="muted">None linked.</p>
        ) : (
          <ul className="inline-list">
            {entity.documents.map((document) => (
              <li key={document.id}>
                <Link href={`/library/${document.id}`}>{document.title}</Link> <span className="muted small">{formatDate(document.publishedAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit && (
        <section aria-labelledby="merge-heading" className="card stack">
          <h2 id="merge-heading">Merge or delete</h2>
          {others.length > 0 && (
            <form className="form-actions" onSubmit={submitMerge}>
              <label className="field">
                The same as
                <select name="from" defaultValue="">
                  <option value="" disabled>
                    Choose an entity
                  </option>
                  {others.map((other) => (
                    <option key={other.id} value={other.id}>
                      {other.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" className="button" disabled={merge.isPending}>
                Merge it into this one
              </button>
            </form>
          )}
          <p className="small muted">Merging keeps the other&apos;s names as aliases and moves its issues, documents and hits (with their decisions) here.</p>
          {merge.error && (
            <p role="alert" className="error-message">
              {messageOf(merge.error)}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button danger" disabled={remove.isPending} onClick={() => window.confirm(`Stop tracking ${entity.name}? Its hits go; its history stays.`) && remove.mutate()}>
              Delete
            </button>
          </div>
          {remove.error && (
            <p role="alert" className="error-message">
              {messageOf(remove.error)}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
