// One door to the importers: a format (given, or sniffed from the file's first bytes) and a stream of its text.
import type { Readable } from "node:stream";
import type { SanctionsEntry } from "../entry";
import { SanctionsImportError } from "../errors";
import { importFtmJson } from "./ftm-json";
import { importOfacCsv } from "./ofac-csv";
import { importOpenSanctionsCsv } from "./opensanctions-csv";
import type { ListFormat } from "./sniff";
import { importUnXml } from "./un-xml";

export { importFtmJson, importOfacCsv, importOpenSanctionsCsv, importUnXml };
export { isGzip, LIST_FORMATS, sniffFormat, type ListFormat } from "./sniff";
export { statedPublicationDate } from "./published";

/** The entries of a single list file. OFAC's alt, add and comments files only make sense beside sdn.csv. */
export function importEntries(format: ListFormat, input: Readable): AsyncGenerator<SanctionsEntry> {
  switch (format) {
    case "ofac-sdn-csv":
      return importOfacCsv({ sdn: input });
    case "un-xml":
      return importUnXml(input);
    case "opensanctions-csv":
      return importOpenSanctionsCsv(input);
    case "ftm-json":
      return importFtmJson(input);
    default:
      throw new SanctionsImportError("unknown_format", `${format} is imported together with its sdn.csv, not alone`);
  }
}
