"use client";

import { useId } from "react";
import type { IssueMatch, Passage } from "@/lib/analysis/analyze";
import { admiraltyGrade } from "@/lib/domain/grading";
import { stanceLabels, stances } from "@/lib/domain/stance";
import type { Stance } from "@/lib/generated/prisma/enums";
import { credibilities, credibilityText, type ReliabilityGrade } from "../labels";
import type { TextSelection } from "./document-viewer";
import { Field, FieldError, type FormErrors } from "@/app/components/forms";

/** A passage the analyst can pick as the quote: one matching the issue, or one of the document's key passages. */
export type PassageChoice = { key: string; text: string; start: number; end: number; kind: "issue" | "key" };

/** An issue's link as the analyst is setting it up. `passage` is a choice's key, or "custom". */
export type LinkDraft = {
  selected: boolean;
  passage: string;
  customQuote: string;
  /** Where the custom quote starts when it came from a selection in the text. */
  customStart: number | null;
  credibility: string;
  stance: Stance;
  note: string;
};

export function passageChoices(issue: IssueMatch, keyPassages: Passage[]): PassageChoice[] {
  const choices: PassageChoice[] = [];
  const seen = new Set<string>();
  for (const [kind, passages] of [
    ["issue", issue.passages],
    ["key", keyPassages],
  ] as const) {
    for (const p of passages) {
      const key = `${p.start}:${p.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      choices.push({ key, text: p.text, start: p.start, end: p.end, kind });
    }
  }
  return choices;
}

export function newLink(choices: PassageChoice[]): LinkDraft {
  return { selected: false, passage: choices[0]?.key ?? "custom", customQuote: "", customStart: null, credibility: "", stance: "context", note: "" };
}

/** The quote a link will send: the chosen passage, or the custom one if it is in the text word for word. */
export function resolveQuote(text: string, link: LinkDraft, choices: PassageChoice[]): { quote: string; start: number } | { error: string } {
  const choice = link.passage === "custom" ? undefined : choices.find((c) => c.key === link.passage);
  if (choice) return { quote: choice.text, start: choice.start };
  const quote = link.customQuote.trim();
  if (!quote) return { error: "Choose a suggested passage, or enter the passage to quote." };
  if (link.customStart !== null && text.startsWith(quote, link.customStart)) return { quote, start: link.customStart };
  const start = text.indexOf(quote);
  if (start < 0) {
    return { error: "This passage is not in the document's text word for word. Copy it exactly, or select it in the text and choose “Quote the selected text”." };
  }
  return { quote, start };
}

/** One suggested issue: whether to link it, which passage to quote, and the grading. */
export function IssueLink({
  issue,
  choices,
  link,
  onChange,
  errors,
  selection,
  reliability,
}: {
  issue: IssueMatch;
  choices: PassageChoice[];
  link: LinkDraft;
  onChange: (change: Partial<LinkDraft>) => void;
  /** This link's errors, by field: quote, credibility, stance, note. */
  errors: FormErrors;
  selection: TextSelection | null;
  /** The chosen source's reliability, for the grade preview (F without a source). */
  reliability: ReliabilityGrade | null;
}) {
  const id = useId();
  const quoteErrorId = `${id}-quote-error`;
  const quoteInvalid = errors.quote?.length ? true : undefined;
  return (
    <li className="card issue-suggestion">
      <fieldset className="intake-issue">
        <legend>{issue.title}</legend>
        <p className="muted small">
          Relevance {issue.score.toFixed(1)}
          {issue.matchedTerms.length > 0 && <> · matched {issue.matchedTerms.slice(0, 8).join(", ")}</>}
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={link.selected} onChange={(e) => onChange({ selected: e.target.checked })} />
          <span>Link this document as evidence</span>
        </label>

        {link.selected && (
          <div className="stack intake-issue-details">
            <fieldset className="passage-choices" aria-describedby={quoteInvalid ? quoteErrorId : undefined}>
              <legend>Passage to quote</legend>
              {choices.map((choice, i) => (
                <label key={choice.key} className="choice">
                  <input
                    type="radio"
                    name={`${id}-passage`}
                    value={choice.key}
                    checked={link.passage === choice.key}
                    aria-invalid={quoteInvalid && i === 0 && link.passage !== "custom" ? true : undefined}
                    onChange={() => onChange({ passage: choice.key })}
                  />
                  <span>
                    <q>{choice.text}</q> <span className="muted small">({choice.kind === "issue" ? "matches this issue" : "key passage"})</span>
                  </span>
                </label>
              ))}
              <label className="choice">
                <input type="radio" name={`${id}-passage`} value="custom" checked={link.passage === "custom"} onChange={() => onChange({ passage: "custom" })} />
                <span>Another passage</span>
              </label>
              {link.passage === "custom" && (
                <Field label="The passage, exactly as in the text" errors={undefined} hint="Copy it from the text, or select it there and use the button below.">
                  {(control) => (
                    <textarea
                      {...control}
                      aria-invalid={quoteInvalid}
                      aria-describedby={[control["aria-describedby"], quoteInvalid ? quoteErrorId : null].filter(Boolean).join(" ") || undefined}
                      rows={3}
                      maxLength={5000}
                      value={link.customQuote}
                      onChange={(e) => onChange({ customQuote: e.target.value, customStart: null })}
                    />
                  )}
                </Field>
              )}
              <p>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    if (selection) onChange({ passage: "custom", customQuote: selection.text, customStart: selection.start });
                    else onChange({ passage: "custom" });
                  }}
                >
                  Quote the selected text
                </button>{" "}
                {!selection && <span className="muted small">Select a passage in the document&apos;s text first.</span>}
              </p>
              <FieldError id={quoteErrorId} errors={errors.quote} />
            </fieldset>

            <div className="grid-2">
              <Field label="Credibility" errors={errors.credibility} hint="How likely the passage is true (Admiralty 1–6)">
                {(control) => (
                  <select {...control} value={link.credibility} onChange={(e) => onChange({ credibility: e.target.value })}>
                    <option value="">Choose…</option>
                    {credibilities.map((c) => (
                      <option key={c} value={c}>
                        {credibilityText(c)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Stance" errors={errors.stance} hint="What it says about the risk">
                {(control) => (
                  <select {...control} value={link.stance} onChange={(e) => onChange({ stance: e.target.value as Stance })}>
                    {stances.map((s) => (
                      <option key={s} value={s}>
                        {stanceLabels[s]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <p className="small">
              Grade:{" "}
              {link.credibility ? (
                <>
                  <span className="badge grade">{admiraltyGrade(reliability, Number(link.credibility))}</span> (source {reliability ?? "F"}, credibility{" "}
                  {link.credibility})
                </>
              ) : (
                "set when you choose a credibility"
              )}
            </p>
            <Field label="Note (optional)" errors={errors.note}>
              {(control) => <textarea {...control} rows={2} maxLength={5000} value={link.note} onChange={(e) => onChange({ note: e.target.value })} />}
            </Field>
          </div>
        )}
      </fieldset>
    </li>
  );
}
