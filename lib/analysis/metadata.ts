// Guesses at a document's title, publisher and publication date, from its text and optional URL.

const MONTHS = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];
const MONTH_NAME = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const RANGE_END = "(?:\\s*[-–—]\\s*\\d{1,2}(?:st|nd|rd|th)?)?";

// "April 24-26, 2024", "Apr. 24, 2024"
const MONTH_DAY_YEAR = new RegExp(`\\b${MONTH_NAME}\\s+${DAY}${RANGE_END},?\\s+(\\d{4})\\b`, "gi");
// "17 April 2024", "24-26 April 2024"
const DAY_MONTH_YEAR = new RegExp(`\\b${DAY}${RANGE_END}\\s+${MONTH_NAME},?\\s+(\\d{4})\\b`, "gi");
// "2024-04-17", "2024/04/17"
const ISO_DATE = /\b(\d{4})[-/](\d{2})[-/](\d{2})\b/g;
// Dates in article URLs: "/2024/04/17/" or "/2024-04-17/"
const URL_DATE = /\/(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/;
const DATE_LABEL = /\b(?:published|posted|updated|date|dated|released)\b/i;

function monthNumber(name: string): number {
  const prefix = name.toLowerCase().replace(".", "").slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(prefix)) + 1;
}

/** A valid calendar date as "YYYY-MM-DD", or null. */
function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1950 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1) return null;
  return d.toISOString().slice(0, 10);
}

interface FoundDate {
  date: string;
  index: number;
}

function datesIn(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const m of text.matchAll(MONTH_DAY_YEAR)) {
    const date = isoDate(Number(m[3]), monthNumber(m[1] ?? ""), Number(m[2]));
    if (date) found.push({ date, index: m.index });
  }
  for (const m of text.matchAll(DAY_MONTH_YEAR)) {
    const date = isoDate(Number(m[3]), monthNumber(m[2] ?? ""), Number(m[1]));
    if (date) found.push({ date, index: m.index });
  }
  for (const m of text.matchAll(ISO_DATE)) {
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) found.push({ date, index: m.index });
  }
  return found.sort((a, b) => a.index - b.index);
}

function lineAt(text: string, index: number): string {
  const start = text.lastIndexOf("\n", index - 1) + 1;
  const end = text.indexOf("\n", index);
  return text.slice(start, end < 0 ? text.length : end);
}

/**
 * The publication date as "YYYY-MM-DD": a date in the URL path wins, then a date on a line labelled
 * "Published", "Updated" and the like, then the first date in the text (for a range, its first day).
 */
export function guessPublishedDate(text: string, url?: string): string | null {
  const fromUrl = url ? URL_DATE.exec(safePath(url)) : null;
  if (fromUrl) {
    const date = isoDate(Number(fromUrl[1]), Number(fromUrl[2]), Number(fromUrl[3]));
    if (date) return date;
  }
  const dates = datesIn(text);
  const labelled = dates.find((d) => DATE_LABEL.test(lineAt(text, d.index)));
  return (labelled ?? dates[0])?.date ?? null;
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

// Hosts whose publisher name is not obvious from the domain.
const KNOWN_PUBLISHERS: Record<string, string> = {
  "reuters.com": "Reuters",
  "apnews.com": "AP News",
  "bbc.co.uk": "BBC",
  "bbc.com": "BBC",
  "nytimes.com": "The New York Times",
  "wsj.com": "The Wall Street Journal",
  "ft.com": "Financial Times",
  "bloomberg.com": "Bloomberg",
  "washingtonpost.com": "The Washington Post",
  "theguardian.com": "The Guardian",
  "politico.com": "Politico",
  "politico.eu": "Politico Europe",
  "scmp.com": "South China Morning Post",
  "state.gov": "US Department of State",
  "treasury.gov": "US Department of the Treasury",
  "commerce.gov": "US Department of Commerce",
  "bis.gov": "Bureau of Industry and Security",
  "bis.doc.gov": "Bureau of Industry and Security",
  "whitehouse.gov": "The White House",
  "ec.europa.eu": "European Commission",
  "consilium.europa.eu": "Council of the European Union",
  "eur-lex.europa.eu": "EUR-Lex",
  "gov.uk": "UK Government",
  "bnnbreaking.com": "BNN Breaking",
};

function publisherFromUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  host = host.replace(/^www\d?\./, "");
  if (!host) return null;
  for (let h = host; h.includes("."); h = h.slice(h.indexOf(".") + 1)) {
    const known = KNOWN_PUBLISHERS[h];
    if (known) return known;
  }
  return host;
}

const BYLINES: readonly RegExp[] = [
  /^\s*(?:source|publisher|published by)\s*[:\-–—]\s*(.{2,80}?)\s*$/im,
  // "By Jane Doe, Reuters" / "By Jane Doe | Reuters"
  /^\s*by\s+[^,|\n]{2,60}[,|]\s*(\p{Lu}[^,|\n]{1,60}?)\s*$/imu,
  // "WASHINGTON (Reuters) -"
  /^\s*[\p{Lu}][\p{Lu} ,.]{1,40}\((\p{Lu}[\p{L}&. ]{1,30})\)\s*[-–—]/mu,
];

/** The publisher: from the URL's host, or else from a byline in the first lines of the text. */
export function guessPublisher(text: string, url?: string): string | null {
  if (url) {
    const fromUrl = publisherFromUrl(url);
    if (fromUrl) return fromUrl;
  }
  const head = text.slice(0, 3000);
  for (const re of BYLINES) {
    const name = re.exec(head)?.[1]?.trim();
    if (name) return name;
  }
  return null;
}

/** The given title, or the first non-empty line (shortened to 300 characters), or "Untitled". */
export function guessTitle(text: string, title?: string): string {
  const given = title?.replace(/\s+/g, " ").trim();
  if (given) return given;
  const first = text.split("\n").map((l) => l.replace(/\s+/g, " ").trim()).find((l) => l.length > 0);
  if (!first) return "Untitled";
  return first.length > 300 ? `${first.slice(0, 299).trimEnd()}…` : first;
}
