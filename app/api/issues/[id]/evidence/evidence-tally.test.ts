import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Reliability, Stance } from "@/lib/generated/prisma/enums";
import { evidenceTotals } from "@/lib/services/issue-evidence";
import { withTestDatabase } from "@/lib/testing/db";
import { createTestIssue, createTestTeam, purgeTeam, type TestTeam } from "@/lib/testing/factories";

// An issue's evidence totals are read from a tally the database keeps (evidence_tally, issue 17). Whatever
// way evidence, documents and sources change, the tally must say what counting the evidence says: the
// evidence added in bulk, regraded, moved to another issue or deleted, a document moved to another source
// or left without one, a source regraded or deleted. A fixed seed keeps runs reproducible.

withTestDatabase();

const RUNS = 12;
const SEED = 20261202;
const STANCES: Stance[] = ["escalating", "de_escalating", "context"];
const RELIABILITIES: Reliability[] = ["A", "B", "C", "D", "E", "F"];
const TEXT = "Officials confirmed the shipment.";

let team: TestTeam;
beforeAll(async () => {
  team = await createTestTeam("Tally team");
});
afterAll(async () => {
  await purgeTeam(team.teamId);
});

type Step =
  | { kind: "add"; issue: number; document: number; stance: number; credibility: number; times: number }
  | { kind: "regrade evidence"; pick: number; stance: number; credibility: number }
  | { kind: "move evidence"; pick: number; issue: number }
  | { kind: "delete evidence"; pick: number }
  | { kind: "move document"; document: number; source: number | null }
  | { kind: "regrade source"; source: number; reliability: number }
  | { kind: "delete source"; source: number };

const index = fc.nat({ max: 2 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant("add" as const), issue: index, document: index, stance: index, credibility: fc.integer({ min: 1, max: 6 }), times: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant("regrade evidence" as const), pick: fc.nat(), stance: index, credibility: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ kind: fc.constant("move evidence" as const), pick: fc.nat(), issue: index }),
  fc.record({ kind: fc.constant("delete evidence" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("move document" as const), document: index, source: fc.option(index, { nil: null }) }),
  fc.record({ kind: fc.constant("regrade source" as const), source: index, reliability: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant("delete source" as const), source: index }),
);

/** What counting the evidence says, in the tally's terms: a document without a source grades F. */
async function counted(issueIds: string[]) {
  const rows = await db.evidence.findMany({
    where: { issueId: { in: issueIds } },
    select: { issueId: true, stance: true, credibility: true, document: { select: { source: { select: { reliability: true } } } } },
  });
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = [row.issueId, row.stance, row.document.source?.reliability ?? "F", row.credibility].join(" ");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b));
}

async function tallied(issueIds: string[]) {
  const rows = await db.evidenceTally.findMany({ where: { issueId: { in: issueIds } } });
  return rows.map((row) => [[row.issueId, row.stance, row.reliability, row.credibility].join(" "), row.count] as [string, number]).sort(([a], [b]) => a.localeCompare(b));
}

describe("evidence_tally, the issue's totals", () => {
  it("says what counting the evidence says, whatever changes", { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const issues = await Promise.all([0, 1, 2].map((i) => createTestIssue(team.actors.analyst, { title: `Tallied ${i}` })));
        const issueIds = issues.map((i) => i.id);
        const sources = await Promise.all(RELIABILITIES.slice(0, 3).map((reliability, i) => db.source.create({ data: { teamId: team.teamId, name: `Source ${i} ${randomBytes(4).toString("hex")}`, reliability } })));
        const sourceIds: (string | null)[] = sources.map((s) => s.id);
        const documents = await Promise.all([0, 1, 2].map((i) =>
          db.document.create({ data: { teamId: team.teamId, sourceId: i < 2 ? sourceIds[i] : null, title: `Document ${i}`, text: TEXT, contentHash: randomBytes(8).toString("hex") } }),
        ));
        const evidence = async () => (await db.evidence.findMany({ where: { issueId: { in: issueIds } }, select: { id: true }, orderBy: { id: "asc" } })).map((e) => e.id);
        const picked = async (pick: number) => {
          const ids = await evidence();
          return ids.length ? ids[pick % ids.length]! : null;
        };

        for (const s of steps) {
          if (s.kind === "add") {
            const row = { teamId: team.teamId, issueId: issueIds[s.issue]!, documentId: documents[s.document]!.id, quote: TEXT, quoteStart: 0, quoteEnd: TEXT.length, credibility: s.credibility, stance: STANCES[s.stance]! };
            await db.evidence.createMany({ data: Array.from({ length: s.times }, () => row) });
          } else if (s.kind === "regrade evidence") {
            const id = await picked(s.pick);
            if (id) await db.evidence.update({ where: { id }, data: { stance: STANCES[s.stance]!, credibility: s.credibility } });
          } else if (s.kind === "move evidence") {
            const id = await picked(s.pick);
            if (id) await db.evidence.update({ where: { id }, data: { issueId: issueIds[s.issue]! } });
          } else if (s.kind === "delete evidence") {
            const id = await picked(s.pick);
            if (id) await db.evidence.delete({ where: { id } });
          } else if (s.kind === "move document") {
            const sourceId = s.source === null ? null : sourceIds[s.source]!;
            await db.document.update({ where: { id: documents[s.document]!.id }, data: { sourceId } });
          } else if (s.kind === "regrade source") {
            const id = sourceIds[s.source];
            if (id) await db.source.update({ where: { id }, data: { reliability: RELIABILITIES[s.reliability]! } });
          } else {
            const id = sourceIds[s.source];
            if (id) {
              await db.source.delete({ where: { id } });
              sourceIds[s.source] = null;
            }
          }
          expect(await tallied(issueIds)).toEqual(await counted(issueIds));
        }

        // The totals the issue reports add up to its evidence.
        for (const issueId of issueIds) {
          const totals = await evidenceTotals(issueId);
          const count = await db.evidence.count({ where: { issueId } });
          expect(totals.total).toBe(count);
          expect(totals.byGrade.reduce((sum, g) => sum + g.count, 0)).toBe(count);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it("empties with the issue's evidence, and goes with the issue", async () => {
    const issue = await createTestIssue(team.actors.analyst, { title: "Emptied" });
    const document = await db.document.create({ data: { teamId: team.teamId, title: "Emptied", text: TEXT, contentHash: randomBytes(8).toString("hex") } });
    await db.evidence.createMany({ data: [1, 2, 3].map((credibility) => ({ teamId: team.teamId, issueId: issue.id, documentId: document.id, quote: TEXT, quoteStart: 0, quoteEnd: TEXT.length, credibility, stance: "context" as const })) });
    expect(await db.evidenceTally.count({ where: { issueId: issue.id } })).toBe(3);
    await db.evidence.deleteMany({ where: { issueId: issue.id, credibility: { lt: 3 } } });
    expect(await db.evidenceTally.findMany({ where: { issueId: issue.id }, select: { credibility: true, count: true } })).toEqual([{ credibility: 3, count: 1 }]);
    await db.issue.delete({ where: { id: issue.id } });
    expect(await db.evidenceTally.count({ where: { issueId: issue.id } })).toBe(0);
  });
});
