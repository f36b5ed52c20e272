import { Readable, pipeline } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { SanctionsImportError } from "../errors";
import { utf8Chunks } from "./text";

export interface CsvRecord {
  fields: string[];
  /** The line the record starts on (1-based). */
  line: number;
}

export interface CsvOptions {
  /** The file's name in error messages ("alt.csv"). */
  file?: string;
  /** How many fields every record has (by default as many as the first, its header); another count is an error. */
  columns?: number;
  /** The end-of-file byte (\x1a) OFAC closes its files with: a last record of that alone is dropped. */
  endOfFileMark?: boolean;
}

/** The records of a CSV file, streamed: one record in memory at a time, whatever the file's size. */
export async function* csvRecords(input: Readable, { file, columns, endOfFileMark }: CsvOptions): AsyncGenerator<CsvRecord> {
  const parser = parse({ info: true, relax_column_count: true, skip_empty_lines: true, bom: true });
  let expected = columns;
  const source = Readable.from(utf8Chunks(input, file), { objectMode: false });
  pipeline(source, parser, () => undefined); // errors reach the loop below through the parser
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (endOfFileMark && record.length === 1 && record[0]?.trim() === "\x1a") continue;
      expected ??= record.length;
      if (record.length !== expected) {
        throw new SanctionsImportError("malformed", `${record.length} columns where ${expected} were expected`, {
          file,
          line: info.lines,
          record: record[0],
        });
      }
      yield { fields: record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new SanctionsImportError("malformed", error.message, { file, line: (error as CsvError & { lines?: number }).lines });
    }
    throw error;
  } finally {
    parser.destroy();
    source.destroy();
  }
}
