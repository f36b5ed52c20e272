// When a release was published, for the formats whose files say so: the UN list's `dateGenerated`.
import type { ListFormat } from "./sniff";

/** The publication date a file states in its first bytes, or null when its format states none. */
export function statedPublicationDate(format: ListFormat, head: string): Date | null {
  if (format !== "un-xml") return null;
  const stated = /<CONSOLIDATED_LIST\b[^>]*\bdateGenerated="([^"]+)"/.exec(head)?.[1];
  const date = stated ? new Date(stated) : null;
  return date && !Number.isNaN(date.getTime()) ? date : null;
}
