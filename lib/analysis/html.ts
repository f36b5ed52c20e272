import { convert, type SelectorDefinition } from "html-to-text";

// Elements whose content is never part of what a reader sees as the article.
const HIDDEN = ["script", "style", "noscript", "template", "svg", "iframe", "object", "canvas", "button", "nav", "img"];

const SELECTORS: SelectorDefinition[] = [
  ...HIDDEN.map((selector) => ({ selector, format: "skip" })),
  // Keep link text only: the analyst wants the sentence, not the URL in brackets.
  { selector: "a", options: { ignoreHref: true } },
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false } })),
  { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false, maxColumnWidth: 200 } },
];

/** Readable text of an HTML page or fragment: paragraphs separated by blank lines, entities decoded. */
export function htmlToText(html: string): string {
  const text = convert(html, { wordwrap: false, selectors: SELECTORS });
  return text
    .replace(/\u00a0/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/[ \t]{2,}/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
