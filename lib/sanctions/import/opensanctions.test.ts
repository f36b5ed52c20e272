import { describe, expect, it } from "vitest";
import { collect, fileOf, importError } from "../testing";
import { importFtmJson } from "./ftm-json";
import { importOpenSanctionsCsv } from "./opensanctions-csv";

// Rows as OpenSanctions publishes them (targets.simple.csv and entities.ftm.json), cut down to a few.
const SIMPLE_CSV = `id,schema,name,aliases,birth_date,countries,addresses,identifiers,sanctions,phones,emails,program_ids,dataset,first_seen,last_seen,last_change
NK-a1,Company,"Shenzhen Blue Hat Trading Co., Ltd.","Blue Hat Trading;深圳蓝帽贸易有限公司",,cn;hk,"Room 5, Futian, Shenzhen",91440300MA5F;IMO 9187629,"OFAC SDN",,,RUSSIA-EO14024,us_ofac_sdn,2024-05-01,2024-05-02,2024-05-01
NK-b2,Person,"Ivan Petrov","Иван Петров",1960-01-01,ru,,,"EU 269/2014",,,,eu_fsf,2022-03-01,2024-05-01,2024-05-01
addr-1,Address,"Room 5",,,,,,,,,,,,,
`;

const FTM_LINES = [
  { id: "os-1", schema: "Vessel", properties: { name: ["SEA BREEZE"], imoNumber: ["9187629"], flag: ["pa"], weakAlias: ["BREEZE"] } },
  { id: "san-1", schema: "Sanction", properties: { entity: ["os-2"], program: ["EO 14024"] } },
  {
    id: "os-2",
    schema: "Person",
    properties: { name: ["Ivan Petrov", "Иван Петров"], birthDate: ["1960-01-01"], nationality: ["ru"], previousName: ["Ivan Sidorov"] },
    sanctions: [],
  },
  {
    id: "os-3",
    schema: "Company",
    properties: { name: ["ACME LLC"], sanctions: [{ id: "s", schema: "Sanction", properties: { programId: ["US-RUSSIA"], listingDate: ["2024-05-01"] } }] },
  },
]
  .map((line) => JSON.stringify(line))
  .join("\n");

describe("importOpenSanctionsCsv", () => {
  it("reads targets with their aliases, countries, identifiers and programs, and skips other schemas", async () => {
    const entries = await collect(importOpenSanctionsCsv(fileOf(SIMPLE_CSV)));
    expect(entries.map((entry) => entry.sourceId)).toEqual(["NK-a1", "NK-b2"]);
    expect(entries[0]).toMatchObject({
      type: "organization",
      name: "Shenzhen Blue Hat Trading Co., Ltd.",
      countries: ["cn", "hk"],
      programs: ["RUSSIA-EO14024"],
    });
    expect(entries[0]!.aliases.map((alias) => alias.name)).toEqual(["Blue Hat Trading", "深圳蓝帽贸易有限公司"]);
    expect(entries[0]!.identifiers.map((id) => id.value)).toEqual(["91440300MA5F", "IMO 9187629"]);
    expect(entries[1]).toMatchObject({ type: "person", birthDates: ["1960-01-01"], programs: ["EU 269/2014"] });
  });

  it("refuses a file without the columns it needs, a row of another width, and an empty file", async () => {
    expect((await importError(importOpenSanctionsCsv(fileOf("name,country\nACME,ru\n")))).code).toBe("malformed");
    const short = await importError(importOpenSanctionsCsv(fileOf(`${SIMPLE_CSV}NK-c3,Company,Short\n`)));
    expect(short.location.line).toBe(5);
    expect((await importError(importOpenSanctionsCsv(fileOf("")))).code).toBe("empty");
  });
});

describe("importFtmJson", () => {
  it("reads targets, their names, aliases, identifiers and nested sanctions; skips other schemas", async () => {
    const entries = await collect(importFtmJson(fileOf(FTM_LINES)));
    expect(entries.map((entry) => entry.sourceId)).toEqual(["os-1", "os-2", "os-3"]);
    expect(entries[0]).toMatchObject({ type: "vessel", countries: ["pa"], aliases: [{ name: "BREEZE", kind: "aka", quality: "weak" }] });
    expect(entries[0]!.identifiers).toEqual([{ kind: "imo", value: "9187629", label: "imoNumber", country: null }]);
    expect(entries[1]!.aliases).toEqual([
      { name: "Иван Петров", kind: "aka", quality: "strong" },
      { name: "Ivan Sidorov", kind: "fka", quality: "strong" },
    ]);
    expect(entries[2]).toMatchObject({ programs: ["US-RUSSIA"], listedOn: "2024-05-01" });
  });

  it("names the line that is not JSON, or not an entity", async () => {
    const broken = await importError(importFtmJson(fileOf(`${FTM_LINES}\n{"id": "os-4", "schema": "Person", "properties": {`)));
    expect(broken).toMatchObject({ code: "malformed", location: { line: 5 } });
    const notEntity = await importError(importFtmJson(fileOf('[1, 2]\n')));
    expect(notEntity.location.line).toBe(1);
    expect((await importError(importFtmJson(fileOf("\n\n")))).code).toBe("empty");
  });
});
