// FollowTheMoney entities as JSON lines (OpenSanctions' entities.ftm.json and targets.nested.json): one entity a
// line, `{ id, schema, properties: { name: [...], ... } }`.
import type { Readable } from "node:stream";
import { addUnique, newEntry, type IdentifierKind, type SanctionsEntry } from "../entry";
import { SanctionsImportError } from "../errors";
import { entryTypeOfSchema } from "./schemas";
import { textLines } from "./text";

type Properties = Record<string, unknown[] | undefined>;

interface FtmEntity {
  id?: unknown;
  schema?: unknown;
  properties?: Properties;
}

const IDENTIFIER_PROPERTIES: Record<string, IdentifierKind> = {
  imoNumber: "imo",
  mmsi: "mmsi",
  callSign: "call_sign",
  taxNumber: "tax",
  innCode: "tax",
  vatCode: "tax",
  registrationNumber: "registration",
  ogrnCode: "registration",
  leiCode: "registration",
  passportNumber: "passport",
  idNumber: "national_id",
  swiftBic: "swift_bic",
};

const COUNTRY_PROPERTIES = ["country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag"];

/**
 * The entries of a FollowTheMoney JSON-lines file, streamed line by line. Entities of schemas that are not
 * targets are skipped; programs come from the sanctions nested in a target (targets.nested.json), when there.
 */
export async function* importFtmJson(input: Readable): AsyncGenerator<SanctionsEntry> {
  let count = 0;
  for await (const { text, line } of textLines(input)) {
    if (!text.trim()) continue;
    let entity: FtmEntity;
    try {
      entity = JSON.parse(text) as FtmEntity;
    } catch (error) {
      throw new SanctionsImportError("malformed", `not JSON: ${(error as Error).message}`, { line });
    }
    if (typeof entity !== "object" || entity === null || typeof entity.schema !== "string") {
      throw new SanctionsImportError("malformed", "not a FollowTheMoney entity (no schema)", { line });
    }
    const type = entryTypeOfSchema(entity.schema);
    if (!type) continue;
    const properties = entity.properties ?? {};
    const [name, ...otherNames] = strings(properties.name);
    if (typeof entity.id !== "string" || !name) {
      throw new SanctionsImportError("malformed", "an entity without id or name", { line, record: String(entity.id ?? "") });
    }
    const entry = newEntry(entity.id, type, name);
    for (const alias of [...otherNames, ...strings(properties.alias)]) entry.aliases.push({ name: alias, kind: "aka", quality: "strong" });
    for (const alias of strings(properties.weakAlias)) entry.aliases.push({ name: alias, kind: "aka", quality: "weak" });
    for (const alias of strings(properties.previousName)) entry.aliases.push({ name: alias, kind: "fka", quality: "strong" });
    addUnique(entry.birthDates, ...strings(properties.birthDate));
    addUnique(entry.countries, ...COUNTRY_PROPERTIES.flatMap((property) => strings(properties[property])));
    for (const [property, kind] of Object.entries(IDENTIFIER_PROPERTIES)) {
      for (const value of strings(properties[property])) entry.identifiers.push({ kind, value, label: property, country: null });
    }
    for (const address of strings(properties.address)) {
      entry.addresses.push({ street: address, city: null, region: null, postalCode: null, country: null, note: null });
    }
    entry.remarks = strings(properties.notes).join(" ") || null;
    for (const sanction of nestedEntities(properties.sanctions)) {
      addUnique(entry.programs, ...strings(sanction.programId), ...strings(sanction.program));
      entry.listedOn ??= strings(sanction.listingDate)[0] ?? strings(sanction.startDate)[0] ?? null;
    }
    addUnique(entry.programs, ...strings(properties.programId));
    count++;
    yield entry;
  }
  if (count === 0) throw new SanctionsImportError("empty", "the file holds no targets");
}

function strings(values: unknown[] | undefined): string[] {
  return (values ?? []).filter((value): value is string => typeof value === "string" && value.trim() !== "").map((value) => value.trim());
}

function nestedEntities(values: unknown[] | undefined): Properties[] {
  return (values ?? []).flatMap((value) =>
    typeof value === "object" && value !== null && "properties" in value ? [(value as { properties: Properties }).properties] : [],
  );
}
