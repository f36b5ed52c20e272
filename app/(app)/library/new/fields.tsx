"use client";

import { useId, type ReactNode } from "react";
import { ApiError } from "@/lib/query/api";

// Form plumbing for the intake: labelled controls with hints and errors wired for assistive
// technology, and API errors turned into messages beside the controls they concern.

/** Messages by control: "text", "file", "title", "url", "publishedAt", "sourceId", `link:<issueId>:<field>`, "form". */
export type Errors = Record<string, string[]>;

type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

export function Field({
  label,
  hint,
  errors,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[];
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, errors?.length ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": errors?.length ? true : undefined })}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

export function FieldError({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.join(" ")}
    </p>
  );
}

/** Errors that belong to no control: announced, and focusable so focus can be moved to them. */
export function FormError({ errors, children }: { errors?: string[]; children?: ReactNode }) {
  if (!errors?.length && !children) return null;
  return (
    <div role="alert" className="error-message" tabIndex={-1} data-form-error>
      {errors?.join(" ")}
      {children}
    </div>
  );
}

/** Moves focus to the first control with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(root: HTMLElement | null) {
  root?.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus();
}

/** The 422 field messages of an API error (`details.fields`), or none. */
export function apiFieldErrors(error: unknown): Errors {
  return error instanceof ApiError ? error.fieldErrors : {};
}

/** A message for an error that is not about one field. */
export function apiMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "forbidden") return "You need the analyst role to add evidence.";
    if (error.code === "unauthenticated") return "Your session has ended. Sign in again in another tab, then try again.";
    return error.message;
  }
  return "Something went wrong. Try again.";
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
