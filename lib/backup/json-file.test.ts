import { readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { jsonPieces, writeJsonFile } from "./json-file";

describe("JSON written in pieces", () => {
  const value = {
    format: "x",
    skipped: undefined,
    rows: [{ id: 1, tags: ["a", "b"], data: { deep: [{ deeper: [1, { at: new Date(0) }] }] }, gone: undefined }, null],
    teams: [{ rows: [{ text: "é \u2028 \"quoted\"", list: [undefined, 2] }], at: new Date(0) }],
  };

  it("is the text JSON.stringify makes", () => {
    expect([...jsonPieces(value)].join("")).toBe(JSON.stringify(value));
  });

  it("writes it to a file, a megabyte at a time", async () => {
    const file = join(tmpdir(), `json-file-${process.pid}.json`);
    const large = { rows: Array.from({ length: 5000 }, (_, i) => ({ i, text: "x".repeat(500) })) };
    await writeJsonFile(file, large);
    expect(readFileSync(file, "utf8")).toBe(JSON.stringify(large));
    rmSync(file);
  });
});
