import { describe, expect, it } from "vitest";
import { issueStatuses, suggestsDesignationsInForce } from "./status";

describe("suggesting the status designations_in_force", () => {
  it("suggests it for an open issue whose actor is designated", () => {
    expect(issueStatuses.filter((status) => suggestsDesignationsInForce(status, true))).toEqual(["monitoring", "warning_issued", "measures_threatened", "measures_announced"]);
  });
  it("never suggests it without a confirmed designation", () => {
    expect(issueStatuses.filter((status) => suggestsDesignationsInForce(status, false))).toEqual([]);
  });
});
