"use client";

import type { Ref } from "react";
import type { Person } from "@/lib/validation/team";
import { displayValue, fieldLabels, type Category, type IssueFieldName, type IssueFormValues } from "@/app/(app)/issues/issue-fields";

type Props = {
  /** What the other person changed since this user started editing, and what this user changed. */
  theirFields: IssueFieldName[];
  myFields: IssueFieldName[];
  theirs: IssueFormValues;
  mine: IssueFormValues;
  /** "Ana Analyst at 3 May 2026, 14:05 UTC", when the history says. */
  changedBy: string | null;
  categories: Category[];
  members: Person[];
  pending: boolean;
  onReapply: () => void;
  onDiscard: () => void;
  panelRef: Ref<HTMLDivElement>;
};

// A 412: someone saved first. Nothing of theirs is overwritten silently: the user sees both
// versions and decides.
export function ConflictPanel({ theirFields, myFields, theirs, mine, changedBy, categories, members, pending, onReapply, onDiscard, panelRef }: Props) {
  const show = (field: IssueFieldName, values: IssueFormValues) => displayValue(field, values, categories, members);
  return (
    <div role="alert" aria-labelledby="conflict-heading" className="notice stack conflict" ref={panelRef} tabIndex={-1}>
      <h2 id="conflict-heading">Someone else changed this issue while you were editing</h2>
      <p>
        {changedBy ? `Saved by ${changedBy}. ` : ""}Your changes are not saved yet. Compare the two versions, then re-apply yours on top of theirs or
        discard them.
      </p>
      {theirFields.length > 0 ? (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">Their changes compared with yours</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Theirs (saved)</th>
                <th scope="col">Yours (not saved)</th>
              </tr>
            </thead>
            <tbody>
              {theirFields.map((field) => (
                <tr key={field}>
                  <th scope="row">{fieldLabels[field]}</th>
                  <td>{show(field, theirs)}</td>
                  <td>{myFields.includes(field) ? show(field, mine) : <span className="muted">Not changed by you: theirs stays</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>They changed nothing that you can edit here (for example, they added evidence).</p>
      )}
      <p>
        Re-applying saves your changes to {myFields.map((f) => fieldLabels[f]).join(", ") || "nothing"}; everything else keeps the current
        version.
      </p>
      <div className="form-actions">
        <button type="button" className="button primary" onClick={onReapply} disabled={pending}>
          Re-apply my changes
        </button>
        <button type="button" className="button" onClick={onDiscard} disabled={pending}>
          Discard mine
        </button>
      </div>
    </div>
  );
}
