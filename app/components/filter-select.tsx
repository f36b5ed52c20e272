import type { ReactNode } from "react";

// The select of a list page's filter form (a plain GET form, so it works in server components): a label, a first
// choice "Any …" whose empty value leaves the filter off, then the choices.

export type Choice = readonly [value: string, label: ReactNode];

/** The `<option>`s of `[value, label]` pairs, e.g. `Object.entries(labels)`. */
export function ChoiceOptions({ choices }: { choices: Iterable<Choice> }) {
  return Array.from(choices, ([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

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
  // A label beside the select, not around it: a wrapping label's name would take in the chosen option's text
  // ("Source Any source"). A page has one filter form, so the field's name keeps the id unique.
  const id = `filter-${name}`;
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {choices && <ChoiceOptions choices={choices} />}
        {children}
      </select>
    </div>
  );
}
