// OpenSanctions' targets.simple.csv: a header, one row per target, several values in a cell joined by ";".
import type { Readable } from "node:stream";
import { addUnique, newEntry, type SanctionsEntry } from "../entry";
import { SanctionsImportError } from "../errors";
import { csvRecords } from "./csv";
import { entryTypeOfSchema } from "./schemas";

const REQUIRED = ["id", "schema", "name"];

/** The entries of a targets.simple.csv file, streamed. Rows of schemas that are not targets are skipped. */
export async function* importOpenSanctionsCsv(input: Readable): AsyncGenerator<SanctionsEntry> {
  let header: string[] | undefined;
  let count = 0;
  for await (const { fields, line } of csvRecords(input, {})) {
    if (!header) {
      header = fields.map((column) => column.trim().toLowerCase());
      const missing = REQUIRED.filter((column) => !header!.includes(column));
      if (missing.length) throw new SanctionsImportError("malformed", `the header lacks ${missing.join(", ")}`, { line });
      continue;
    }
    const row = Object.fromEntries(header.map((column, at) => [column, fields[at]?.trim() ?? ""]));
    const type = entryTypeOfSchema(row.schema!);
    if (!type) continue;
    if (!row.id || !row.name) throw new SanctionsImportError("malformed", "a row without id or name", { line, record: row.id });
    const entry = newEntry(row.id, type, row.name);
    for (const alias of split(row.aliases)) entry.aliases.push({ name: alias, kind: "aka", quality: "strong" });
    addUnique(entry.birthDates, ...split(row.birth_date));
    addUnique(entry.countries, ...split(row.countries));
    for (const value of split(row.identifiers)) entry.identifiers.push({ kind: "other", value, label: "Identifier", country: null });
    addUnique(entry.programs, ...split(row.program_ids));
    if (entry.programs.length === 0) addUnique(entry.programs, ...split(row.sanctions));
    for (const text of split(row.addresses)) {
      entry.addresses.push({ street: text, city: null, region: null, postalCode: null, country: null, note: null });
    }
    count++;
    yield entry;
  }
  if (count === 0) throw new SanctionsImportError("empty", "the file holds no targets");
}

function split(cell: string | undefined): string[] {
  return (cell ?? "").split(";").map((value) => value.trim()).filter(Boolean);
}
