import { describe, expect, it } from "vitest";
import { openSanctionsFixture } from "../fixtures/fixtures";
import { collect, fileOf, importError } from "../testing";
import { importOfacCsv } from "./ofac-csv";
import { ofacDate } from "./ofac-remarks";

const ROW = '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';

describe("importOfacCsv on OFAC's releases", () => {
  it("reads the 26 April and 1 May 2024 sdn.csv: 14,668 then 14,966 entries, 298 added", async () => {
    const april = await collect(importOfacCsv({ sdn: openSanctionsFixture("ofacSdn2024Apr26") }));
    const may = await collect(importOfacCsv({ sdn: openSanctionsFixture("ofacSdn2024May01") }));
    expect(april).toHaveLength(14_668);
    expect(may).toHaveLength(14_966);
    const aprilIds = new Set(april.map((entry) => entry.sourceId));
    const added = may.filter((entry) => !aprilIds.has(entry.sourceId));
    expect(added).toHaveLength(298);
    expect(added.filter((entry) => entry.programs.includes("RUSSIA-EO14024")).length).toBeGreaterThan(250);
  });

  it("refuses the empty file a scraper saved on 4 May 2024", async () => {
    const error = await importError(importOfacCsv({ sdn: openSanctionsFixture("ofacSdn2024May04Empty") }));
    expect(error.code).toBe("empty");
  });

  it("links the 2019 set's aliases, addresses and overflow remarks by ent_num", async () => {
    const entries = await collect(
      importOfacCsv({
        sdn: openSanctionsFixture("ofac2019Sdn"),
        alt: openSanctionsFixture("ofac2019Alt"),
        add: openSanctionsFixture("ofac2019Add"),
        comments: openSanctionsFixture("ofac2019Comments"),
      }),
    );
    expect(entries).toHaveLength(7_379);
    expect(entries.flatMap((entry) => entry.aliases.filter((alias) => alias.quality === "strong"))).toHaveLength(9_682);
    expect(entries.flatMap((entry) => entry.addresses)).toHaveLength(11_696);

    const bank = entries.find((entry) => entry.sourceId === "306")!;
    expect(bank.type).toBe("organization");
    expect(bank.aliases).toEqual([
      { name: "BNC", kind: "aka", quality: "weak" }, // from the remarks: "a.k.a. 'BNC'."
      { name: "NATIONAL BANK OF CUBA", kind: "aka", quality: "strong" }, // from alt.csv
    ]);
    expect(bank.addresses[0]).toMatchObject({ street: "Zweierstrasse 35", city: "Zurich CH-8022", country: "Switzerland" });

    const cifuentes = entries.find((entry) => entry.sourceId === "12300")!;
    expect(cifuentes.remarks).toContain("Linked To: R D I S.A."); // the end of the remarks sits in sdn_comments.csv
    expect(cifuentes.birthDates).toEqual(["1965-05-13", "1968-04-13", "1964-07-07"]);
    expect(cifuentes.identifiers).toContainEqual({ kind: "passport", value: "AL720622", label: "Passport", country: "Colombia" });
    expect(cifuentes.identifiers).toContainEqual({ kind: "national_id", value: "70163752", label: "Cedula No.", country: "Colombia" });
  });

  it("reads types, programs, vessels' IMO numbers and call signs", async () => {
    const entries = await collect(importOfacCsv({ sdn: openSanctionsFixture("ofacSdn2024May01") }));
    const types = new Set(entries.map((entry) => entry.type));
    expect(types).toEqual(new Set(["person", "organization", "vessel", "aircraft"]));
    const vessel = entries.find((entry) => entry.type === "vessel" && entry.identifiers.some((id) => id.kind === "imo"))!;
    expect(vessel.identifiers.find((id) => id.kind === "imo")!.value).toMatch(/^\d{7}$/);
    expect(entries.filter((entry) => entry.programs.length > 1).length).toBeGreaterThan(100);
  });
});

describe("importOfacCsv on bad files", () => {
  it("names the line of a row with the wrong number of columns", async () => {
    const error = await importError(importOfacCsv({ sdn: fileOf(`${ROW}173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA"\r\n`) }));
    expect(error.code).toBe("malformed");
    expect(error.location).toMatchObject({ file: "sdn.csv", line: 2 });
    expect(error.message).toContain("4 columns where 12 were expected");
  });

  it("names the line holding bytes that are not UTF-8", async () => {
    const bad = Buffer.concat([Buffer.from(ROW + ROW), Buffer.from('37,"CAF'), Buffer.from([0xc9]), Buffer.from(`",${ROW.slice(29)}`)]);
    const error = await importError(importOfacCsv({ sdn: fileOf(bad) }));
    expect(error.code).toBe("encoding");
    expect(error.location.line).toBe(3);
  });

  it("refuses an unclosed quote", async () => {
    const error = await importError(importOfacCsv({ sdn: fileOf(`${ROW}37,"NEVER CLOSED,-0- ,-0-\r\n`) }));
    expect(error.code).toBe("malformed");
  });

  it("refuses a side file out of ent_num order, which would lose links", async () => {
    const alt = fileOf('36,12,"aka","AERO-CARIBBEAN",-0- \r\n10,13,"aka","OTHER",-0- \r\n');
    const error = await importError(importOfacCsv({ sdn: fileOf(ROW), alt }));
    expect(error.location).toMatchObject({ file: "alt.csv", line: 2 });
  });

  it("drops OFAC's closing \\x1a byte but refuses a file of nothing else", async () => {
    expect(await collect(importOfacCsv({ sdn: fileOf(`${ROW}\x1a`) }))).toHaveLength(1);
    expect((await importError(importOfacCsv({ sdn: fileOf("\x1a") }))).code).toBe("empty");
  });
});

describe("ofacDate", () => {
  it("reads OFAC's dates as precisely as they are written", () => {
    expect(ofacDate("10 Dec 1948")).toBe("1948-12-10");
    expect(ofacDate("Dec 1948")).toBe("1948-12");
    expect(ofacDate("circa 1960")).toBe("1960");
    expect(ofacDate("1960 to 1962")).toBe("1960");
    expect(ofacDate("unknown")).toBeNull();
  });
});
