// Which importer fits a file, from its first bytes: an upload or a configured URL need not say its format.
import { parse } from "csv-parse/sync";

export const LIST_FORMATS = ["ofac-sdn-csv", "ofac-alt-csv", "ofac-add-csv", "ofac-comments-csv", "un-xml", "opensanctions-csv", "ftm-json"] as const;
export type ListFormat = (typeof LIST_FORMATS)[number];

// OFAC's files have no header: they are told apart by their column count (the first field is ent_num).
const OFAC_BY_COLUMNS: Record<number, ListFormat> = { 12: "ofac-sdn-csv", 5: "ofac-alt-csv", 6: "ofac-add-csv", 2: "ofac-comments-csv" };

/** True for gzip data: decompress it before sniffing or importing. */
export function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

/** The format of a file from its first few kilobytes, or null when none fits. */
export function sniffFormat(head: Uint8Array): ListFormat | null {
  const text = new TextDecoder("utf-8").decode(head).replace(/^\ufeff/, "").trimStart();
  if (text.startsWith("<")) return /<CONSOLIDATED_LIST\b/.test(text) ? "un-xml" : null;
  if (text.startsWith("{")) return /"schema"\s*:/.test(text.slice(0, text.indexOf("\n") >>> 0)) ? "ftm-json" : null;
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (/^id,schema,name\b/i.test(firstLine)) return "opensanctions-csv";
  if (!/^\d+,/.test(firstLine)) return null;
  try {
    const [fields] = parse(firstLine, { relax_quotes: true }) as string[][];
    return OFAC_BY_COLUMNS[fields?.length ?? 0] ?? null;
  } catch {
    return null;
  }
}
