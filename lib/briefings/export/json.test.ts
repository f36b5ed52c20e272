import { describe, expect, it } from "vitest";
import { fixtureSnapshot } from "@/lib/briefings/export/fixture";
import { exportJson } from "@/lib/briefings/export/json";
import { briefingSnapshotSchema } from "@/lib/briefings/snapshot";

describe("JSON export", () => {
  const json = exportJson(fixtureSnapshot);

  it("is the snapshot itself, pretty-printed", () => {
    expect(JSON.parse(json)).toEqual(fixtureSnapshot);
    expect(json).toMatch(/^\{\n {2}"formatVersion": 1,\n {2}"id": /);
    expect(json.endsWith("}\n")).toBe(true);
    expect(briefingSnapshotSchema.parse(JSON.parse(json))).toEqual(fixtureSnapshot);
    expect(JSON.parse(json).issues[0].owner).toEqual({ name: "Dana Analyst", email: "dana@example.org" });
  });

  it("reads a snapshot taken before issues had owners as unassigned", () => {
    const { owner: _owner, ...before } = fixtureSnapshot.issues[0]!;
    expect(briefingSnapshotSchema.parse({ ...fixtureSnapshot, issues: [before] }).issues[0]!.owner).toBeNull();
  });

  it("orders keys the same whatever order the input had", () => {
    const reversed = Object.fromEntries(Object.entries(fixtureSnapshot).reverse()) as typeof fixtureSnapshot;
    const shuffled = { ...reversed, filter: { q: "china", category: null, status: ["warning_issued", "measures_threatened"] } };
    expect(exportJson(shuffled)).toBe(json);
  });

  it("drops keys the schema does not know", () => {
    const extra = { ...fixtureSnapshot, internalNote: "not for export" } as typeof fixtureSnapshot;
    expect(exportJson(extra)).toBe(json);
  });
});
