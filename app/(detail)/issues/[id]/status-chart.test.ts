import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/validation/issues";
import { judgmentTimeline } from "./status-chart";

let n = 0;
const event = (action: string, at: string, change: { before?: unknown; after?: unknown; entityType?: string } = {}): HistoryEvent => ({
  id: String(++n),
  at,
  actor: "Analyst",
  action,
  entityType: change.entityType ?? "issue",
  entityId: "issue-1",
  before: change.before ?? null,
  after: change.after ?? null,
});

describe("judgmentTimeline", () => {
  it("starts at creation and adds a point at each status or likelihood move, with its rationale", () => {
    const history = [
      event("created", "2024-04-01T10:00:00.000Z", { after: { title: "Chips", status: "monitoring", likelihood: "unlikely", impact: 3 } }),
      event("evidence_added", "2024-04-02T10:00:00.000Z", { entityType: "evidence", after: { issueId: "issue-1", status: "lifted" } }),
      event("updated", "2024-04-03T10:00:00.000Z", { before: { impact: 3 }, after: { impact: 4, version: 2 } }),
      event("status_changed", "2024-04-10T10:00:00.000Z", { before: { status: "monitoring" }, after: { status: "warning_issued", rationale: "Warning delivered", version: 3 } }),
      event("likelihood_changed", "2024-04-20T10:00:00.000Z", { before: { likelihood: "unlikely" }, after: { likelihood: "likely", rationale: "Officials confirm" } }),
      event("status_changed", "2024-04-30T10:00:00.000Z", { before: { status: "warning_issued", likelihood: "likely" }, after: { status: "measures_announced", likelihood: "almost_certain", rationale: "Announced" } }),
    ];
    expect(judgmentTimeline(history)).toEqual([
      { at: "2024-04-01T10:00:00.000Z", status: "monitoring", likelihood: "unlikely", actor: "Analyst", rationale: null },
      { at: "2024-04-10T10:00:00.000Z", status: "warning_issued", likelihood: "unlikely", actor: "Analyst", rationale: "Warning delivered" },
      { at: "2024-04-20T10:00:00.000Z", status: "warning_issued", likelihood: "likely", actor: "Analyst", rationale: "Officials confirm" },
      { at: "2024-04-30T10:00:00.000Z", status: "measures_announced", likelihood: "almost_certain", actor: "Analyst", rationale: "Announced" },
    ]);
  });

  it("without a creation event, takes the starting values from the first change's before", () => {
    const history = [
      event("status_changed", "2024-05-01T00:00:00.000Z", { before: { status: "monitoring", likelihood: "likely" }, after: { status: "resolved", rationale: "Done" } }),
    ];
    expect(judgmentTimeline(history)).toEqual([{ at: "2024-05-01T00:00:00.000Z", status: "resolved", likelihood: "likely", actor: "Analyst", rationale: "Done" }]);
  });

  it("is empty when no judgment is known", () => {
    expect(judgmentTimeline([])).toEqual([]);
    expect(judgmentTimeline([event("updated", "2024-05-01T00:00:00.000Z", { after: { title: "x" } })])).toEqual([]);
  });
});
