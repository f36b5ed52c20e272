// Pure helpers for showing stored text with its highlights. Documents come from outside, so they
// are always rendered as text nodes and <mark> elements, never as HTML.

/** Start and end of each match in a search snippet (see SNIPPET_START/SNIPPET_END in the documents service). */
const MATCH_START = "\u0002";
const MATCH_END = "\u0003";

export type SnippetPart = { text: string; match: boolean };

/** "…the \u0002banks\u0003 said…" → [{ text: "…the ", match: false }, { text: "banks", match: true }, …]. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let match = false;
  let current = "";
  const flush = () => {
    if (current) parts.push({ text: current, match });
    current = "";
  };
  for (const char of snippet) {
    if (char === MATCH_START || char === MATCH_END) {
      flush();
      match = char === MATCH_START;
    } else {
      current += char;
    }
  }
  flush();
  return parts;
}

export type Highlight<T> = { start: number; end: number; value: T };

/** A run of the text and the highlights covering all of it (none for plain text). */
export type Segment<T> = { start: number; end: number; text: string; covering: Highlight<T>[] };

/**
 * The text cut at every highlight's edges, so overlapping highlights (two issues quoting passages
 * that overlap) each stay visible. Highlights outside the text are clipped; empty ones are dropped.
 */
export function segmentText<T>(text: string, highlights: readonly Highlight<T>[]): Segment<T>[] {
  const clipped = highlights
    .map((h) => ({ ...h, start: Math.max(0, Math.min(h.start, text.length)), end: Math.max(0, Math.min(h.end, text.length)) }))
    .filter((h) => h.end > h.start);
  const edges = [...new Set([0, text.length, ...clipped.flatMap((h) => [h.start, h.end])])].sort((a, b) => a - b);
  const segments: Segment<T>[] = [];
  for (let i = 0; i < edges.length - 1; i++) {
    const start = edges[i]!;
    const end = edges[i + 1]!;
    const covering = clipped.filter((h) => h.start <= start && h.end >= end);
    const previous = segments.at(-1);
    // Neighbouring plain runs are one run: fewer nodes, and a selection maps back simply.
    if (previous && previous.covering.length === 0 && covering.length === 0) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), covering });
    }
  }
  return segments;
}
