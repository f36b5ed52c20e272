// Why a list file was refused, and where: the API answers these as 422 naming the line or record.

export type ImportErrorCode =
  | "empty" // nothing to import (a scraper saved an empty file)
  | "encoding" // not valid UTF-8
  | "malformed" // wrong column count, unclosed tag, broken JSON…
  | "hostile" // DOCTYPE or entities in XML
  | "unknown_format";

export interface ImportErrorLocation {
  /** Which file of a set ("sdn.csv", "alt.csv"), when there are several. */
  file?: string;
  /** 1-based line of the input. */
  line?: number;
  /** The record's own id, when it was read before the error. */
  record?: string;
}

export class SanctionsImportError extends Error {
  readonly code: ImportErrorCode;
  readonly location: ImportErrorLocation;

  constructor(code: ImportErrorCode, detail: string, location: ImportErrorLocation = {}) {
    super(describe(detail, location));
    this.name = "SanctionsImportError";
    this.code = code;
    this.location = location;
  }
}

function describe(detail: string, { file, line, record }: ImportErrorLocation): string {
  const where = [file, line === undefined ? undefined : `line ${line}`, record === undefined ? undefined : `record ${record}`]
    .filter(Boolean)
    .join(", ");
  return where ? `${where}: ${detail}` : detail;
}
