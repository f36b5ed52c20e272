import { convert, type SelectorDefinition } from "html-to-text";

// Elements whose content is never part of what a reader sees as the article.
const HIDDEN = ["script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "button", "nav", "img"];

// Tables are read cell by cell, one cell a line: html-to-text's table layout grows faster than the table
// (a 2.5 MB table took 19 s, issue 18), and the analysis needs the cells' words, not their columns.
const CELL = { format: "block", options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } };

const SELECTORS: SelectorDefinition[] = [
  ...HIDDEN.map((selector) => ({ selector, format: "skip" })),
  // Keep link text only: the analyst wants the sentence, not the URL in brackets.
  { selector: "a", options: { ignoreHref: true } },
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
  { selector: "table", format: "block" },
  { selector: "tr", format: "block" },
  { selector: "td", ...CELL },
  { selector: "th", ...CELL },
];

/** Elements nested deeper than this are no article: converting them recursively would overflow the stack. */
export const MAX_HTML_DEPTH = 256;
// What html-to-text writes where it stops at MAX_HTML_DEPTH: NUL characters, which the page's own text
// cannot hold (they are removed first, as stored text drops them anyway), so finding them means too deep.
const TOO_DEEP = "\u0000\u0000";

export class HtmlTooDeepError extends Error {
  constructor() {
    super(`The page nests its elements more than ${MAX_HTML_DEPTH} levels deep`);
    this.name = "HtmlTooDeepError";
  }
}

/**
 * Readable text of an HTML page or fragment: paragraphs separated by blank lines, entities decoded.
 * Throws HtmlTooDeepError for a page nested more than MAX_HTML_DEPTH levels deep.
 */
export function htmlToText(html: string): string {
  const text = convert(html.replace(/\u0000/g, ""), { wordwrap: false, selectors: SELECTORS, limits: { maxDepth: MAX_HTML_DEPTH, ellipsis: TOO_DEEP } });
  if (text.includes(TOO_DEEP)) throw new HtmlTooDeepError();
  return text
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
