// Comments are plain text: these pure functions find the @mentions in one and cut it into text and
// links, so a page renders links as <a> elements around text nodes and never parses the text as HTML.

type Named = { id: string; name: string };

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The members a comment mentions: each `@Name` of a member of the team, longest names first (so
 * "@Ana Maria" is Ana Maria, not Ana). Ids in the order first mentioned, each once.
 */
export function mentionedIds(body: string, members: readonly Named[]): string[] {
  const byLength = [...members].filter((m) => m.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const found: Array<{ at: number; id: string }> = [];
  const lower = body.toLowerCase();
  const taken = new Set<number>();
  for (const member of byLength) {
    const needle = `@${member.name.toLowerCase()}`;
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) {
      const next = body[at + needle.length];
      if (taken.has(at) || (next !== undefined && WORD_CHAR.test(next))) continue;
      taken.add(at);
      found.push({ at, id: member.id });
    }
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.id))];
}

/** The `@` word being typed at the caret, for the autocomplete: its start and what follows the `@`. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at === -1) return null;
  if (at > 0 && !/\s|[([{"']/.test(before[at - 1]!)) return null; // an email address, not a mention
  const query = before.slice(at + 1);
  if (query.length > 40 || /[\n@]/.test(query) || /\s\s/.test(query)) return null;
  return { start: at, query };
}

export type CommentPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// http(s) addresses only: anything else (javascript:, data:) stays text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/giu;
// Closing punctuation after an address usually ends the sentence, not the address.
const TRAILING = /[.,;:!?'")\]}]+$/u;

/** A comment cut into text and web links. */
export function commentParts(body: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let last = 0;
  for (const match of body.matchAll(URL_PATTERN)) {
    let href = match[0];
    const trailing = TRAILING.exec(href)?.[0] ?? "";
    // Keep a closing parenthesis that belongs to the address, as in Wikipedia's "(disambiguation)".
    const keep = trailing.startsWith(")") && href.includes("(") ? 1 : 0;
    href = href.slice(0, href.length - trailing.length + keep);
    if (!isWebUrl(href)) continue;
    const start = match.index;
    if (start > last) parts.push({ kind: "text", text: body.slice(last, start) });
    parts.push({ kind: "link", text: href, href });
    last = start + href.length;
  }
  if (last < body.length) parts.push({ kind: "text", text: body.slice(last) });
  return parts;
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
