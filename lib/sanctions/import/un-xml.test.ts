import { describe, expect, it } from "vitest";
import { openSanctionsFixture } from "../fixtures/fixtures";
import { collect, fileOf, importError } from "../testing";
import { importUnXml } from "./un-xml";

const ENTITY = "<ENTITY><DATAID>1</DATAID><FIRST_NAME>ACME</FIRST_NAME></ENTITY>";

describe("importUnXml on the UN consolidated list", () => {
  it("reads its 730 individuals and 273 entities with aliases, birth dates and documents", async () => {
    const entries = await collect(importUnXml(openSanctionsFixture("unConsolidated2026Feb27")));
    expect(entries.filter((entry) => entry.type === "person")).toHaveLength(730);
    expect(entries.filter((entry) => entry.type === "organization")).toHaveLength(273);

    const kakolele = entries.find((entry) => entry.sourceId === "6907994")!;
    expect(kakolele).toMatchObject({ name: "FRANK KAKOLELE BWAMBALE", programs: ["DRC"], listedOn: "2005-11-01" });
    expect(kakolele.aliases).toContainEqual({ name: "AIGLE BLANC", kind: "aka", quality: "strong" });
    expect(kakolele.countries).toContain("Democratic Republic of the Congo");

    const iyamuremye = entries.find((entry) => entry.sourceId === "6907995")!;
    expect(iyamuremye.aliases).toContainEqual({ name: "Rumuli", kind: "aka", quality: "weak" }); // QUALITY Low
    expect(iyamuremye.birthDates).toEqual(["1948"]);

    expect(entries.some((entry) => entry.aliases.some((alias) => alias.kind === "original_script"))).toBe(true);
    expect(entries.flatMap((entry) => entry.identifiers).some((id) => id.kind === "passport")).toBe(true);
  });
});

describe("importUnXml on bad or hostile files", () => {
  it("refuses a DOCTYPE, so no entity is expanded and nothing outside is fetched", async () => {
    const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
<CONSOLIDATED_LIST><ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>&lol2;</FIRST_NAME></ENTITY></ENTITIES></CONSOLIDATED_LIST>`;
    const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><CONSOLIDATED_LIST>&xxe;</CONSOLIDATED_LIST>`;
    for (const file of [billionLaughs, external]) {
      const error = await importError(importUnXml(fileOf(file)));
      expect(error.code).toBe("hostile");
      expect(error.location.line).toBe(1);
    }
  });

  it("refuses an entity reference that no DOCTYPE declared", async () => {
    const error = await importError(importUnXml(fileOf(`<CONSOLIDATED_LIST><ENTITIES>${ENTITY.replace("ACME", "&xxe;")}</ENTITIES></CONSOLIDATED_LIST>`)));
    expect(error.code).toBe("malformed");
  });

  it("names the line of an unclosed tag", async () => {
    const error = await importError(importUnXml(fileOf(`<CONSOLIDATED_LIST>\n<ENTITIES>\n${ENTITY}\n<ENTITY><DATAID>2</DATAID>\n`)));
    expect(error.code).toBe("malformed");
    expect(error.location.line).toBeGreaterThanOrEqual(4);
    expect(error.location.record).toBe("after 1");
  });

  it("refuses an empty file, and a list without entries", async () => {
    expect((await importError(importUnXml(fileOf("")))).code).toBe("empty");
    expect((await importError(importUnXml(fileOf("<CONSOLIDATED_LIST><ENTITIES/></CONSOLIDATED_LIST>")))).code).toBe("empty");
  });

  it("refuses bytes that are not UTF-8", async () => {
    const bytes = Buffer.concat([Buffer.from("<CONSOLIDATED_LIST>\n<ENTITIES>\n<ENTITY><DATAID>1</DATAID><FIRST_NAME>CAF"), Buffer.from([0xff])]);
    const error = await importError(importUnXml(fileOf(bytes)));
    expect(error).toMatchObject({ code: "encoding", location: { line: 3 } });
  });
});
