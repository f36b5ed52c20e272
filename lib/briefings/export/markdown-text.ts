// Escaping for user text placed in Markdown: titles, quotes and notes come from analysts and from scraped
// articles, and must not turn into links, HTML, emphasis, footnote references or tables when rendered.

// CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that start inline syntax.
const INLINE = /[\\`*_[\]<>|~&!]/g;

/** Escapes inline syntax; the text must already be on one line (see outline's oneLine). */
export function escapeInline(text: string): string {
  return text.replace(INLINE, (c) => `\\${c}`);
}

/** Escapes inline syntax and any block marker a paragraph could start with (#, >, -, +, =, "1."). */
export function escapeParagraph(text: string): string {
  return escapeInline(text).replace(/^(\s*)([#>+=-]|\d+(?=[.)]))/, (_m, space: string, marker: string) =>
    /^\d/.test(marker) ? `${space}${marker}\\` : `${space}\\${marker}`,
  );
}

/** An autolink for an http(s) URL; autolinks cannot hold spaces, < or >, so such a URL is written as text. */
export function autolink(url: string): string {
  return /^https?:\/\/[^\s<>]+$/i.test(url) ? `<${url}>` : escapeInline(url);
}
