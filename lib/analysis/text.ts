import { createHash } from "node:crypto";

export interface TextRange {
  start: number;
  end: number;
}

export interface Sentence extends TextRange {
  /** Always equal to `source.slice(start, end)`. */
  text: string;
}

// Zero-width characters that pasted web text carries invisibly.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;

/**
 * Text as we store it: Unicode NFC, Windows/Mac line ends made \n, no byte-order mark (PGlite drops a
 * leading one when reading, which would shift every quote offset), control characters other than tab
 * and newline removed (they come from PDFs and break snippets and exports), and unpaired surrogates
 * made U+FFFD (the database could not store them; same length, so offsets hold).
 */
export function cleanDocumentText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\uFFFD");
}

/** The form of a document used to recognise the same content pasted twice. */
export function normalizeForHash(text: string): string {
  return text.normalize("NFC").replace(INVISIBLE, "").toLowerCase().normalize("NFC").replace(/\s+/g, " ").trim();
}

/** SHA-256 (hex) of the normalised text: equal for the same content whatever its whitespace or case. */
export function contentHash(text: string): string {
  return createHash("sha256").update(normalizeForHash(text), "utf8").digest("hex");
}

/** Where an exact quote sits in the text (its first occurrence), or null. */
export function findQuote(text: string, quote: string): TextRange | null {
  if (quote.length === 0) return null;
  const start = text.indexOf(quote);
  return start < 0 ? null : { start, end: start + quote.length };
}

const ABBREVIATIONS = new Set(
  [
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "no", "nos", "inc", "ltd", "co", "corp", "vs", "etc", "e.g", "i.e",
    "gen", "sen", "rep", "gov", "adm", "col", "lt", "sgt", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "e.u", "u.n", "fig", "art", "para", "approx", "dept",
  ],
);

const BULLET = /^(?:[•·▪‣◦*–—-]|\d{1,2}[.)])\s+/;

interface Line extends TextRange {
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start, end, text: text.slice(start, end) });
    if (nl < 0) break;
    start = nl + 1;
  }
  return lines;
}

// A line break ends a sentence unless the text plainly runs on: the next line starts in lower case,
// or a long line without closing punctuation is followed by more prose (hard-wrapped text, PDFs).
function runsOn(prev: string, next: string): boolean {
  const p = prev.trimEnd();
  const n = next.trimStart();
  if (n.length === 0 || p.length === 0) return false;
  if (BULLET.test(n)) return false;
  if (/^\p{Ll}/u.test(n)) return true;
  return p.length >= 40 && !/[.!?:;…"”’)\]]$/.test(p);
}

/** Paragraph-sized runs of text that never cross a blank line or a line that ends a sentence. */
function segments(text: string): TextRange[] {
  const out: TextRange[] = [];
  let current: TextRange | null = null;
  let prevText = "";
  for (const line of linesOf(text)) {
    if (line.text.trim().length === 0) {
      if (current) out.push(current);
      current = null;
      continue;
    }
    if (current && runsOn(prevText, line.text)) current.end = line.end;
    else {
      if (current) out.push(current);
      current = { start: line.start, end: line.end };
    }
    prevText = line.text;
  }
  if (current) out.push(current);
  return out;
}

const TERMINATOR = /[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[\p{Lu}\p{N}])/gu;

function endsWithAbbreviation(text: string, dotIndex: number): boolean {
  if (text[dotIndex] !== ".") return false;
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(0, dotIndex - 12), dotIndex));
  const word = before?.[1];
  if (!word) return false;
  // A single capital is an initial ("John F. Kennedy").
  if (/^\p{Lu}$/u.test(word)) return true;
  return ABBREVIATIONS.has(word.toLowerCase());
}

function trimmed(text: string, start: number, end: number): Sentence | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s] ?? "")) s++;
  const bullet = BULLET.exec(text.slice(s, Math.min(e, s + 8)));
  if (bullet) s += bullet[0].length;
  while (e > s && /\s/.test(text[e - 1] ?? "")) e--;
  return e > s ? { start: s, end: e, text: text.slice(s, e) } : null;
}

/** Splits text into sentences; each carries its exact offsets in `text`. Headings and bullet lines stand alone. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const seg of segments(text)) {
    const body = text.slice(seg.start, seg.end);
    let from = 0;
    TERMINATOR.lastIndex = 0;
    for (let m = TERMINATOR.exec(body); m; m = TERMINATOR.exec(body)) {
      if (endsWithAbbreviation(body, m.index)) continue;
      const cut = m.index + m[0].length;
      const s = trimmed(text, seg.start + from, seg.start + cut);
      if (s) sentences.push(s);
      from = cut;
    }
    const last = trimmed(text, seg.start + from, seg.end);
    if (last) sentences.push(last);
  }
  return sentences;
}
