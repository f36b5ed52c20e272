"use client";

import { useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { mentionQueryAt } from "@/lib/comments/text";
import type { Person } from "@/lib/validation/team";

type ControlProps = { id: string; "aria-describedby"?: string; "aria-invalid"?: true };

const MAX_SUGGESTIONS = 8;

/**
 * A comment's textarea with @mention suggestions among the team's members: typing `@` and the start
 * of a name or email lists them; ArrowUp/ArrowDown choose, Enter or Tab insert `@Name `, Escape closes.
 * The list is announced through aria-activedescendant and a polite status, so focus stays in the text.
 */
export function MentionInput({
  control,
  value,
  onChange,
  members,
  rows = 3,
}: {
  control: ControlProps;
  value: string;
  onChange: (value: string) => void;
  members: Person[];
  rows?: number;
}) {
  const listId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  /** Where the caret goes once a picked mention is in the text. */
  const caretAfterPick = useRef<number | null>(null);

  // Placed in the same commit as the new text, before the browser takes the next keystroke. (A frame later, as
  // it was, a fast typist's next characters went in at the end and the caret then jumped back behind them.)
  useLayoutEffect(() => {
    const at = caretAfterPick.current;
    if (at === null) return;
    caretAfterPick.current = null;
    textarea.current?.focus();
    textarea.current?.setSelectionRange(at, at);
  }, [value]);

  const needle = query?.query.toLowerCase() ?? "";
  const suggestions = query ? members.filter((m) => m.name.toLowerCase().startsWith(needle) || m.email.toLowerCase().startsWith(needle)).slice(0, MAX_SUGGESTIONS) : [];
  const open = suggestions.length > 0;
  const optionId = (index: number) => `${listId}-${index}`;

  const track = (text: string, caret: number) => {
    setQuery(mentionQueryAt(text, caret));
    setActive(0);
  };

  function pick(member: Person) {
    if (!query) return;
    const caret = textarea.current?.selectionStart ?? value.length;
    const inserted = `@${member.name} `;
    const next = value.slice(0, query.start) + inserted + value.slice(caret);
    caretAfterPick.current = query.start + inserted.length;
    onChange(next);
    setQuery(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      pick(suggestions[active]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setQuery(null);
    }
  }

  return (
    <div className="mention-input">
      <textarea
        {...control}
        ref={textarea}
        rows={rows}
        value={value}
        aria-autocomplete="list"
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target.value, e.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
        onBlur={() => setQuery(null)}
      />
      {open && (
        <ul id={listId} role="listbox" aria-label="Members to mention" className="mention-list">
          {suggestions.map((member, index) => (
            <li
              key={member.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              // mousedown, not click: the textarea keeps focus (and its caret) while a member is picked.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(member);
              }}
            >
              {member.name} <span className="muted small">{member.email}</span>
            </li>
          ))}
        </ul>
      )}
      <span className="visually-hidden" role="status">
        {open ? `${suggestions.length === 1 ? "1 member" : `${suggestions.length} members`} to mention: use the arrow keys, then Enter.` : ""}
      </span>
    </div>
  );
}
