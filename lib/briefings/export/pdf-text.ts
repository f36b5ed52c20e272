// pdfkit's built-in fonts (Helvetica etc.) encode text as WinAnsi (Windows-1252): a character outside it is
// written as a garbled multi-byte code rather than an error. Text for the PDF goes through toWinAnsi
// first, which keeps what the fonts can show and maps the rest to its nearest plain form.

// The Windows-1252 characters above U+00FF (pdfkit's WIN_ANSI_MAP): curly quotes, dashes, bullet, euro…
const WIN_ANSI_EXTRA = new Set([
  0x0152, 0x0153, 0x0160, 0x0161, 0x0178, 0x017d, 0x017e, 0x0192, 0x02c6, 0x02dc, 0x2013, 0x2014, 0x2018, 0x2019,
  0x201a, 0x201c, 0x201d, 0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

const REPLACEMENTS: Readonly<Record<string, string>> = {
  "\u2010": "-", // hyphen
  "\u2011": "-", // non-breaking hyphen
  "\u2012": "-", // figure dash
  "\u2015": "\u2014", // horizontal bar
  "\u2212": "-", // minus sign
  "\u2032": "'", // prime
  "\u2033": '"', // double prime
  "\u201b": "'",
  "\u201f": '"',
  "\u2190": "<-",
  "\u2192": "->",
  "\u2194": "<->",
  "\u21d2": "=>",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2260": "!=",
  "\u2715": "x",
  "\u2713": "v",
};

const representable = (cp: number): boolean =>
  (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);

function mapChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === "\n") return ch;
  if (representable(cp)) return ch;
  const replacement = REPLACEMENTS[ch];
  if (replacement !== undefined) return replacement;
  if (cp < 0x20 || /\s/u.test(ch)) return " ";
  if ((cp >= 0x7f && cp <= 0x9f) || /[\p{M}\p{Cf}]/u.test(ch)) return ""; // controls, lone accents, zero-width
  // Accented letters outside Latin-1 (ő, č, ş…) keep their base letter.
  const base = ch.normalize("NFKD").replace(/\p{M}/gu, "");
  if (base.length > 0 && [...base].every((c) => representable(c.codePointAt(0) ?? 0))) return base;
  return "?";
}

export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text) out += mapChar(ch); // for…of walks code points, so astral characters map once
  return out;
}
