import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { exportCsv } from "@/lib/briefings/export/csv";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import { exportMarkdown } from "@/lib/briefings/export/markdown";

// The Markdown and CSV of the fixed snapshot, byte for byte. After an intended change, regenerate with
// UPDATE_GOLDEN=1 npx vitest run lib/briefings/export/golden.test.ts, review the diff and commit it.

const goldenDir = fileURLToPath(new URL("./__golden__/", import.meta.url));

function expectGolden(name: string, actual: string): void {
  const path = `${goldenDir}${name}`;
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(path, actual);
  }
  expect(existsSync(path), `${name} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
  // Compared as bytes: a text comparison could hide a BOM or line-ending change.
  expect(Buffer.from(actual, "utf8").equals(readFileSync(path)), `${name} differs from the golden file`).toBe(true);
}

describe("golden exports of the fixture snapshot", () => {
  it("Markdown matches __golden__/briefing.md", () => {
    expectGolden("briefing.md", exportMarkdown(fixtureSnapshot));
  });

  it("CSV matches __golden__/briefing.csv", () => {
    expectGolden("briefing.csv", exportCsv(fixtureSnapshot));
  });
});
