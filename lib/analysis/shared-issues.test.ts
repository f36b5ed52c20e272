import { describe, expect, it } from "vitest";
import type { IssueToMatch } from "./issues";
import { residentIssues, shareIssues } from "./shared-issues";

const issue = (id: string, title: string): IssueToMatch => ({ id, title, summary: "", categorySlug: "chips", actors: ["Huawei"], hsCodes: ["8542.31"], tags: [] });

describe("shared issues", () => {
  it("cross as shared memory, read once per name: the same list comes back for as long as the name does", () => {
    const issues = [issue("1", "Export controls on AI chips"), issue("2", "Chinese banks")];
    const shared = shareIssues("team-a 2:3:2026-12-03T00:00:00.000Z", issues);
    expect(shared.issues).toBeInstanceOf(SharedArrayBuffer);
    const first = residentIssues(shared);
    expect(first).toEqual(issues);
    expect(residentIssues(structuredClone(shared))).toBe(first); // a later call, its own copy of the handle
  });

  it("reads a new state of the watchlist under its new name", () => {
    const before = residentIssues(shareIssues("team-b 1:1:x", [issue("1", "Old title")]));
    const after = residentIssues(shareIssues("team-b 1:2:y", [issue("1", "New title")]));
    expect(before[0]!.title).toBe("Old title");
    expect(after[0]!.title).toBe("New title");
  });

  it("keeps a few teams' lists, the least recently used going first", () => {
    const lists = Array.from({ length: 9 }, (_, i) => shareIssues(`team-${i} 1:1:z`, [issue("1", `Issue of team ${i}`)]));
    const firstRead = residentIssues(lists[0]!);
    for (const list of lists.slice(1)) residentIssues(list);
    const again = residentIssues(lists[0]!);
    expect(again).toEqual(firstRead);
    expect(again).not.toBe(firstRead); // dropped after eight others, read again
  });

  it("takes a plain list as it is", () => {
    const issues = [issue("1", "Engines")];
    expect(residentIssues(issues)).toBe(issues);
  });
});
