"use client";

import { useId, useState, type ReactNode, type RefObject } from "react";
import { flushSync } from "react-dom";
import type { z } from "zod";
import { ApiError } from "@/lib/query/api";

// The one form kit (after epic-stack's app/components/forms.tsx): labelled controls with hints and
// errors wired for assistive technology, errors that belong to no field, focus on the first error
// after a failed submit, and the API's and the schema's field messages placed beside the fields.

/** Messages by field name; `form` holds those that belong to no field in particular. */
export type FormErrors<Name extends string = string> = Partial<Record<Name | "form", string[]>>;

/** Where a message about `path` (e.g. `jurisdictions.1`) is shown, and how it reads there. */
export type Placement = (path: string, message: string) => [field: string, message: string];

type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

/** A labelled control with an optional hint and its error messages. */
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
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {children({ id, "aria-describedby": describedBy || undefined, "aria-invalid": errors?.length ? true : undefined })}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/** A field's messages, for controls the `Field` does not lay out (radio groups, fieldsets). */
export function FieldError({ id, errors }: { id?: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error" tabIndex={-1} data-form-error>
      {errors.join(" ")}
    </p>
  );
}

/** Errors that belong to no field: announced, and focusable so focus can be moved to them. */
export function FormError({ errors, children }: { errors?: string[]; children?: ReactNode }) {
  if (!errors?.length && !children) return null;
  return (
    <div role="alert" className="error-message" tabIndex={-1} data-form-error>
      {errors?.join(" ")}
      {children}
    </div>
  );
}

/** The submit button: disabled while the request runs, and saying so when `pendingLabel` is given. */
export function SubmitButton({
  pending,
  pendingLabel,
  className = "button primary",
  disabled,
  children,
}: {
  pending: boolean;
  pendingLabel?: ReactNode;
  className?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button type="submit" className={className} disabled={pending || disabled}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

/**
 * A form's closing row: its submit button, the errors that belong to no field, and a status line that says
 * what the save did (e.g. "Saved."). The status line is always there, so screen readers announce its change.
 */
export function SubmitRow({
  label,
  pending,
  pendingLabel,
  errors,
  status,
  className = "form-actions",
  children,
}: {
  label: ReactNode;
  pending: boolean;
  pendingLabel?: ReactNode;
  errors?: string[];
  status?: string;
  className?: string;
  /** More buttons beside the submit button. */
  children?: ReactNode;
}) {
  return (
    <>
      <div className={className}>
        <SubmitButton pending={pending} pendingLabel={pendingLabel}>
          {label}
        </SubmitButton>
        {children}
      </div>
      <FormError errors={errors} />
      {status !== undefined && (
        <p role="status" className="muted">
          {errors?.length ? "" : status}
        </p>
      )}
    </>
  );
}

/** Moves focus to the first control or message with an error, so keyboard and screen-reader users land on it. */
export function focusFirstError(root: HTMLElement | null) {
  root?.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-error]')?.focus();
}

/** A form's errors; `showErrors` renders them at once and moves focus to the first. */
export function useFormErrors<Name extends string = string>(root: RefObject<HTMLElement | null>) {
  const [errors, setErrors] = useState<FormErrors<Name>>({});
  const showErrors = (next: FormErrors<Name>) => {
    flushSync(() => setErrors(next));
    focusFirstError(root.current);
  };
  return { errors, setErrors, showErrors };
}

/**
 * Sends a form's request: `pending` while it runs, the API's errors placed beside the fields (or above the form)
 * with focus on the first, and on success `status` set to what the save did. Returns the answer, or undefined
 * when the request failed.
 */
export function useSubmit<Name extends string = string>(root: RefObject<HTMLElement | null>, options: { place?: Placement; forbidden?: string } = {}) {
  const { errors, setErrors, showErrors } = useFormErrors<Name>(root);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState("");
  async function submit<T>(send: () => Promise<T>, done: string | ((result: T) => string) = ""): Promise<T | undefined> {
    setErrors({});
    setStatus("");
    setPending(true);
    try {
      const result = await send();
      setStatus(typeof done === "function" ? done(result) : done);
      return result;
    } catch (error) {
      showErrors(errorsFromApi(error, options));
      return undefined;
    } finally {
      setPending(false);
    }
  }
  /** Clears the status line, e.g. once the form is changed again after a save. */
  const clearStatus = () => setStatus("");
  return { errors, pending, status, clearStatus, submit };
}

/** Groups `[path, messages]` pairs by the field each is shown beside. */
export function placeErrors(entries: Iterable<[string, string[]]>, place: Placement = (path, message) => [path, message]): FormErrors {
  const errors: FormErrors = {};
  for (const [path, messages] of entries) {
    for (const message of messages) {
      const [field, shown] = place(path, message);
      (errors[field] ??= []).push(shown);
    }
  }
  return errors;
}

/** Zod's default messages are written for developers; these are for the people filling in the form. */
export const formMessages: z.core.$ZodErrorMap<z.core.$ZodIssue> = (issue) => {
  if (issue.code === "too_small" && issue.origin === "string") return Number(issue.minimum) <= 1 ? "Required" : `Use at least ${issue.minimum} characters`;
  if (issue.code === "too_big" && issue.origin === "string") return `Too long: use at most ${issue.maximum} characters`;
  if (issue.code === "too_big" && issue.origin === "array") return `Too many: at most ${issue.maximum}`;
  if (issue.code === "invalid_value") return "Choose one of the options";
  return undefined;
};

/** The schema's messages, placed beside their fields. */
export function errorsFromZod(error: z.ZodError, place?: Placement): FormErrors {
  return placeErrors(
    error.issues.map((issue) => [issue.path.join(".") || "form", [issue.message]]),
    place,
  );
}

/** The 422 field messages of an API error (`details.fields`), or none. */
export function apiFieldErrors(error: unknown): Record<string, string[]> {
  return error instanceof ApiError ? error.fieldErrors : {};
}

/** A message for an API error that is not about one field; `forbidden` says which role the action needs. */
export function apiMessage(error: unknown, forbidden = "Your role does not allow this."): string {
  if (error instanceof ApiError) {
    if (error.code === "forbidden") return forbidden;
    if (error.code === "unauthenticated") return "Your session has ended. Sign in again in another tab, then try again.";
    return error.message;
  }
  return "Something went wrong. Try again.";
}

/** A failed save: messages beside the fields (a 422's details) or above the form (anything else). */
export function errorsFromApi(error: unknown, { place, forbidden }: { place?: Placement; forbidden?: string } = {}): FormErrors {
  const fields = Object.entries(apiFieldErrors(error));
  if (fields.length) return placeErrors(fields, place);
  return { form: [apiMessage(error, forbidden)] };
}
