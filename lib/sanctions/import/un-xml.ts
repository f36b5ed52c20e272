// The UN Security Council consolidated list (XML): CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL and ENTITIES/ENTITY.
import type { Readable } from "node:stream";
import { SaxesParser } from "saxes";
import { addUnique, newEntry, type Address, type AliasKind, type SanctionsEntry } from "../entry";
import { SanctionsImportError } from "../errors";
import { utf8Chunks } from "./text";

/** One element of a record, kept only while its record is read (a record is a few kilobytes). */
interface Element {
  name: string;
  text: string;
  children: Element[];
}

const RECORDS = new Set(["INDIVIDUAL", "ENTITY"]);

/**
 * The entries of a UN consolidated list, streamed: each INDIVIDUAL or ENTITY is built as a small tree and handed
 * out when it closes. A DOCTYPE is refused, so no entity can be declared, expanded or fetched from outside.
 */
export async function* importUnXml(input: Readable): AsyncGenerator<SanctionsEntry> {
  const parser = new SaxesParser({ position: true });
  const ready: SanctionsEntry[] = [];
  const open: Element[] = [];
  let lastId: string | undefined;
  let count = 0;
  let seenText = false;

  parser.on("doctype", () => {
    throw new SanctionsImportError("hostile", "a DOCTYPE is not accepted (no entities, no external references)", {
      line: parser.line,
    });
  });
  parser.on("opentag", (tag) => {
    if (open.length > 0 || RECORDS.has(tag.name)) open.push({ name: tag.name, text: "", children: [] });
  });
  const addText = (text: string) => {
    const current = open.at(-1);
    if (current) current.text += text;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  parser.on("closetag", () => {
    const closed = open.pop();
    if (!closed) return;
    const parent = open.at(-1);
    if (parent) parent.children.push(closed);
    else {
      const entry = unEntry(closed, parser.line);
      lastId = entry.sourceId;
      ready.push(entry);
    }
  });

  const fail = (error: unknown): never => {
    if (error instanceof SanctionsImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new SanctionsImportError("malformed", message, { line: parser.line, record: lastId && `after ${lastId}` });
  };

  for await (const chunk of utf8Chunks(input)) {
    seenText ||= chunk.trim().length > 0;
    try {
      parser.write(chunk);
    } catch (error) {
      fail(error);
    }
    count += ready.length;
    yield* ready.splice(0);
  }
  if (!seenText) throw new SanctionsImportError("empty", "the file is empty");
  try {
    parser.close();
  } catch (error) {
    fail(error);
  }
  count += ready.length;
  yield* ready.splice(0);
  if (count === 0) throw new SanctionsImportError("empty", "the file holds no INDIVIDUAL or ENTITY");
}

function child(element: Element, name: string): string | null {
  const text = element.children.find((c) => c.name === name)?.text.trim();
  return text ? text : null;
}

function all(element: Element, name: string): Element[] {
  return element.children.filter((c) => c.name === name);
}

/** The VALUE children of e.g. NATIONALITY, or of each of several UN_LIST_TYPE-like wrappers. */
function values(element: Element, name: string): string[] {
  return all(element, name).flatMap((wrapper) => all(wrapper, "VALUE").map((v) => v.text.trim()).filter(Boolean));
}

function unEntry(record: Element, line: number): SanctionsEntry {
  const id = child(record, "DATAID");
  if (!id) throw new SanctionsImportError("malformed", `${record.name} without DATAID`, { line });
  const person = record.name === "INDIVIDUAL";
  const nameParts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"].map((part) => child(record, part));
  const entry = newEntry(id, person ? "person" : "organization", nameParts.filter(Boolean).join(" "));
  addUnique(entry.programs, child(record, "UN_LIST_TYPE"));
  entry.listedOn = child(record, "LISTED_ON");
  entry.remarks = child(record, "COMMENTS1");
  addUnique(entry.countries, ...values(record, "NATIONALITY"));

  for (const alias of all(record, person ? "INDIVIDUAL_ALIAS" : "ENTITY_ALIAS")) {
    const name = child(alias, "ALIAS_NAME");
    if (!name) continue;
    const quality = child(alias, "QUALITY")?.toLowerCase() ?? "";
    const kind: AliasKind = quality === "f.k.a." ? "fka" : "aka";
    entry.aliases.push({ name, kind, quality: quality === "low" ? "weak" : "strong" });
  }
  for (const original of all(record, "NAME_ORIGINAL_SCRIPT")) {
    const name = original.text.trim();
    if (name) entry.aliases.push({ name, kind: "original_script", quality: "strong" });
  }
  for (const element of all(record, person ? "INDIVIDUAL_ADDRESS" : "ENTITY_ADDRESS")) {
    const address: Address = {
      street: child(element, "STREET"),
      city: child(element, "CITY"),
      region: child(element, "STATE_PROVINCE"),
      postalCode: child(element, "ZIP_CODE"),
      country: child(element, "COUNTRY"),
      note: child(element, "NOTE"),
    };
    if (Object.values(address).some(Boolean)) entry.addresses.push(address);
    addUnique(entry.countries, address.country);
  }
  for (const birth of all(record, "INDIVIDUAL_DATE_OF_BIRTH")) {
    addUnique(entry.birthDates, child(birth, "DATE")?.slice(0, 10), child(birth, "YEAR"), child(birth, "FROM_YEAR"), child(birth, "TO_YEAR"));
  }
  for (const document of all(record, "INDIVIDUAL_DOCUMENT")) {
    const number = child(document, "NUMBER");
    if (!number) continue;
    const label = child(document, "TYPE_OF_DOCUMENT") ?? "Document";
    const kind = /passport/i.test(label) ? "passport" : /national identification/i.test(label) ? "national_id" : "other";
    entry.identifiers.push({ kind, value: number, label, country: child(document, "ISSUING_COUNTRY") ?? child(document, "COUNTRY_OF_ISSUE") });
  }
  return entry;
}
