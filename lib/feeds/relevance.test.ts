import { describe, expect, it } from "vitest";
import type { IssueToMatch } from "@/lib/analysis/analyze";
import { itemRelevance } from "./relevance";

const machineTools: IssueToMatch = {
  id: "issue-machine-tools",
  title: "Export controls on machine tools",
  summary: "CNC machine tools reaching Russia's defense industry through third countries.",
  actors: [],
  hsCodes: ["8457"],
  tags: ["machine tools"],
  categorySlug: "dual-use-technology",
};
const banks: IssueToMatch = { id: "issue-banks", title: "Chinese banks facing secondary sanctions", summary: "", actors: [], hsCodes: [], tags: ["secondary sanctions"], categorySlug: "financial-institutions" };

describe("itemRelevance", () => {
  it("scores an item by the issue it speaks to most, and lists the issues best first", () => {
    const item = { title: "Treasury targets suppliers of machine tools to Russia", text: "OFAC designated suppliers of CNC machine tools and microelectronics to Russia's defense industrial base.", url: "https://home.treasury.gov/news/press-releases/jy2290" };
    const relevance = itemRelevance(item, [banks, machineTools]);
    expect(relevance.relevance).toBeGreaterThan(0);
    expect(relevance.issueIds[0]).toBe("issue-machine-tools");
  });

  it("answers 0 and no issues for an item that speaks to none, or a team without issues", () => {
    const item = { title: "Ministry opens a new visitor centre", text: "The visitor centre is open on weekdays.", url: null };
    expect(itemRelevance(item, [machineTools, banks])).toEqual({ relevance: 0, issueIds: [] });
    expect(itemRelevance(item, [])).toEqual({ relevance: 0, issueIds: [] });
  });
});
