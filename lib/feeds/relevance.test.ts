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
  it("scores an item by the analysis's relevance (0 to 1), and lists the issues best first", () => {
    const item = { title: "Treasury targets suppliers of machine tools to Russia", text: "OFAC designated suppliers of CNC machine tools and microelectronics to Russia's defense industrial base.", url: "https://home.treasury.gov/news/press-releases/jy2290" };
    const relevance = itemRelevance(item, [banks, machineTools]);
    expect(relevance.relevance).toBeGreaterThanOrEqual(0.5);
    expect(relevance.relevance).toBeLessThanOrEqual(1);
    expect(relevance.issueIds[0]).toBe("issue-machine-tools");
  });

  it("answers a low relevance and no issues for an item that speaks to none; 0 for a team without issues", () => {
    const item = { title: "Ministry opens a new visitor centre", text: "The visitor centre is open on weekdays.", url: null };
    const none = itemRelevance(item, [machineTools, banks]);
    expect(none.issueIds).toEqual([]);
    expect(none.relevance).toBeGreaterThan(0);
    expect(none.relevance).toBeLessThan(0.01);
    expect(itemRelevance(item, [])).toEqual({ relevance: 0, issueIds: [], reasons: [] });
  });

  it("ranks a game engine's release below a Treasury release on the watchlist", () => {
    const game = { title: "Engine 5.4 released", text: "The new version of our game engine renders 3D scenes faster and ships a physics engine for games.", url: null };
    const treasury = { title: "Treasury sanctions Chinese banks", text: "OFAC designated two Chinese banks that processed payments for Russia's defense sector, exposing them to secondary sanctions.", url: null };
    expect(itemRelevance(treasury, [banks, machineTools]).relevance).toBeGreaterThan(itemRelevance(game, [banks, machineTools]).relevance);
  });

  it("scores each item of a poll as if alone: what is remembered of the watchlist between items changes no score", () => {
    const items = [
      { title: "Treasury targets suppliers of machine tools to Russia", text: "OFAC designated suppliers of CNC machine tools to Russia's defense industrial base.", url: null },
      { title: "Treasury sanctions Chinese banks", text: "Two Chinese banks face secondary sanctions for payments to Russia.", url: null },
      { title: "Ministry opens a new visitor centre", text: "The visitor centre is open on weekdays.", url: null },
    ];
    const watchlist = [banks, machineTools];
    const together = items.map((item) => itemRelevance(item, watchlist));
    const alone = items.map((item) => itemRelevance(item, structuredClone(watchlist)));
    expect(together).toEqual(alone);
    const changed = [{ ...banks, tags: ["machine tools"] }, { ...machineTools, tags: [] }];
    expect(itemRelevance(items[0]!, changed)).toEqual(itemRelevance(items[0]!, structuredClone(changed)));
  });
});
