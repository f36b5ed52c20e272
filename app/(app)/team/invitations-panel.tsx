"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/query/api";
import { formatDate } from "@/lib/ui/format";
import type { InvitationView } from "@/lib/validation/team";
import { RoleOptions } from "./role-options";
import { useAction } from "./use-action";

export function InvitationsPanel({ invitations }: { invitations: InvitationView[] }) {
  const { run, pending, error } = useAction();
  const [created, setCreated] = useState<InvitationView | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const invitation = await run(() => apiFetch<InvitationView>("/api/team/invitations", { method: "POST", body: { email: data.get("email"), role: data.get("role") } }));
    if (invitation) {
      setCreated(invitation);
      form.reset();
    }
  }

  return (
    <div className="stack">
      <form onSubmit={onSubmit} className="filters" aria-label="Invite a member">
        <label className="field">
          <span>Email</span>
          <input name="email" type="email" required autoComplete="off" />
        </label>
        <label className="field">
          <span>Role</span>
          <select name="role" defaultValue="viewer">
            <RoleOptions />
          </select>
        </label>
        <button type="submit" className="button primary" disabled={pending}>
          Create invitation link
        </button>
      </form>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
      {created?.link && (
        <div className="notice" role="status">
          <p>
            Send this link to <strong>{created.email}</strong>. It works once, for 7 days, and is not shown again:
          </p>
          <p>
            <code className="secret">{created.link}</code>
          </p>
        </div>
      )}
      {invitations.length === 0 ? (
        <p className="muted">No invitations yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Expires</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((invitation) => (
              <tr key={invitation.id}>
                <td>{invitation.email}</td>
                <td>{invitation.role}</td>
                <td>{invitation.status}</td>
                <td>{formatDate(invitation.expiresAt)}</td>
                <td>
                  {invitation.status === "pending" && (
                    <button type="button" className="button" disabled={pending} onClick={() => run(() => apiFetch(`/api/team/invitations/${invitation.id}`, { method: "DELETE" }))}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
