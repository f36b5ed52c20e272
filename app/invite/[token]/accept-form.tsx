"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { authClient } from "@/lib/auth/client";
import { ApiError, apiFetch } from "@/lib/query/api";

export function AcceptInvitationForm({ token, email, newAccount }: { token: string; email: string; newAccount: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const password = String(form.get("password") ?? "");
    setPending(true);
    setError(null);
    setFieldErrors({});
    try {
      await apiFetch("/api/invitations/accept", { method: "POST", body: newAccount ? { token, name, password } : { token } });
      if (newAccount) await authClient.signIn.email({ email, password });
      router.replace("/");
      router.refresh();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : "Something went wrong. Try again.");
      if (caught instanceof ApiError) setFieldErrors(caught.fieldErrors);
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack">
      {newAccount && (
        <>
          <label className="field">
            <span>Your name</span>
            <input name="name" required autoComplete="name" aria-describedby={fieldErrors.name ? "name-error" : undefined} />
            {fieldErrors.name && <span id="name-error" className="field-error">{fieldErrors.name.join(" ")}</span>}
          </label>
          <label className="field">
            <span>Choose a password</span>
            <input name="password" type="password" required minLength={12} autoComplete="new-password" aria-describedby="password-hint" />
            <span id="password-hint" className="hint">At least 12 characters.</span>
            {fieldErrors.password && <span className="field-error">{fieldErrors.password.join(" ")}</span>}
          </label>
        </>
      )}
      {error && (
        <p role="alert" className="error-message">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={pending}>
        {pending ? "Joining…" : "Join the team"}
      </button>
    </form>
  );
}
