"use client";

import { useEffect, useRef } from "react";
import { segmentText, type Highlight } from "../highlights";

/** A passage selected in the shown text, as offsets into the analyzed text (what the server stores). */
export type TextSelection = { start: number; end: number; text: string };

/**
 * The analyzed text, exactly as it will be stored, with the chosen quotes marked. Selecting text
 * in it reports the selection as offsets: each run of text sits in an element that knows where it
 * starts, so the offsets hold whatever the highlights cut the text into.
 */
export function DocumentViewer({
  text,
  highlights,
  selection,
  onSelect,
}: {
  text: string;
  highlights: Highlight<string>[];
  selection: TextSelection | null;
  onSelect: (selection: TextSelection) => void;
}) {
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // The last selection made inside the text is kept: clicking a button elsewhere must not lose it.
    const onSelectionChange = () => {
      const container = root.current;
      const current = document.getSelection();
      if (!container || !current || current.rangeCount === 0 || current.isCollapsed) return;
      const range = current.getRangeAt(0);
      if (!container.contains(range.commonAncestorContainer)) return;
      let start = boundaryOffset(container, range.startContainer, range.startOffset, text.length);
      let end = boundaryOffset(container, range.endContainer, range.endOffset, text.length);
      if (start === null || end === null) return;
      while (start < end && /\s/.test(text[start]!)) start++;
      while (end > start && /\s/.test(text[end - 1]!)) end--;
      if (end > start) onSelect({ start, end, text: text.slice(start, end) });
    };
    document.addEventListener("selectionchange", onSelectionChange);
    return () => document.removeEventListener("selectionchange", onSelectionChange);
  }, [text, onSelect]);

  return (
    <section className="card stack intake-viewer" aria-labelledby="intake-text-heading">
      <h3 id="intake-text-heading">The document&apos;s text</h3>
      <p className="muted small" id="intake-text-hint">
        This is the text that will be stored. Chosen quotes are highlighted. To quote another passage, select it here, then choose
        “Quote the selected text” under the issue it supports.
      </p>
      <div ref={root} className="document-text intake-text" tabIndex={0} role="region" aria-label="Document text" aria-describedby="intake-text-hint">
        {segmentText(text, highlights).map((segment) =>
          segment.covering.length ? (
            <mark
              key={segment.start}
              data-start={segment.start}
              data-end={segment.end}
              className={segment.covering.length > 1 ? "quote-mark overlap" : "quote-mark"}
              title={`Quoted for ${segment.covering.map((h) => h.value).join("; ")}`}
            >
              {segment.text}
            </mark>
          ) : (
            <span key={segment.start} data-start={segment.start} data-end={segment.end}>
              {segment.text}
            </span>
          ),
        )}
      </div>
      <p className="small selection-status" role="status">
        {selection ? (
          <>
            Selected in the text: <q>{selection.text.length > 160 ? `${selection.text.slice(0, 157)}…` : selection.text}</q> ({selection.text.length}{" "}
            characters)
          </>
        ) : (
          "Nothing selected in the text."
        )}
      </p>
    </section>
  );
}

/** The offset in the text of a selection boundary (a DOM node and an offset in it), or null outside the text. */
function boundaryOffset(root: HTMLElement, node: Node, offset: number, length: number): number | null {
  if (node.nodeType === Node.TEXT_NODE) {
    const holder = node.parentElement;
    if (!holder || holder.dataset.start === undefined || !root.contains(holder)) return null;
    return Number(holder.dataset.start) + offset;
  }
  if (!(node instanceof HTMLElement) || !root.contains(node)) return null;
  if (node.dataset.start !== undefined) return offset === 0 ? Number(node.dataset.start) : Number(node.dataset.end);
  // A boundary between runs: where the next run starts, or where the previous one ends.
  const after = node.childNodes[offset];
  if (after instanceof HTMLElement && after.dataset.start !== undefined) return Number(after.dataset.start);
  const before = node.childNodes[offset - 1];
  if (before instanceof HTMLElement && before.dataset.end !== undefined) return Number(before.dataset.end);
  return offset === 0 ? 0 : length;
}
