"use client";

import { useState, type FormEvent } from "react";
import { apiFetch } from "@/lib/query/api";
import { formatDate, formatDateTime } from "@/lib/ui/format";
import type { ApiTokenView } from "@/lib/validation/team";
import { RoleOptions } from "./role-options";
import { useAction } from "./use-action";

export function TokensPanel({ tokens }: { tokens: ApiTokenView[] }) {
  const { run, pending, error } = useAction();
  const [created, setCreated] = useState<ApiTokenView | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const expires = String(data.get("expiresAt") ?? "");
    const token = await run(() =>
      apiFetch<ApiTokenView>("/api/team/tokens", { method: "POST", body: { name: data.get("name"), role: data.get("role"), expiresAt: expires || null } }),
    );
    if (token) {
      setCreated(token);
      form.reset();
    }
  }

  return (
    <div className="stack">
      <p className="muted">Scripts send a token as <code>Authorization: Bearer &lt;token&gt;</code>. It acts for this team with the role you give it.</p>
      <form onSubmit={onSubmit} className="filters" aria-label="Create an API token">
        <label className="field">
          <span>Name</span>
          <input name="name" required maxLength={100} placeholder="e.g. nightly export" />
        </label>
        <label className="field">
          <span>Role</span>
          <select name="role" defaultValue="viewer">
            <RoleOptions />
          </select>
        </label>
        <label className="field">
          <span>Expires (optional)</span>
          <input name="expiresAt" type="date" />
        </label>
        <button type="submit" className="button primary" disabled={pending}>
          Create token
        </button>
      </form>
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
      {created?.token && (
        <div className="notice" role="status">
          <p>
            Copy the token for <strong>{created.name}</strong> now: it is stored hashed and cannot be shown again.
          </p>
          <p>
            <code className="secret">{created.token}</code>
          </p>
        </div>
      )}
      {tokens.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.role}</td>
                <td>{token.status}</td>
                <td>{token.expiresAt ? formatDate(token.expiresAt) : "never"}</td>
                <td>{formatDateTime(token.lastUsedAt)}</td>
                <td>
                  {token.status === "active" && (
                    <button type="button" className="button" disabled={pending} onClick={() => run(() => apiFetch(`/api/team/tokens/${token.id}`, { method: "DELETE" }))}>
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
