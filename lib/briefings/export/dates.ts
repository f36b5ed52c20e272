// Dates in words, always in UTC and without Intl, so an export reads the same on every server and locale.

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

function toDate(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${iso}`);
  return date;
}

/** "2024-04-19" or an ISO date-time → "19 April 2024" (UTC day). */
export function formatDate(iso: string): string {
  const dateOnly = DATE_ONLY.exec(iso);
  if (dateOnly) return `${Number(dateOnly[3])} ${MONTHS[Number(dateOnly[2]) - 1] ?? dateOnly[2]} ${dateOnly[1]}`;
  const date = toDate(iso);
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** ISO date-time → "19 April 2024, 14:05 UTC". A date-only value stays a date. */
export function formatDateTime(iso: string): string {
  if (DATE_ONLY.test(iso)) return formatDate(iso);
  const date = toDate(iso);
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${formatDate(iso)}, ${hh}:${mm} UTC`;
}

/** ISO date-time → "2024-04-19" (UTC), for file names and spreadsheet cells. */
export function isoDay(iso: string): string {
  if (DATE_ONLY.test(iso)) return iso;
  return toDate(iso).toISOString().slice(0, 10);
}

/** The instant as a Date, for the fixed timestamps written inside DOCX and PDF files. */
export function fixedDate(iso: string): Date {
  return toDate(iso);
}
