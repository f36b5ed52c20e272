import type { ReactNode } from "react";

// The select of a list page's filter form (a plain GET form, so it works in server components): a label, a first
// choice "Any …" whose empty value leaves the filter off, then the choices.

export type Choice = readonly [value: string, label: ReactNode];

/** A labelled filter select; the choices come as `[value, label]` pairs or as `<option>`s (e.g. `<StatusOptions />`). */
export function FilterSelect({
  label,
  name,
  value,
  any,
  choices,
  className,
  children,
}: {
  label: string;
  name: string;
  /** The applied value; none selects "Any …". */
  value: string | undefined;
  /** The first choice, e.g. "Any feed". */
  any: string;
  choices?: Iterable<Choice>;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <label className={className ? `field ${className}` : "field"}>
      <span>{label}</span>
      <select name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {choices &&
          Array.from(choices, ([choice, text]) => (
            <option key={choice} value={choice}>
              {text}
            </option>
          ))}
        {children}
      </select>
    </label>
  );
}
