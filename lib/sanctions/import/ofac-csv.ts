// OFAC's legacy CSV set: sdn.csv alone, or with alt.csv (aliases), add.csv (addresses) and sdn_comments.csv
// (remarks that overflow), all without a header and linked by ent_num. `-0-` means empty.
import type { Readable } from "node:stream";
import { addUnique, newEntry, type AliasKind, type EntryType, type SanctionsEntry } from "../entry";
import { SanctionsImportError } from "../errors";
import { csvRecords, type CsvRecord } from "./csv";
import { readOfacRemarks } from "./ofac-remarks";

export interface OfacFiles {
  sdn: Readable;
  alt?: Readable;
  add?: Readable;
  comments?: Readable;
}

const TYPES: Record<string, EntryType> = { individual: "person", vessel: "vessel", aircraft: "aircraft" };
const ALIAS_KINDS: Record<string, AliasKind> = { aka: "aka", fka: "fka", nka: "nka" };

/** `-0-` (OFAC's empty) and blanks → null; other values trimmed. */
function value(field: string | undefined): string | null {
  const trimmed = field?.trim() ?? "";
  // "-0" too: the 2019 add.csv ends cut short after it.
  return trimmed === "" || trimmed === "-0-" || trimmed === "-0" ? null : trimmed;
}

/**
 * The entries of an OFAC legacy set, streamed. OFAC publishes every file sorted by ent_num, so the side files are
 * read alongside sdn.csv (a merge join) instead of being held in memory; a file out of that order is refused.
 */
export async function* importOfacCsv(files: OfacFiles): AsyncGenerator<SanctionsEntry> {
  const linked = {
    alt: files.alt && new LinkedRows(csvRecords(files.alt, { file: "alt.csv", columns: 5, endOfFileMark: true }), "alt.csv"),
    add: files.add && new LinkedRows(csvRecords(files.add, { file: "add.csv", columns: 6, endOfFileMark: true }), "add.csv"),
    comments:
      files.comments &&
      new LinkedRows(csvRecords(files.comments, { file: "sdn_comments.csv", columns: 2, endOfFileMark: true }), "sdn_comments.csv"),
  };
  const sorted = Boolean(linked.alt || linked.add || linked.comments);
  let previous = -Infinity;
  let count = 0;
  try {
    for await (const record of csvRecords(files.sdn, { file: "sdn.csv", columns: 12, endOfFileMark: true })) {
      const entNum = entNumber(record, "sdn.csv");
      if (sorted && entNum <= previous) throw outOfOrder("sdn.csv", record, previous);
      previous = entNum;
      const entry = sdnEntry(record);
      for (const [, , kind, name] of (await linked.alt?.rowsFor(entNum)) ?? []) {
        const aliasName = value(name);
        if (aliasName) entry.aliases.push({ name: aliasName, kind: ALIAS_KINDS[value(kind)?.toLowerCase() ?? ""] ?? "aka", quality: "strong" });
      }
      for (const [, , street, city, country, note] of (await linked.add?.rowsFor(entNum)) ?? []) {
        entry.addresses.push({ street: value(street), city: value(city), region: null, postalCode: null, country: value(country), note: value(note) });
        addUnique(entry.countries, value(country));
      }
      for (const [, remarks] of (await linked.comments?.rowsFor(entNum)) ?? []) {
        const more = value(remarks);
        if (!more) continue;
        entry.remarks = entry.remarks ? `${entry.remarks} ${more}` : more;
        readOfacRemarks(entry, more);
      }
      count++;
      yield entry;
    }
  } finally {
    await Promise.all([linked.alt?.close(), linked.add?.close(), linked.comments?.close()]);
  }
  if (count === 0) throw new SanctionsImportError("empty", "the file holds no entries", { file: "sdn.csv" });
}

function sdnEntry({ fields }: CsvRecord): SanctionsEntry {
  const [entNum, name, type, programs, title, callSign, vesselType, , , flag, , remarks] = fields.map(value);
  const entry = newEntry(entNum!, TYPES[type?.toLowerCase() ?? ""] ?? "organization", name ?? "");
  entry.programs = (programs ?? "").split(/\]\s*\[/).map((program) => program.trim()).filter(Boolean);
  if (callSign) entry.identifiers.push({ kind: "call_sign", value: callSign, label: "Call Sign", country: null });
  addUnique(entry.countries, flag);
  entry.remarks = [title, vesselType && `Vessel type: ${vesselType}`, remarks].filter(Boolean).join("; ") || null;
  if (remarks) readOfacRemarks(entry, remarks);
  return entry;
}

function entNumber({ fields, line }: CsvRecord, file: string): number {
  const entNum = Number(value(fields[0]));
  if (!Number.isInteger(entNum)) throw new SanctionsImportError("malformed", `ent_num "${fields[0]}" is not a number`, { file, line });
  return entNum;
}

function outOfOrder(file: string, { line, fields }: CsvRecord, previous: number): SanctionsImportError {
  return new SanctionsImportError("malformed", `ent_num ${fields[0]} comes after ${previous}: OFAC files are sorted by ent_num`, {
    file,
    line,
    record: fields[0],
  });
}

/** Rows of a side file handed out ent_num by ent_num, as sdn.csv reaches them. */
class LinkedRows {
  private pending: CsvRecord | undefined;
  private previous = -Infinity;
  private done = false;

  constructor(
    private readonly records: AsyncGenerator<CsvRecord>,
    private readonly file: string,
  ) {}

  /** The rows for this ent_num; rows for ent_nums that sdn.csv skipped are dropped (they link to nothing). */
  async rowsFor(entNum: number): Promise<string[][]> {
    const rows: string[][] = [];
    for (let record = await this.peek(); record; record = await this.peek()) {
      const linkedTo = entNumber(record, this.file);
      if (linkedTo > entNum) break;
      if (linkedTo === entNum) rows.push(record.fields);
      this.pending = undefined;
    }
    return rows;
  }

  async close(): Promise<void> {
    await this.records.return(undefined);
  }

  private async peek(): Promise<CsvRecord | undefined> {
    if (this.pending || this.done) return this.pending;
    const next = await this.records.next();
    if (next.done) {
      this.done = true;
      return undefined;
    }
    const entNum = entNumber(next.value, this.file);
    if (entNum < this.previous) throw outOfOrder(this.file, next.value, this.previous);
    this.previous = entNum;
    this.pending = next.value;
    return this.pending;
  }
}
