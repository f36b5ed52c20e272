import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { briefingCsvRows, CSV_COLUMNS, exportCsv, neutralizeCell } from "@/lib/briefings/export/csv";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";

const FORMULA_START = /^[=+\-@\t\r]/;

function parse(csv: string): string[][] {
  const result = Papa.parse<string[]>(csv, { skipEmptyLines: true });
  expect(result.errors).toEqual([]);
  return result.data;
}

describe("neutralizeCell", () => {
  it.each(['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "\tx", "\rx"])("prefixes %j with a quote", (cell) => {
    expect(neutralizeCell(cell)).toBe(`'${cell}`);
  });

  it.each(["plain", "1+1", " =not at start", "", "'quoted"])("leaves %j alone", (cell) => {
    expect(neutralizeCell(cell)).toBe(cell);
  });
});

describe("CSV export", () => {
  const csv = exportCsv(fixtureSnapshot);

  it("starts with a UTF-8 BOM and uses CRLF rows", () => {
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
  });

  it("round-trips through papaparse to the same rows", () => {
    expect(parse(csv)).toEqual(briefingCsvRows(fixtureSnapshot));
  });

  it("has one row per issue × evidence item, and one row for an issue without evidence", () => {
    const [header, ...rows] = parse(csv);
    expect(header).toEqual([...CSV_COLUMNS]);
    const expected = fixtureSnapshot.issues.reduce((n, issue) => n + Math.max(issue.evidence.length, 1), 0);
    expect(rows).toHaveLength(expected);
    const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    const bare = rows.filter((row) => row[col("issue_title")] === "Microelectronics and chips supply");
    expect(bare).toHaveLength(1);
    expect(bare[0]?.[col("evidence_id")]).toBe("");
    // Issue fields are repeated on every evidence row.
    const dualUse = rows.filter((row) => row[col("issue_id")] === fixtureSnapshot.issues[0]?.id);
    expect(dualUse).toHaveLength(2);
    expect(new Set(dualUse.map((row) => row[col("status")]))).toEqual(new Set(["Measures threatened"]));
  });

  it("lets no cell start a formula", () => {
    const cells = parse(csv).flat();
    const offending = cells.filter((cell) => FORMULA_START.test(cell));
    expect(offending).toEqual([]);
  });

  it("keeps hostile values as text behind a leading quote", () => {
    const cells = parse(csv).flat();
    for (const evil of ['=HYPERLINK("https://example.invalid","Engines for cruise missiles")', "+1 unnamed supplier", "@SUM(1+1)"]) {
      expect(cells).toContain(`'${evil}`);
    }
    expect(cells.some((cell) => cell.startsWith("'-2 "))).toBe(true);
    expect(cells.some((cell) => cell.startsWith("'\tCN"))).toBe(true);
    expect(cells.some((cell) => cell.startsWith("'\rBlinken"))).toBe(true);
  });
});
